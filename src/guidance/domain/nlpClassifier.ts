import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangSv } from '@nlpjs/lang-sv';
import { Nlp, type NlpInstance } from '@nlpjs/nlp';

export interface LabelledDocument {
  locale: 'sv' | 'en';
  text: string;
  label: string;
}

/**
 * An nlp.js neural classifier (with its Swedish and English stemmers) trained on labelled documents. nlp.js
 * prints training progress with console.log; a bot's output is structured JSON only, so training is silenced.
 */
export async function trainClassifier(documents: LabelledDocument[]): Promise<NlpInstance> {
  const classifier = await emptyClassifier();
  const locales = new Set(documents.map((document) => document.locale));
  locales.forEach((locale) => classifier.addLanguage(locale));
  for (const { locale, text, label } of documents) classifier.addDocument(locale, text, label);
  const log = console.log;
  console.log = () => undefined;
  try {
    await classifier.train();
  } finally {
    console.log = log;
  }
  return classifier;
}

/**
 * The trained classifier as a plain object for the build-time artifact, without the sentences nlp.js keeps for
 * its language guesser (`nluManager.extraSentences`, every training sentence again): importing them rebuilt the
 * guesser's trigrams at every start (30–80 ms), for a guesser that never runs, since `classify` is always given
 * the locale (nlp.js guesses only when none is given). The classification model itself is all there.
 */
export function classifierModel(classifier: NlpInstance): object {
  const model = classifier.toJSON() as { nluManager?: object };
  return { ...model, nluManager: { ...model.nluManager, extraSentences: [] } };
}

/** A classifier from the plain object `classifierModel` made at build time: no training. */
export async function loadClassifier(exported: object): Promise<NlpInstance> {
  const classifier = await emptyClassifier();
  classifier.import(exported);
  return classifier;
}

async function emptyClassifier(): Promise<NlpInstance> {
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangSv);
  container.use(LangEn);
  const classifier = container.get('nlp') as NlpInstance;
  classifier.settings.autoSave = false;
  classifier.settings.log = false;
  return classifier;
}

/**
 * The classifier's score per label, from `Nlp.classify` (the NLU step alone): `Nlp.process` around it also
 * fills context, answers, actions and sentiment, which the matcher never reads and which cost more than the
 * classification (same scores on all 642 labelled questions, in 40 % of the time).
 */
export async function classify(
  classifier: NlpInstance,
  locale: 'sv' | 'en',
  text: string,
): Promise<Map<string, number>> {
  const result = await classifier.classify(locale, text);
  return new Map(result.classifications.map((c) => [c.intent, c.score]));
}
