import assert from 'node:assert/strict';
import type { NlpInstance } from '@nlpjs/nlp';
import { words } from '../../../src/core/text/normalize';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import { classify, trainClassifier } from '../../../src/guidance/domain/nlpClassifier';
import { loadQaSets } from '../../../scripts/evalQa';

/**
 * `classify` goes around nlp.js's `Nlp.classify` (the same calls into its NLU, fewer layers): its scores, and
 * their order, must be exactly those `Nlp.classify` gives, or the matcher would answer differently.
 */
describe('nlp.js classifier: classify as Nlp.classify does', function () {
  this.timeout(120_000);
  const kb = KnowledgeBase.load();
  const { qaSet, qaUnseen } = loadQaSets();
  let classifier: NlpInstance;

  before(async () => {
    // As the topic matcher trains it: titles and examples, both languages, as normalised words.
    classifier = await trainClassifier(
      kb.topics.flatMap((topic) =>
        (['sv', 'en'] as const).flatMap((locale) =>
          [topic.title[locale], ...topic.examples[locale]].map((text) => ({
            locale,
            text: words(text).join(' '),
            label: topic.id,
          })),
        ),
      ),
    );
  });

  it('gives the same scores in the same order on labelled questions, training sentences and odd input', async () => {
    const texts = [
      ...qaSet.map(({ q }) => q),
      ...qaUnseen.map(({ q }) => q),
      ...kb.trainingQuestions.map(({ text }) => text),
      // Training sentences themselves: nlp.js answers them from its dictionary of stems, not the network.
      ...kb.exampleQuestions().slice(0, 200),
      'xyzzy',
      'och att det',
    ]
      .map((text) => words(text).join(' '))
      .filter(Boolean);
    const library = classifier.classify.bind(classifier);
    let libraryCalls = 0;
    classifier.classify = (locale, text) => {
      libraryCalls++;
      return library(locale, text);
    };
    let exact = 0;
    try {
      for (const [i, text] of texts.entries()) {
        for (const locale of ['sv', 'en'] as const) {
          const callsBefore = libraryCalls;
          // Either one first: nlp.js fills defaults into shared settings on its first classification.
          const ours = i % 2 ? [...(await classify(classifier, locale, text))] : undefined;
          const expected = (await library(locale, text)).classifications;
          const got = ours ?? [...(await classify(classifier, locale, text))];
          assert.deepEqual(got, [...new Map(expected.map((c) => [c.intent, c.score]))], `${locale}: ${text}`);
          if (expected.length === kb.topics.length && expected[0]!.score === 1) exact++;
          assert.equal(libraryCalls, callsBefore, 'classify answered without Nlp.classify');
        }
      }
    } finally {
      classifier.classify = library;
    }
    assert.ok(exact > 0, 'some texts took the dictionary of stems');
  });

  it('leaves a language it has no model for to Nlp.classify', async () => {
    const text = 'hej';
    const expected = (await classifier.classify('de' as 'sv', text)).classifications;
    const library = classifier.classify.bind(classifier);
    let libraryCalls = 0;
    classifier.classify = (locale, utterance) => (libraryCalls++, library(locale, utterance));
    try {
      assert.deepEqual(
        [...(await classify(classifier, 'de' as 'sv', text))],
        expected.map((c) => [c.intent, c.score]),
      );
    } finally {
      classifier.classify = library;
    }
    assert.equal(libraryCalls, 1, 'Nlp.classify answered');
  });
});

/**
 * nlp.js memoises each classified message's text (for an hour) and every stemmed word (for the process's
 * life): a person's words would stay in memory, and new words would grow it without bound.
 */
describe('nlp.js classifier: keeps nothing of a message after classifying it', function () {
  this.timeout(60_000);

  it('leaves neither the text nor its words in nlp.js memory', async () => {
    const classifier = await trainClassifier([
      { locale: 'sv', text: 'han hotar mig', label: 'threat' },
      { locale: 'sv', text: 'hur anmaler jag', label: 'report' },
      { locale: 'en', text: 'he threatens me', label: 'threat' },
    ]);
    const messages = [
      ['sv', 'zorblattsson hotade mig vid kvicksilvergatan'],
      ['en', 'mr zorblattsson threatened me on quicksilverstreet'],
    ] as const;
    for (const [locale, text] of messages) await classify(classifier, locale, text);
    // Everything reachable from the classifier, breadth first, into Maps, Sets and arrays, with no depth cap.
    const remembered = (root: unknown): boolean => {
      const seen = new Set<object>();
      const queue: unknown[] = [root];
      const planted = /zorblatt|kvicksilver|quicksilver/;
      while (queue.length > 0) {
        const value = queue.shift();
        if (typeof value === 'string') {
          if (planted.test(value)) return true;
          continue;
        }
        if (!value || typeof value !== 'object' || seen.has(value)) continue;
        seen.add(value);
        if (value instanceof Map) queue.push(...[...value.entries()].flat());
        else if (value instanceof Set) queue.push(...value);
        else for (const [key, inner] of Object.entries(value)) queue.push(key, inner);
      }
      return false;
    };
    assert.equal(remembered(classifier), false, 'a word of the message is still held by the classifier');
  });
});
