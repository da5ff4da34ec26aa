import type MiniSearch from 'minisearch';

/** The labelled messages that have a term, with the term's BM25 weight in each. */
export interface Postings {
  ids: ArrayLike<number>;
  weights: ArrayLike<number>;
}

/** Term → its postings; undefined for a term no labelled message has. */
export interface TermPostings {
  lookup(term: string): Postings | undefined;
  /** Every term's postings packed into typed arrays. */
  pack(): CompactPostings;
}

/**
 * Postings read from a freshly trained MiniSearch index, each term on its first use (all 65 000 terms up front
 * would add seconds to a start that trains): what a one-term search returns, kept.
 */
export class SearchedPostings implements TermPostings {
  private readonly found = new Map<string, Postings>();

  constructor(
    private readonly index: MiniSearch<{ id: number; text: string }>,
    /** Every term of the labelled messages: any other term is skipped without a search. */
    private readonly vocabulary: ReadonlySet<string>,
  ) {}

  lookup(term: string): Postings | undefined {
    if (!this.vocabulary.has(term)) return undefined;
    let postings = this.found.get(term);
    if (!postings) {
      const hits = this.index.search(term, { tokenize: (query) => [query], processTerm: (query) => query });
      postings = { ids: hits.map((hit) => hit.id as number), weights: hits.map((hit) => hit.score) };
      this.found.set(term, postings);
    }
    return postings;
  }

  /** Every term's postings at once, packed (the build step's work, so a start only reads them). */
  pack(): CompactPostings {
    const terms = [...this.vocabulary].sort();
    const offsets = new Uint32Array(terms.length + 1);
    const ids: number[] = [];
    const weights: number[] = [];
    terms.forEach((term, i) => {
      const { ids: termIds, weights: termWeights } = this.lookup(term)!;
      for (let j = 0; j < termIds.length; j++) {
        ids.push(termIds[j]!);
        weights.push(termWeights[j]!);
      }
      offsets[i + 1] = ids.length;
    });
    return new CompactPostings(terms, offsets, Uint32Array.from(ids), Float64Array.from(weights));
  }
}

/**
 * Every term's postings in three typed arrays (term i's postings are entries offsets[i]..offsets[i+1]): about
 * 4 MB for 65 000 terms and 330 000 postings, where the MiniSearch index they come from holds some 50 MB of
 * maps and objects. Weights stay 64-bit so scores are exactly those of the trained index.
 *
 * The terms are in ascending order (as `pack` sorts them) and a term is found by binary search: a Map of the
 * 65 000 terms took 25–40 ms of every start, 16 string comparisons per looked-up term take microseconds.
 */
export class CompactPostings implements TermPostings {
  constructor(
    readonly terms: readonly string[],
    readonly offsets: Uint32Array,
    readonly ids: Uint32Array,
    readonly weights: Float64Array,
  ) {
    // `lookup`'s subarray clamps bad bounds without an error, and a weight of 0 or NaN breaks acuteDanger's
    // "untouched" test, so a damaged artifact would answer wrongly.
    assertPostingsLayout('postings', terms.length, offsets, ids, weights);
    for (let i = 1; i < terms.length; i++)
      if (!(terms[i - 1]! < terms[i]!)) throw new Error('postings: terms not in ascending order');
    for (const weight of weights)
      if (!(weight > 0 && weight < Infinity)) throw new Error('postings: a weight not finite and above 0');
  }

  lookup(term: string): Postings | undefined {
    const i = this.indexOf(term);
    if (i === undefined) return undefined;
    const [start, end] = [this.offsets[i]!, this.offsets[i + 1]!];
    return { ids: this.ids.subarray(start, end), weights: this.weights.subarray(start, end) };
  }

  /** The term's place in `terms` (ascending, as `Array.prototype.sort` orders strings), or undefined. */
  private indexOf(term: string): number | undefined {
    let low = 0;
    let high = this.terms.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.terms[middle]!;
      if (found === term) return middle;
      if (found < term) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  pack(): CompactPostings {
    return this;
  }

  /** The highest message id any term points at (-1 when none): a check against other messages. */
  highestId(): number {
    return this.ids.reduce((highest, id) => Math.max(highest, id), -1);
  }
}

/**
 * The layout both packed indexes share (this one and PackedBm25): term i's postings are entries
 * offsets[i]..offsets[i + 1] of two arrays of equal length, walked from 0 to their end without going back. A
 * loaded artifact that breaks it would answer wrongly (subarray clamps) or throw mid-turn; `what` names the index.
 */
export function assertPostingsLayout(
  what: string,
  termCount: number,
  offsets: Uint32Array,
  entries: ArrayLike<number>,
  weights: ArrayLike<number>,
): void {
  if (offsets.length !== termCount + 1 || entries.length !== weights.length)
    throw new Error(`${what}: arrays of different lengths`);
  if (offsets[0] !== 0 || offsets[termCount] !== entries.length)
    throw new Error(`${what}: offsets do not cover the postings from 0 to the end`);
  for (let i = 0; i < termCount; i++)
    if (offsets[i]! > offsets[i + 1]!) throw new Error(`${what}: offsets out of order`);
}
