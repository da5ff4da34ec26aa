import assert from 'node:assert/strict';
import MiniSearch from 'minisearch';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import { PackedBm25 } from '../../../src/guidance/domain/packedBm25';
import { BlobReader, BlobWriter } from '../../../src/guidance/binaryArtifact';
import { indexPoints, searchTerms, TOPIC_INDEX } from '../../../src/guidance/domain/topicMatcher';
import { loadQaSets } from '../../../scripts/evalQa';

/**
 * The packed index must search exactly as the MiniSearch index it was made from: the same documents, the same
 * scores to the last bit, the same order (ties included), so the matcher's answers do not change.
 */
describe('packed BM25 index: the same search as MiniSearch', function () {
  this.timeout(60_000);
  const kb = KnowledgeBase.load();
  const { qaSet, qaUnseen } = loadQaSets();
  const questions = [
    ...qaSet.map(({ q }) => q),
    ...qaUnseen.map(({ q }) => q),
    ...kb.trainingQuestions.map(({ text }) => text),
    'brev brev brev hot hot', // repeated words: repeated query terms
    'xyzzy', // a term no document has
    '', // no terms at all
    'och att det', // stopwords only
  ];

  /** One document per topic, as the matcher's topic index (examples and training questions). */
  function topicIndex(): MiniSearch<{ id: number; topicId: string; text: string }> {
    const index = new MiniSearch<{ id: number; topicId: string; text: string }>(TOPIC_INDEX);
    kb.topics.forEach((topic, id) => {
      const asked = kb.trainingQuestions.filter((q) => q.topic === topic.id).map((q) => q.text);
      index.add({
        id,
        topicId: topic.id,
        text: [...topic.examples.sv, ...topic.examples.en, ...asked].join('\n'),
      });
    });
    return index;
  }

  /** Known words (no 4-grams) both ways: none, and the short ones. */
  const termSets = (question: string) => [
    searchTerms(question),
    searchTerms(question, (word) => word.length < 6),
  ];

  function assertSameSearch<T>(index: MiniSearch<T>): void {
    const packed = PackedBm25.fromMiniSearch(index, 'text');
    let hits = 0;
    for (const question of questions) {
      for (const terms of termSets(question)) {
        const expected = index
          .search(question, { processTerm: () => terms })
          .map((hit) => ({ doc: hit.id as number, score: hit.score }));
        assert.deepEqual(packed.search(terms), expected, question);
        hits += expected.length;
      }
    }
    assert.ok(hits > questions.length, `the questions find documents (${hits} hits)`);
  }

  it('over the points of the guideline (sv and en steps, the questions asked about each)', () => {
    assertSameSearch(indexPoints(kb));
  });

  it('over one document per topic', () => {
    assertSameSearch(topicIndex());
  });

  it('reads the query once per term: a long question with repeated words is linear, with the same results', () => {
    const packed = PackedBm25.fromMiniSearch(topicIndex(), 'text');
    const repeated = searchTerms('hot brev polis hot telefon brev hot polisanmälan hotbrev');
    const question = Array.from({ length: 60 }, () => repeated).flat();
    let reads = 0;
    // Counts every element read, as Array.prototype.indexOf's scans do.
    const counted = new Proxy(question, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const expected = topicIndex()
      .search('', { processTerm: () => question })
      .map((hit) => ({ doc: hit.id as number, score: hit.score }));
    assert.ok(expected.length > 0);
    assert.deepEqual(packed.search(counted), expected);
    assert.ok(reads <= 2 * question.length, `${reads} reads of a ${question.length}-term query`);
  });

  it('searches the same after the round trip through the models artifact', () => {
    const index = indexPoints(kb);
    const packed = PackedBm25.fromMiniSearch(index, 'text');
    // Through the artifact's file layout: the arrays as bytes after the JSON line (guidance/binaryArtifact.ts).
    const model = packed.toModel();
    const writer = new BlobWriter();
    const stored = {
      ...model,
      terms: writer.lines(model.terms),
      offsets: writer.u32(model.offsets),
      docs: writer.u32(model.docs),
      weights: writer.f64(model.weights),
    };
    const { head, blobs } = BlobReader.open(writer.file(stored));
    const read = head as typeof stored;
    const loaded = PackedBm25.fromModel({
      ...read,
      terms: blobs.lines(read.terms),
      offsets: blobs.u32(read.offsets),
      docs: blobs.u32(read.docs),
      weights: blobs.f64(read.weights),
    });
    for (const question of questions.slice(0, 200)) {
      const terms = searchTerms(question);
      assert.deepEqual(loaded.search(terms), packed.search(terms), question);
    }
  });
});

/** A packed index loaded from a damaged artifact is refused (the models are trained), never searched wrongly. */
describe('packed BM25 index: refuses a layout that does not fit together', () => {
  const terms = ['a', 'b', 'c'];
  const docs = Uint32Array.from([0, 1, 1, 2]);
  const weights = Float64Array.from([1, 2, 3, 4]);
  const make = (offsets: number[], documentCount = 3) =>
    new PackedBm25(terms, Uint32Array.from(offsets), docs, weights, documentCount);

  it('takes postings that walk the arrays from 0 to the end, and no document past the last', () => {
    assert.doesNotThrow(() => make([0, 1, 3, 4]));
    assert.throws(() => make([1, 1, 3, 4]), /packed BM25: offsets/, 'not starting at 0');
    assert.throws(() => make([0, 3, 1, 4]), /packed BM25: offsets/, 'decreasing');
    assert.throws(() => make([0, 1, 3, 3]), /packed BM25: offsets/, 'ending before the last posting');
    assert.throws(() => make([0, 1, 3]), /packed BM25: arrays of different lengths/, 'an offset missing');
    assert.throws(() => make([0, 1, 3, 4], 2), /packed BM25: document 2 of 2/, 'a document past the last');
  });
});
