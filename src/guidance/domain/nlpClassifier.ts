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
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangSv);
  container.use(LangEn);
  const classifier = container.get('nlp') as NlpInstance;
  classifier.settings.autoSave = false;
  classifier.settings.log = false;
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

/** The classifier's score for one label (0 when it does not rank it). */
export async function scoreOf(
  classifier: NlpInstance,
  locale: 'sv' | 'en',
  text: string,
  label: string,
): Promise<number> {
  const result = await classifier.process(locale, text);
  return result.classifications.find((c) => c.intent === label)?.score ?? 0;
}
