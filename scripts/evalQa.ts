import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/core/paths';
import {
  AcuteDangerDetector,
  isAcuteDanger,
  loadAcuteExamples,
  type DangerLevel,
} from '../src/guidance/domain/acuteDanger';
import { KnowledgeBase, trainingQuestionSchema } from '../src/guidance/domain/knowledgeBase';
import { z } from 'zod';
import { answerLanguage } from '../src/core/i18n/language';
import {
  DEFAULT_MATCHER_OPTIONS,
  TopicMatcher,
  type MatcherOptions,
} from '../src/guidance/domain/topicMatcher';
import { ChannelWords } from '../src/guidance/domain/channelWords';
import { selectGuidanceReply, type GuidanceReply } from '../src/guidance/domain/replySelection';
import { gradeAnswer, holdsPhrase, loadHeldout, loadHeldoutFiles, type HeldoutItem } from './qaGrading';

interface QaItem {
  q: string;
  topic: string;
  lang: 'sv' | 'en';
}
interface AcuteItem {
  q: string;
  acute: boolean;
}

export interface AcuteNumbers {
  /** Share of acute messages the rules call acute ("Ring 112 nu" and nothing else). */
  rulesRecall: number;
  /** Share of calm messages the rules call acute. */
  rulesFalseRate: number;
  /** Share of acute messages that get "ring 112" first (rules, or the classifier's one line). */
  firstLineRecall: number;
  /** Share of calm messages that get a "ring 112" line. */
  firstLineRate: number;
  /** Acute messages that get no "ring 112" at all (neither tier). */
  missed: string[];
  /** Calm messages the rules call acute (their answer would be replaced by "Ring 112 nu"). */
  falseAlarms: string[];
  size: number;
}

/** How the guidance answers one labelled set (dev data: graded by topic id). */
export interface DevNumbers {
  total: number;
  /** The first-ranked topic is the labelled one, confident or not (the measure of earlier sessions). */
  firstRanked: number;
  /** One confident answer on the labelled topic: what the user gets at once. */
  answeredRight: number;
  /** One confident answer on another topic. */
  confidentWrong: number;
  /** The "not sure" card with topic buttons (or the menu or triage). */
  choices: number;
}

/**
 * A set in the held-out format (questions with a section and expected facts, acute and calm messages), graded
 * by scripts/qaGrading.ts: the held-out set (numbers only) and the graded dev set (with confusions).
 */
export interface GradedNumbers {
  files: number;
  questions: number;
  /** One answer (confident, or the acute card) that grades correct (scripts/qaGrading.ts). */
  correct: number;
  /** The first-ranked topic grades correct, confident or not: what the models know before the confidence rule. */
  firstRankedRight: number;
  confidentWrong: number;
  /** The "not sure" card with topic buttons (or the menu or triage). */
  choices: number;
  /** Choice cards whose buttons include a correct topic. */
  choicesWithRight: number;
  /** Answers that showed one point first, and of those the points that hold an expected fact. */
  pointShown: number;
  pointHoldsFact: number;
  /** Questions that got the one-line "ring 112" before their answer, or the acute card instead of it. */
  questionsWithLine: number;
  questionsWithAcuteCard: number;
  acute: { total: number; firstLine: number };
  /** Calm messages: told "Ring 112 nu" (the acute card replaces the answer), or given the one-line question. */
  calm: { total: number; acuteCard: number; line: number };
}

/** A graded set's miss: the question, what a right answer holds, what the user got first. */
export interface GradedConfusion {
  file: string;
  kind: HeldoutItem['kind'];
  q: string;
  expected: string;
  got: string;
  confident: boolean;
}

export interface QaReport {
  /** Dev data: qa-set.json and qa-unseen.json (the old held-out set; it has been read, so it is dev data now). */
  dev: Record<'qaSet' | 'qaUnseen' | 'all', DevNumbers>;
  confusions: Array<{ q: string; expected: string; got: string; file: string; confident: boolean }>;
  /** Undefined while test/guidance/heldout-2026-12/ holds no file. */
  heldout: GradedNumbers | undefined;
  /**
   * test/guidance/dev-2026-12/: written like the held-out set by two further independent authors, read and
   * tuned against. Per file (one author each) and together; undefined while the folder holds no file.
   */
  devGraded: { byFile: Record<string, GradedNumbers>; all: GradedNumbers } | undefined;
  devGradedConfusions: GradedConfusion[];
  /**
   * test/guidance/unseen-authors-2026-12/: questions by two further independent authors (guideline and topic
   * list only), graded by their topic label; never trained or tuned on, so numbers only. Per file and together.
   */
  unseenAuthors: { byFile: Record<string, DevNumbers>; all: DevNumbers } | undefined;
  /** The messages the rules and the classifier were built from (src/guidance/data/acute-examples/). */
  acuteTuning: AcuteNumbers;
  /** acute-unseen.json: never used for rules or training. Numbers only, so reading them keeps it unseen. */
  acuteUnseen: AcuteNumbers;
  /** Share of ordinary dev questions that get the one-line "ring 112" before their answer. */
  possibleRateOnQuestions: number;
  /** Share of ordinary dev questions the rules call acute (the answer would be replaced by "Ring 112 nu"). */
  acuteRateOnQuestions: number;
  medianMatchMs: number;
}

const readSet = <T>(file: string): T =>
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'test', 'guidance', file), 'utf8'));

export const HELDOUT_DIR = path.join(projectRoot, 'test', 'guidance', 'heldout-2026-12');
export const DEV_GRADED_DIR = path.join(projectRoot, 'test', 'guidance', 'dev-2026-12');
export const UNSEEN_AUTHORS_DIR = path.join(projectRoot, 'test', 'guidance', 'unseen-authors-2026-12');

/** An unseen author's file: the training questions' format, without the author on each question. */
const unseenAuthorFileSchema = z.object({
  howMade: z.string().min(1),
  questions: z.array(trainingQuestionSchema.omit({ author: true })),
});

/** Each author's file in UNSEEN_AUTHORS_DIR as topic-labelled questions, in file-name order. */
function loadUnseenAuthors(): Record<string, QaItem[]> {
  if (!fs.existsSync(UNSEEN_AUTHORS_DIR)) return {};
  const files = fs
    .readdirSync(UNSEEN_AUTHORS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return Object.fromEntries(
    files.map((file) => {
      const parsed = unseenAuthorFileSchema.safeParse(
        JSON.parse(fs.readFileSync(path.join(UNSEEN_AUTHORS_DIR, file), 'utf8')),
      );
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
      return [file, parsed.data.questions.map(({ topic, lang, text }) => ({ q: text, topic, lang }))];
    }),
  );
}

/** The unseen authors' questions, per file and together (no confusions: they stay unread). */
async function measureUnseenAuthors(matcher: TopicMatcher): Promise<QaReport['unseenAuthors']> {
  const byFile: Record<string, DevNumbers> = {};
  for (const [file, items] of Object.entries(loadUnseenAuthors()))
    byFile[file] = await measureDev(matcher, items);
  const all = Object.values(byFile).reduce((sum, numbers) => addCounts(sum, numbers), emptyDev());
  return all.total > 0 ? { byFile, all } : undefined;
}

/**
 * Dev data: qa-set.json (332 questions, the first set) and qa-unseen.json (310 questions written from the
 * guideline alone; it was the held-out set until its misses were read, so it is development data now).
 * acute-unseen.json: acute and near-miss calm messages, never used for tuning.
 */
export function loadQaSets(): { qaSet: QaItem[]; qaUnseen: QaItem[]; acuteUnseen: AcuteItem[] } {
  const unseen = readSet<{ acute: string[]; calm: string[] }>('acute-unseen.json');
  return {
    qaSet: readSet<{ qa: QaItem[] }>('qa-set.json').qa,
    qaUnseen: readSet<QaItem[]>('qa-unseen.json'),
    acuteUnseen: [
      ...unseen.acute.map((q) => ({ q, acute: true })),
      ...unseen.calm.map((q) => ({ q, acute: false })),
    ],
  };
}

const emptyDev = (): DevNumbers => ({
  total: 0,
  firstRanked: 0,
  answeredRight: 0,
  confidentWrong: 0,
  choices: 0,
});

/** Times one reply selection (the whole decision the capability makes) into `timings`. */
async function timedReply(
  matcher: TopicMatcher,
  text: string,
  timings: number[] | undefined,
): Promise<{ reply: GuidanceReply; firstRanked: string | undefined }> {
  const started = process.hrtime.bigint();
  const locale = answerLanguage(text, 'sv');
  const reply = await selectGuidanceReply(matcher, text, locale);
  timings?.push(Number(process.hrtime.bigint() - started) / 1e6);
  const firstRanked =
    reply.kind === 'answer' ? reply.topicId : reply.kind === 'choices' ? reply.topicIds[0] : undefined;
  return { reply, firstRanked };
}

/** Dev numbers for one matcher (the calibration runs this for many options). */
export async function measureDev(
  matcher: TopicMatcher,
  items: QaItem[],
  timings?: number[],
  confusions?: QaReport['confusions'],
  file = '',
): Promise<DevNumbers> {
  const numbers = emptyDev();
  for (const item of items) {
    const { reply, firstRanked } = await timedReply(matcher, item.q, timings);
    numbers.total++;
    if (firstRanked === item.topic) numbers.firstRanked++;
    if (reply.kind === 'answer') {
      if (reply.topicId === item.topic) numbers.answeredRight++;
      else numbers.confidentWrong++;
    } else numbers.choices++;
    if (firstRanked !== item.topic || reply.kind !== 'answer')
      confusions?.push({
        q: item.q,
        expected: item.topic,
        got: firstRanked ?? '(none)',
        file,
        confident: reply.kind === 'answer',
      });
  }
  return numbers;
}

/** Field-by-field sum of two count records of the same shape (nested records too). */
function addCounts<T extends object>(a: T, b: T): T {
  const sum: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(a)) {
    const other = (b as Record<string, unknown>)[key];
    sum[key] =
      typeof value === 'number' ? value + (other as number) : addCounts(value as object, other as object);
  }
  return sum as T;
}

const emptyGraded = (files: number): GradedNumbers => ({
  files,
  questions: 0,
  correct: 0,
  firstRankedRight: 0,
  confidentWrong: 0,
  choices: 0,
  choicesWithRight: 0,
  pointShown: 0,
  pointHoldsFact: 0,
  questionsWithLine: 0,
  questionsWithAcuteCard: 0,
  acute: { total: 0, firstLine: 0 },
  calm: { total: 0, acuteCard: 0, line: 0 },
});

/** What a right answer holds, for the confusion list: the section and the expected facts. */
const expectedOf = (item: HeldoutItem): string =>
  `${item.section ?? '(no section)'}: ${(item.expectedFacts ?? []).join(' / ')}`;

/** What the user got first, for the confusion list. */
function gotOf(reply: GuidanceReply): string {
  if (reply.kind === 'answer') return reply.topicId;
  if (reply.kind === 'choices') return `choices ${reply.topicIds.join(', ')}`;
  return reply.kind;
}

/** The trained models a graded set runs through, and where the confusions go (dev data only). */
export interface GradingContext {
  matcher: TopicMatcher;
  detector: AcuteDangerDetector;
  knowledgeBase: KnowledgeBase;
  timings?: number[];
  /** Set for dev data only: listing the held-out set's misses would turn it into tuning data. */
  confusions?: GradedConfusion[];
}

/** An acute or calm message: counted by the acute-danger check alone. */
function countDangerItem(
  item: HeldoutItem,
  level: DangerLevel,
  numbers: GradedNumbers,
  context: GradingContext,
  file: string,
): void {
  const miss = (got: string) =>
    context.confusions?.push({
      file,
      kind: item.kind,
      q: item.text,
      expected: item.kind,
      got,
      confident: true,
    });
  if (item.kind === 'acute') {
    numbers.acute.total++;
    if (level !== 'none') numbers.acute.firstLine++;
    else miss('no "ring 112"');
    return;
  }
  numbers.calm.total++;
  if (level === 'acute') numbers.calm.acuteCard++;
  if (level === 'possible') numbers.calm.line++;
  if (level !== 'none') miss(level === 'acute' ? '"Ring 112 nu" (acute card)' : 'one-line "Ring 112."');
}

/**
 * A set in the held-out format through the same path as a message: the acute-danger check first (the acute
 * card replaces the answer; the one-line question comes before it), then the guidance reply, graded by
 * scripts/qaGrading.ts.
 */
export async function measureGraded(
  items: HeldoutItem[],
  files: number,
  context: GradingContext,
  file = '',
): Promise<GradedNumbers> {
  const { matcher, detector, knowledgeBase } = context;
  const numbers = emptyGraded(files);
  for (const item of items) {
    const level = await detector.assess(item.text);
    if (item.kind !== 'question') {
      countDangerItem(item, level, numbers, context, file);
      continue;
    }
    numbers.questions++;
    if (level === 'possible') numbers.questionsWithLine++;
    const { reply } =
      level === 'acute'
        ? { reply: { kind: 'answer', topicId: 'during-incident' } as GuidanceReply }
        : await timedReply(matcher, item.text, context.timings);
    if (level === 'acute') numbers.questionsWithAcuteCard++;
    const correct = (id: string) => gradeAnswer(item, knowledgeBase.require(id), knowledgeBase).correct;
    let right = false;
    const first =
      reply.kind === 'answer' ? reply.topicId : reply.kind === 'choices' ? reply.topicIds[0] : undefined;
    if (first !== undefined && correct(first)) numbers.firstRankedRight++;
    if (reply.kind === 'answer') {
      right = correct(reply.topicId);
      if (right) numbers.correct++;
      else numbers.confidentWrong++;
      if (reply.point !== undefined) {
        numbers.pointShown++;
        const topic = knowledgeBase.require(reply.topicId);
        const point = `${topic.steps.sv[reply.point]}\n${topic.steps.en[reply.point]}`;
        if ((item.expectedFacts ?? []).some((fact) => holdsPhrase(point, fact))) numbers.pointHoldsFact++;
      }
    } else {
      numbers.choices++;
      const offered = reply.kind === 'choices' ? reply.topicIds : [];
      if (offered.some(correct)) numbers.choicesWithRight++;
    }
    if (!right)
      context.confusions?.push({
        file,
        kind: item.kind,
        q: item.text,
        expected: expectedOf(item),
        got: gotOf(reply),
        confident: reply.kind === 'answer',
      });
  }
  return numbers;
}

/** The graded dev set, per file (one author each) and together, with its confusions. */
async function measureDevGraded(context: GradingContext): Promise<QaReport['devGraded']> {
  const byFile: Record<string, GradedNumbers> = {};
  for (const { file, items } of loadHeldoutFiles(DEV_GRADED_DIR))
    byFile[file] = await measureGraded(items, 1, context, file);
  const all = Object.values(byFile);
  return all.length ? { byFile, all: all.reduce(addCounts) } : undefined;
}

async function measureAcute(items: AcuteItem[], detector: AcuteDangerDetector): Promise<AcuteNumbers> {
  const acute = items.filter((item) => item.acute);
  const calm = items.filter((item) => !item.acute);
  const levels = await Promise.all(acute.map(async (item) => detector.assess(item.q)));
  const missed = acute.filter((_, i) => levels[i] === 'none').map((item) => item.q);
  const falseAlarms = calm.filter((item) => isAcuteDanger(item.q)).map((item) => item.q);
  return {
    rulesRecall: levels.filter((level) => level === 'acute').length / (acute.length || 1),
    rulesFalseRate: falseAlarms.length / (calm.length || 1),
    firstLineRecall: await firstLineRate(acute, detector),
    firstLineRate: await firstLineRate(calm, detector),
    missed,
    falseAlarms,
    size: items.length,
  };
}

async function firstLineRate(items: AcuteItem[], detector: AcuteDangerDetector): Promise<number> {
  let count = 0;
  for (const item of items) if ((await detector.assess(item.q)) !== 'none') count++;
  return count / (items.length || 1);
}

/** Dev numbers with confusions, the held-out numbers, and acute-danger detection. */
export async function evaluateQa(
  options: Partial<MatcherOptions> = {},
  { withHeldout = true }: { withHeldout?: boolean } = {},
): Promise<QaReport> {
  const sets = loadQaSets();
  const knowledgeBase = KnowledgeBase.load();
  const trained = await TopicMatcher.train(knowledgeBase, DEFAULT_MATCHER_OPTIONS, ChannelWords.load());
  const matcher = trained.withOptions(options);
  const examples = loadAcuteExamples();
  const detector = await AcuteDangerDetector.train(
    examples,
    knowledgeBase.exampleQuestions(),
    knowledgeBase.answerTexts(),
  );
  const timings: number[] = [];
  const confusions: QaReport['confusions'] = [];
  const qaSet = await measureDev(matcher, sets.qaSet, timings, confusions, 'qa-set');
  const qaUnseen = await measureDev(matcher, sets.qaUnseen, timings, confusions, 'qa-unseen');
  const context: GradingContext = { matcher, detector, knowledgeBase, timings };
  const devGradedConfusions: GradedConfusion[] = [];
  const devGraded = await measureDevGraded({ ...context, confusions: devGradedConfusions });
  // Development runs leave the held-out set alone: it is measured when it arrives and at the end.
  const heldoutItems = withHeldout ? loadHeldout(HELDOUT_DIR) : [];
  const heldoutFiles = fs.existsSync(HELDOUT_DIR)
    ? fs.readdirSync(HELDOUT_DIR).filter((name) => name.endsWith('.json')).length
    : 0;
  const heldout = heldoutItems.length ? await measureGraded(heldoutItems, heldoutFiles, context) : undefined;
  const unseenAuthors = withHeldout ? await measureUnseenAuthors(matcher) : undefined;
  timings.sort((a, b) => a - b);

  const questions = [...sets.qaSet, ...sets.qaUnseen].map((item) => ({ q: item.q, acute: false }));
  return {
    dev: { qaSet, qaUnseen, all: addCounts(qaSet, qaUnseen) },
    confusions,
    heldout,
    unseenAuthors,
    devGraded,
    devGradedConfusions,
    possibleRateOnQuestions: await firstLineRate(questions, detector),
    acuteRateOnQuestions: questions.filter((item) => isAcuteDanger(item.q)).length / questions.length,
    medianMatchMs: timings[Math.floor(timings.length / 2)] ?? 0,
    acuteTuning: await measureAcute(examples, detector),
    acuteUnseen: await measureAcute(sets.acuteUnseen, detector),
  };
}

/** One row of the calibration: a confidence threshold and what it gives on every dev set. */
export interface CalibrationRow {
  /** The options tried (the rest are DEFAULT_MATCHER_OPTIONS). */
  options: Partial<MatcherOptions>;
  /** qa-set.json and qa-unseen.json together (graded by topic). */
  dev: DevNumbers;
  /** dev-2026-12 per file (one author each), graded like the held-out set. */
  byAuthor: Record<string, GradedNumbers>;
}

/**
 * Confidence calibration on dev data: for each setting of the search-lead rule, the dev numbers. The held-out
 * set is never used. Cross-validation: a setting chosen on one author's file is checked on the other.
 */
export async function calibrate(settings: Array<Partial<MatcherOptions>>): Promise<CalibrationRow[]> {
  const sets = loadQaSets();
  const knowledgeBase = KnowledgeBase.load();
  const trained = await TopicMatcher.train(knowledgeBase, DEFAULT_MATCHER_OPTIONS, ChannelWords.load());
  const detector = await AcuteDangerDetector.train(
    loadAcuteExamples(),
    knowledgeBase.exampleQuestions(),
    knowledgeBase.answerTexts(),
  );
  const files = loadHeldoutFiles(DEV_GRADED_DIR);
  const rows: CalibrationRow[] = [];
  for (const options of settings) {
    const matcher = trained.withOptions(options);
    const byAuthor: Record<string, GradedNumbers> = {};
    for (const { file, items } of files)
      byAuthor[file] = await measureGraded(items, 1, { matcher, detector, knowledgeBase });
    rows.push({ options, dev: await measureDev(matcher, [...sets.qaSet, ...sets.qaUnseen]), byAuthor });
  }
  return rows;
}

/** The setting with the most right answers at once on `file` whose confident wrong share there is ≤ `target`. */
export function chooseOn(rows: CalibrationRow[], file: string, target: number): CalibrationRow | undefined {
  let best: CalibrationRow | undefined;
  for (const row of rows) {
    const numbers = row.byAuthor[file];
    if (!numbers || numbers.confidentWrong > target * numbers.questions) continue;
    if (!best || numbers.correct > best.byAuthor[file]!.correct) best = row;
  }
  return best;
}

/**
 * Flat search-lead bars for every question, then the long-question bar with short questions at lead 0, then
 * the long-question bar when all three models name the topic (agreedSearchLeadLong).
 */
const CALIBRATION_SETTINGS: Array<Partial<MatcherOptions>> = [
  ...[-1, 0, 0.2, 0.4, 0.5, 0.6, 0.7].map((lead) => ({
    minSearchLead: lead,
    minSearchLeadLong: lead,
    agreedSearchLeadLong: lead,
  })),
  ...[0.4, 0.5, 0.6, 0.7].flatMap((long) =>
    [3, 4, 5].map((words) => ({
      minSearchLead: 0,
      longQuestionWords: words,
      minSearchLeadLong: long,
      agreedSearchLeadLong: long,
    })),
  ),
  ...[0.6, 0.7].flatMap((long) =>
    [-1, 0, 0.1, 0.2, 0.3, 0.5].map((agreed) => ({
      minSearchLead: 0,
      minSearchLeadLong: long,
      agreedSearchLeadLong: agreed,
    })),
  ),
];

const share = (n: number, d: number): string => `${((100 * n) / (d || 1)).toFixed(1)} % (${n}/${d})`;

function printDev(name: string, numbers: DevNumbers): void {
  console.log(
    `${name.padEnd(22)} answered right ${share(numbers.answeredRight, numbers.total)}, ` +
      `confident wrong ${share(numbers.confidentWrong, numbers.total)}, ` +
      `choice card ${share(numbers.choices, numbers.total)}, first-ranked right ${share(numbers.firstRanked, numbers.total)}`,
  );
}

function printGraded(title: string, numbers: GradedNumbers): void {
  const h = numbers;
  console.log(title);
  console.log(`  top-1 correct:             ${share(h.correct, h.questions)}`);
  console.log(`  confident wrong:           ${share(h.confidentWrong, h.questions)}`);
  console.log(`  first-ranked right:        ${share(h.firstRankedRight, h.questions)}`);
  console.log(
    `  choice card:               ${share(h.choices, h.questions)} (a right topic among its buttons: ${share(h.choicesWithRight, h.choices)})`,
  );
  console.log(
    `  one point shown first:     ${share(h.pointShown, h.questions)} (it holds an expected fact: ${share(h.pointHoldsFact, h.pointShown)})`,
  );
  console.log(
    `  questions with "ring 112": line ${share(h.questionsWithLine, h.questions)}, acute card ${share(h.questionsWithAcuteCard, h.questions)}`,
  );
  console.log(`  acute with 112 first:      ${share(h.acute.firstLine, h.acute.total)}`);
  console.log(
    `  calm told "Ring 112 nu":   ${share(h.calm.acuteCard, h.calm.total)} (one-line "Ring 112." question: ${share(h.calm.line, h.calm.total)})`,
  );
}

function printHeldout(heldout: GradedNumbers | undefined): void {
  if (!heldout) console.log('held-out (heldout-2026-12): not measured (no files, or --dev)');
  else
    printGraded(
      `held-out (heldout-2026-12, ${heldout.files} files; numbers only, the set stays unread):`,
      heldout,
    );
}

function printDevGraded(devGraded: QaReport['devGraded']): void {
  if (!devGraded) {
    console.log('dev, dev-2026-12: no files');
    return;
  }
  for (const [file, numbers] of Object.entries(devGraded.byFile))
    printGraded(`dev, dev-2026-12/${file} (graded like the held-out set):`, numbers);
  printGraded(`dev, dev-2026-12, all ${devGraded.all.files} files:`, devGraded.all);
}

const settingOf = (options: Partial<MatcherOptions>): string => {
  const { minSearchLead, longQuestionWords, minSearchLeadLong, agreedSearchLeadLong } = {
    ...DEFAULT_MATCHER_OPTIONS,
    ...options,
  };
  return `lead ${minSearchLead}, over ${longQuestionWords} content words ${minSearchLeadLong} (${agreedSearchLeadLong} when all models agree)`;
};

function printCalibration(rows: CalibrationRow[]): void {
  const cell = (n: GradedNumbers) =>
    `${share(n.correct, n.questions)} right, ${share(n.confidentWrong, n.questions)} wrong`;
  console.log(
    'dev calibration (search-lead setting | each dev-2026-12 author: top-1, confident wrong | qa sets):',
  );
  for (const row of rows) {
    const authors = Object.entries(row.byAuthor).map(([file, n]) => `${file} ${cell(n)}`);
    console.log(
      `  ${settingOf(row.options)} | ${authors.join(' | ')} | qa ${share(row.dev.answeredRight, row.dev.total)} right, ${share(row.dev.confidentWrong, row.dev.total)} wrong`,
    );
  }
  const files = Object.keys(rows[0]?.byAuthor ?? {});
  for (const target of [0.01, 0.02, 0.03, 0.05])
    for (const tunedOn of files) {
      const chosen = chooseOn(rows, tunedOn, target);
      const checks = files.filter((file) => file !== tunedOn);
      if (!chosen) console.log(`  ≤ ${100 * target} % on ${tunedOn}: no threshold`);
      else
        console.log(
          `  ≤ ${100 * target} % on ${tunedOn}: ${settingOf(chosen.options)} → ` +
            checks.map((file) => `${file} ${cell(chosen.byAuthor[file]!)}`).join(', '),
        );
    }
  console.log(`in use: ${settingOf(DEFAULT_MATCHER_OPTIONS)}`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--calibrate')) {
    printCalibration(await calibrate(CALIBRATION_SETTINGS));
    return;
  }
  const report = await evaluateQa({}, { withHeldout: !process.argv.includes('--dev') });
  const pct = (value: number): string => `${(100 * value).toFixed(1)} %`;
  const { acuteTuning: tuning, acuteUnseen: unseen } = report;
  printDev('dev, qa-set.json:', report.dev.qaSet);
  printDev('dev, qa-unseen.json:', report.dev.qaUnseen);
  printDev('dev, both:', report.dev.all);
  printDevGraded(report.devGraded);
  printHeldout(report.heldout);
  if (report.unseenAuthors) {
    for (const [file, numbers] of Object.entries(report.unseenAuthors.byFile))
      printDev(`unseen, ${file}:`, numbers);
    printDev('unseen authors, both:', report.unseenAuthors.all);
  }
  console.log(`median answer selection:   ${report.medianMatchMs.toFixed(2)} ms`);
  console.log(
    `acute, tuning (${tuning.size}):  rules recall ${pct(tuning.rulesRecall)}, false ${pct(tuning.rulesFalseRate)}`,
  );
  console.log(
    `acute, unseen (${unseen.size}):  rules recall ${pct(unseen.rulesRecall)}, false ${pct(unseen.rulesFalseRate)}; ` +
      `"ring 112" first ${pct(unseen.firstLineRecall)}, on near-miss calm messages ${pct(unseen.firstLineRate)}`,
  );
  console.log(
    `ordinary dev questions: acute ${pct(report.acuteRateOnQuestions)}, "ring 112" line ${pct(report.possibleRateOnQuestions)}`,
  );
  // Only dev data is listed: printing the held-out set's misses would turn it into tuning data.
  console.log(
    '\nconfusions on dev data (file | question | expected → first ranked | CONFIDENT when answered):',
  );
  for (const c of report.confusions)
    console.log(`  ${c.file} | ${c.q} | ${c.expected} → ${c.got}${c.confident ? ' | CONFIDENT' : ''}`);
  console.log(
    '\nconfusions on dev-2026-12 (file | kind | question | expected section: facts → got | CONFIDENT when one answer):',
  );
  for (const c of report.devGradedConfusions)
    console.log(
      `  ${c.file} | ${c.kind} | ${c.q} | ${c.expected} → ${c.got}${c.confident ? ' | CONFIDENT' : ''}`,
    );
  if (tuning.missed.length)
    console.log(`\nacute with no "ring 112" (tuning):\n  ${tuning.missed.join('\n  ')}`);
  if (tuning.falseAlarms.length) console.log(`\nfalse acute (tuning):\n  ${tuning.falseAlarms.join('\n  ')}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
