import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangSv } from '@nlpjs/lang-sv';
import { Nlp, type NlpClassification, type NlpInstance } from '@nlpjs/nlp';

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
 * The classifier's score per label, as `Nlp.classify` (the NLU step alone) gives them: `Nlp.process` around it
 * also fills context, answers, actions and sentiment, which the matcher never reads and which cost more than
 * the classification (same scores on all 642 labelled questions, in 40 % of the time). The same NLU calls are
 * made directly where the set-up allows (classifyDirectly), else through `Nlp.classify`.
 */
export async function classify(
  classifier: NlpInstance,
  locale: 'sv' | 'en',
  text: string,
): Promise<Map<string, number>> {
  let classifications: NlpClassification[];
  try {
    classifications =
      (await classifyDirectly(classifier, locale, text)) ??
      (await classifier.classify(locale, text)).classifications;
  } finally {
    forgetMessage(classifier);
  }
  const scores = new Map<string, number>();
  for (const { intent, score } of classifications) scores.set(intent, score);
  return scores;
}

/**
 * nlp.js keeps every classified message's text (as the key of its tokens, in the NLU and the tokenizer) for up
 * to an hour, and every word it ever stemmed for the life of the process: a person's message, names and all, would stay in memory, and a
 * sender of endless new words would grow it without bound. Both are only memos of pure functions, so they are
 * emptied after each message (re-stemming a message's words costs microseconds).
 */
function forgetMessage(classifier: NlpInstance): void {
  // Never fails a turn: should nlp.js change shape, the memory test (nlpClassifier.test.ts) is the alarm.
  try {
    forgetMessageIn(classifier);
  } catch {
    // nothing to forget in a shape this does not know
  }
}

function forgetMessageIn(classifier: NlpInstance): void {
  const manager = (classifier as unknown as { nluManager?: NluManager }).nluManager;
  for (const domains of Object.values(manager?.domainManagers ?? {}))
    for (const nlu of Object.values(domains?.domains ?? {})) if (nlu?.cache) nlu.cache.results = {};
  for (const locale of ['sv', 'en']) {
    // The tokenizer rebuilds its cache when it finds none; the stemmer expects an object.
    const tokenizer = classifier.container?.get(`tokenizer-${locale}`) as { cache?: object } | undefined;
    if (tokenizer?.cache) tokenizer.cache = undefined;
    const stemmer = classifier.container?.get(`stemmer-${locale}`) as Stemmer | undefined;
    if (stemmer?.cache) stemmer.cache = {};
    if (typeof stemmer?.current === 'string') stemmer.current = ''; // the last word it stemmed
  }
}
interface Stemmer {
  cache?: object;
  current?: string;
}

/** The parts of nlp.js 4's NLU manager that `Nlp.classify` goes through (it ships no types). */
interface NluManager {
  settings: NluSettings;
  pipelineProcess?: unknown;
  domainManagers: Record<string, DomainManager | undefined>;
}
interface NluSettings {
  useStemDict?: boolean;
  trainByDomain?: boolean;
  allowList?: unknown;
}
interface DomainManager {
  settings: NluSettings;
  pipelineProcess?: unknown;
  domains: Record<string, Nlu | undefined>;
  classifyByStemDict(
    utterance: string,
    domain: string | undefined,
    allowList: unknown,
  ): Promise<{ classifications: NlpClassification[] } | undefined>;
}
interface Nlu {
  /** The tokens of each message it prepared, keyed by the message's text (see forgetMessage). */
  cache?: { results: object };
  process(
    utterance: string,
    settings: NluSettings,
  ): Promise<NlpClassification[] | { classifications: NlpClassification[] }>;
}
const ONE_DOMAIN = 'master_domain';

/**
 * What `Nlp.classify` answers for a classifier with one domain per language (as `trainClassifier` makes), by
 * the same calls into nlp.js, on the same objects, without the steps that cannot change the answer: its
 * domain manager looks the utterance's stems up among the training sentences a second time for its one
 * domain after the lookup for any domain failed, and the input passes through some ten async layers that
 * copy settings (about half the classifier's time and allocation). Undefined for a set-up this does not
 * cover (pipelines, domains trained apart, no model for the language): `Nlp.classify` answers those.
 * Test: nlpClassifier.test.ts compares both on every labelled question.
 */
async function classifyDirectly(
  classifier: NlpInstance,
  locale: string,
  text: string,
): Promise<NlpClassification[] | undefined> {
  const manager = (classifier as unknown as { nluManager?: NluManager }).nluManager;
  // Nlp.classify hands `settings.nlu` to the manager (as its domain argument, which it then ignores).
  if (!manager || manager.pipelineProcess || (classifier.settings as { nlu?: unknown }).nlu !== undefined)
    return undefined;
  const domains = manager.domainManagers[locale.slice(0, 2).toLowerCase()];
  const { settings } = manager;
  const nlu = domains?.domains[ONE_DOMAIN];
  if (!domains || !nlu || domains.pipelineProcess) return undefined;
  // Methods reached into nlp.js: a version that renames them falls back to Nlp.classify instead of failing.
  if (typeof domains.classifyByStemDict !== 'function' || typeof nlu.process !== 'function') return undefined;
  if (settings.trainByDomain || (settings.trainByDomain === undefined && domains.settings.trainByDomain))
    return undefined;
  // The manager's settings, with the domain manager's for what they leave undefined (its applySettings).
  const useStemDict =
    settings.useStemDict === undefined ? domains.settings.useStemDict : settings.useStemDict;
  const exact = useStemDict
    ? await domains.classifyByStemDict(text, undefined, settings.allowList)
    : undefined;
  let classifications: NlpClassification[];
  if (exact) classifications = exact.classifications;
  else {
    // The manager's own settings object, as nlp.js passes it (the NLU fills its defaults into it).
    const answer = await nlu.process(text, settings);
    classifications = Array.isArray(answer) ? answer : answer.classifications;
  }
  classifications.sort((a, b) => b.score - a.score);
  if (classifications.length === 0) classifications.push({ intent: 'None', score: 1 });
  return classifications;
}
