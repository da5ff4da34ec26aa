import type MiniSearch from 'minisearch';
import { assertPostingsLayout } from './termPostings';

/** One document's score for a query, as MiniSearch's `search` gives it. */
export interface Bm25Hit {
  /** The document's place in the index (its MiniSearch short id: the order it was added in). */
  doc: number;
  score: number;
}

/** A packed index as data for the models artifact (which stores the typed arrays as their bytes). */
export interface PackedBm25Model {
  terms: string[];
  offsets: Uint32Array;
  docs: Uint32Array;
  weights: Float64Array;
  documentCount: number;
}

/** MiniSearch's BM25+ parameters (its defaults, which the matcher's indexes use). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * A MiniSearch index of one field reduced to what a search reads: every term's documents with the term's BM25
 * weight in each, computed once at `npm run build`. A query then adds up weights from three typed arrays,
 * where MiniSearch builds maps, result objects and term lists per term and document (0.3 ms of the guidance
 * turn's 0.7 ms for the two indexes). `search` returns exactly what MiniSearch's `search` returns for the
 * same terms: the same documents, bit-identical scores, the same order (test: packedBm25.test.ts).
 */
export class PackedBm25 {
  private readonly indexOf: Map<string, number>;
  // Scratch for one synchronous search: no allocation per document or term.
  private readonly scores: Float64Array;
  private readonly matchedTerms: Uint16Array;
  /** `termSearched[i] === generation`: term i already occurred in this search's query (no scan per term). */
  private readonly termSearched: Uint32Array;
  private generation = 0;
  /**
   * What the last `score` reached: `reachedDocs[i]` with score `reachedScores[i]`, i < its return value, in the
   * order documents were first reached. Overwritten by the next search: read before anything else searches.
   */
  readonly reachedDocs: Uint32Array;
  readonly reachedScores: Float64Array;

  constructor(
    readonly terms: readonly string[],
    /** Term i's postings are entries offsets[i]..offsets[i+1] of `docs` and `weights`, docs ascending. */
    readonly offsets: Uint32Array,
    readonly docs: Uint32Array,
    readonly weights: Float64Array,
    readonly documentCount: number,
  ) {
    assertConsistent(terms, offsets, docs, weights, documentCount);
    this.indexOf = new Map(terms.map((term, i) => [term, i]));
    this.scores = new Float64Array(documentCount);
    this.matchedTerms = new Uint16Array(documentCount);
    this.termSearched = new Uint32Array(terms.length);
    this.reachedDocs = new Uint32Array(documentCount);
    this.reachedScores = new Float64Array(documentCount);
  }

  /** The weights MiniSearch would compute at search time, from its index of field `field` (no fuzzy, no prefix). */
  static fromMiniSearch<T>(index: MiniSearch<T>, field: string): PackedBm25 {
    const js = index.toJSON();
    const fieldId = js.fieldIds[field]!;
    const averageLength = js.averageFieldLength[fieldId]!;
    const terms: string[] = [];
    const offsets: number[] = [0];
    const docs: number[] = [];
    const weights: number[] = [];
    for (const [term, data] of js.index) {
      const frequencies = data[fieldId];
      if (!frequencies) continue;
      // Integer keys iterate ascending: the order MiniSearch visits a loaded index's documents in.
      const entries = Object.entries(frequencies);
      for (const [doc, frequency] of entries) {
        const length = js.fieldLength[doc]![fieldId]!;
        docs.push(Number(doc));
        weights.push(bm25(frequency, entries.length, js.documentCount, length, averageLength));
      }
      terms.push(term);
      offsets.push(docs.length);
    }
    return new PackedBm25(
      terms,
      Uint32Array.from(offsets),
      Uint32Array.from(docs),
      Float64Array.from(weights),
      js.documentCount,
    );
  }

  static fromModel(model: PackedBm25Model): PackedBm25 {
    return new PackedBm25(model.terms, model.offsets, model.docs, model.weights, model.documentCount);
  }

  toModel(): PackedBm25Model {
    return {
      terms: [...this.terms],
      offsets: this.offsets.slice(),
      docs: this.docs.slice(),
      weights: this.weights.slice(),
      documentCount: this.documentCount,
    };
  }

  /**
   * MiniSearch's OR search over `queryTerms` (duplicates count as often as they occur, as there): each document's
   * weights summed in query order, times the number of distinct query terms it has; best first, ties in the
   * order documents were first reached.
   */
  search(queryTerms: readonly string[]): Bm25Hit[] {
    const count = this.score(queryTerms);
    const hits: Bm25Hit[] = [];
    for (let i = 0; i < count; i++) hits.push({ doc: this.reachedDocs[i]!, score: this.reachedScores[i]! });
    // Array.prototype.sort is stable: equal scores keep the order documents were reached in, as MiniSearch's.
    return hits.sort((a, b) => b.score - a.score);
  }

  /**
   * The scores `search` sorts, unsorted and without an object per document: the number of documents reached,
   * which are `reachedDocs[0..n)` with `reachedScores[0..n)` in the order they were first reached (the order
   * `search` breaks ties in).
   */
  score(queryTerms: readonly string[]): number {
    const { scores, matchedTerms, reachedDocs, reachedScores } = this;
    let reached = 0;
    const generation = this.nextGeneration();
    for (let q = 0; q < queryTerms.length; q++) {
      const i = this.indexOf.get(queryTerms[q]!);
      if (i === undefined) continue;
      const firstOccurrence = this.termSearched[i] !== generation;
      this.termSearched[i] = generation;
      for (let p = this.offsets[i]!; p < this.offsets[i + 1]!; p++) {
        const doc = this.docs[p]!;
        if (matchedTerms[doc] === 0) {
          reachedDocs[reached++] = doc;
          scores[doc] = this.weights[p]!;
        } else scores[doc] = scores[doc]! + this.weights[p]!;
        // A repeated query term adds its weight again but is one matched term (MiniSearch's `terms` list).
        if (firstOccurrence) matchedTerms[doc] = matchedTerms[doc]! + 1;
      }
    }
    for (let r = 0; r < reached; r++) {
      const doc = reachedDocs[r]!;
      reachedScores[r] = scores[doc]! * matchedTerms[doc]!;
      matchedTerms[doc] = 0;
    }
    return reached;
  }

  /** A stamp no term carries yet; after 2^32 - 1 searches the stamps start over from a cleared array. */
  private nextGeneration(): number {
    if (this.generation === 0xffffffff) {
      this.termSearched.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }
}

/** A document past the last would throw mid-turn: refused at load, so the models are trained instead. */
function assertConsistent(
  terms: readonly string[],
  offsets: Uint32Array,
  docs: Uint32Array,
  weights: Float64Array,
  documentCount: number,
): void {
  assertPostingsLayout('packed BM25', terms.length, offsets, docs, weights);
  for (const doc of docs)
    if (doc >= documentCount) throw new Error(`packed BM25: document ${doc} of ${documentCount}`);
}

/** MiniSearch 7's BM25+ term score (calcBM25Score), the same operations in the same order. */
function bm25(
  termFrequency: number,
  matchingCount: number,
  documentCount: number,
  fieldLength: number,
  averageFieldLength: number,
): number {
  const { k, b, d } = BM25;
  const inverseDocumentFrequency = Math.log(
    1 + (documentCount - matchingCount + 0.5) / (matchingCount + 0.5),
  );
  return (
    inverseDocumentFrequency *
    (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + (b * fieldLength) / averageFieldLength)))
  );
}
