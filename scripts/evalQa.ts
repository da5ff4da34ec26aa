import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/core/paths';
import { AcuteDangerDetector, isAcuteDanger, loadAcuteExamples } from '../src/guidance/domain/acuteDanger';
import { KnowledgeBase } from '../src/guidance/domain/knowledgeBase';
import { answerLanguage } from '../src/core/i18n/language';
import { TopicMatcher } from '../src/guidance/domain/topicMatcher';

interface QaItem {
  q: string;
  topic: string;
  lang: 'sv' | 'en';
  split: 'dev' | 'heldout';
}
interface AcuteItem {
  q: string;
  acute: boolean;
}

export interface QaReport {
  accuracy: Record<'dev' | 'heldout', { correct: number; total: number }>;
  confidentWrong: number;
  confusions: Array<{ q: string; expected: string; got: string; split: string; confident: boolean }>;
  acute: { recall: number; falseAcuteRate: number; missed: string[]; falseAlarms: string[] };
  /** The untuned acute set: numbers only, so reading the report never turns it into tuning data. */
  acuteHoldout: {
    recall: number;
    falseAcuteRate: number;
    size: number;
    firstLineRecall: number;
    firstLineRate: number;
  };
  /** Share of ordinary questions that get the one-line "ring 112" before their answer (the "possible" tier). */
  possibleRateOnQuestions: number;
  medianMatchMs: number;
}

const readSet = <T>(file: string): T =>
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'test', 'guidance', file), 'utf8'));

/**
 * The labelled sets: qa-set.json (questions + acute messages) and acute-fresh.json (acute messages written
 * independently, later also used to tune the rules). acute-holdout.json, when present, is never used for
 * tuning: it is reported on its own as the honest measure of how the rules generalise.
 */
export function loadQaSet(): { qa: QaItem[]; acute: AcuteItem[]; acuteHoldout: AcuteItem[] } {
  const set = readSet<{ qa: QaItem[]; acute: AcuteItem[] }>('qa-set.json');
  const fresh = readSet<AcuteItem[]>('acute-fresh.json');
  const holdoutFile = path.join(projectRoot, 'test', 'guidance', 'acute-holdout.json');
  const acuteHoldout = fs.existsSync(holdoutFile) ? readSet<AcuteItem[]>('acute-holdout.json') : [];
  return { qa: set.qa, acute: [...set.acute, ...fresh], acuteHoldout };
}

/** Top-1 accuracy per split, acute recall and false-acute rate over the labelled set in test/guidance. */
export async function evaluateQa(): Promise<QaReport> {
  const set = loadQaSet();
  const knowledgeBase = KnowledgeBase.load();
  const matcher = await TopicMatcher.train(knowledgeBase);
  const detector = await AcuteDangerDetector.train(
    loadAcuteExamples(),
    knowledgeBase.topics.flatMap((topic) => [...topic.examples.sv, ...topic.examples.en]),
  );
  const report: QaReport = {
    accuracy: { dev: { correct: 0, total: 0 }, heldout: { correct: 0, total: 0 } },
    confidentWrong: 0,
    confusions: [],
    acute: { recall: 0, falseAcuteRate: 0, missed: [], falseAlarms: [] },
    acuteHoldout: {
      recall: 0,
      falseAcuteRate: 0,
      size: set.acuteHoldout.length,
      firstLineRecall: 0,
      firstLineRate: 0,
    },
    possibleRateOnQuestions: 0,
    medianMatchMs: 0,
  };
  const timings: number[] = [];
  for (const item of set.qa) {
    const started = process.hrtime.bigint();
    const result = await matcher.match(item.q, answerLanguage(item.q, 'sv'));
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    const got = result.ranked[0]?.topicId ?? '(none)';
    const bucket = report.accuracy[item.split];
    bucket.total++;
    if (got === item.topic) bucket.correct++;
    else {
      if (result.confident) report.confidentWrong++;
      report.confusions.push({
        q: item.q,
        expected: item.topic,
        got,
        split: item.split,
        confident: result.confident,
      });
    }
  }
  timings.sort((a, b) => a - b);
  report.medianMatchMs = timings[Math.floor(timings.length / 2)] ?? 0;

  const acute = set.acute.filter((item) => item.acute);
  const calm = [
    ...set.acute.filter((item) => !item.acute),
    ...set.qa.map((item) => ({ q: item.q, acute: false })),
  ];
  report.acute.missed = acute.filter((item) => !isAcuteDanger(item.q)).map((item) => item.q);
  report.acute.falseAlarms = calm.filter((item) => isAcuteDanger(item.q)).map((item) => item.q);
  report.acute.recall = (acute.length - report.acute.missed.length) / acute.length;
  report.acute.falseAcuteRate = report.acute.falseAlarms.length / calm.length;
  const holdoutAcute = set.acuteHoldout.filter((item) => item.acute);
  const holdoutCalm = set.acuteHoldout.filter((item) => !item.acute);
  report.acuteHoldout.recall =
    holdoutAcute.filter((item) => isAcuteDanger(item.q)).length / (holdoutAcute.length || 1);
  report.acuteHoldout.falseAcuteRate =
    holdoutCalm.filter((item) => isAcuteDanger(item.q)).length / (holdoutCalm.length || 1);
  const firstLine = async (items: AcuteItem[]): Promise<number> => {
    let count = 0;
    for (const item of items) if ((await detector.assess(item.q)) !== 'none') count++;
    return count / (items.length || 1);
  };
  report.acuteHoldout.firstLineRecall = await firstLine(holdoutAcute);
  report.acuteHoldout.firstLineRate = await firstLine(holdoutCalm);
  report.possibleRateOnQuestions = await firstLine(set.qa.map((item) => ({ q: item.q, acute: false })));
  return report;
}

const percent = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)} % (${n}/${d})`;

async function main(): Promise<void> {
  const report = await evaluateQa();
  const { dev, heldout } = report.accuracy;
  console.log(`top-1 accuracy, held-out: ${percent(heldout.correct, heldout.total)}`);
  console.log(`top-1 accuracy, dev:      ${percent(dev.correct, dev.total)}`);
  console.log(`confident but wrong:      ${report.confidentWrong} of ${dev.total + heldout.total}`);
  console.log(`acute-danger recall:      ${(100 * report.acute.recall).toFixed(1)} %`);
  console.log(`false-acute rate:         ${(100 * report.acute.falseAcuteRate).toFixed(2)} %`);
  console.log(`median answer selection:  ${report.medianMatchMs.toFixed(2)} ms`);
  const holdout = report.acuteHoldout;
  if (holdout.size > 0) {
    console.log(
      `acute, untuned hold-out:  recall ${(100 * holdout.recall).toFixed(1)} %, false-acute ${(100 * holdout.falseAcuteRate).toFixed(1)} % (${holdout.size} messages)`,
    );
    console.log(
      `  "ring 112" first (rules or classifier): recall ${(100 * holdout.firstLineRecall).toFixed(1)} %, on calm messages ${(100 * holdout.firstLineRate).toFixed(1)} %`,
    );
  }
  console.log(
    `"ring 112" line on ordinary questions: ${(100 * report.possibleRateOnQuestions).toFixed(1)} %`,
  );
  console.log('\nconfusions (question | expected → got | split | confident):');
  for (const c of report.confusions)
    console.log(`  ${c.q} | ${c.expected} → ${c.got} | ${c.split}${c.confident ? ' | CONFIDENT' : ''}`);
  if (report.acute.missed.length) console.log(`\nacute missed:\n  ${report.acute.missed.join('\n  ')}`);
  if (report.acute.falseAlarms.length)
    console.log(`\nfalse acute:\n  ${report.acute.falseAlarms.join('\n  ')}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
