import assert from 'node:assert/strict';
import { evaluateQa, type QaReport } from '../../../scripts/evalQa';

const pct = (share: number): string => `${(100 * share).toFixed(1)} %`;

/**
 * The labelled sets in test/guidance as a quality gate (numbers in README). Dev data: qa-set.json, qa-unseen.json
 * and dev-2026-12/ (read and tuned against). Held out: heldout-2026-12/ (written by two authors who saw only the
 * guideline; never read, never tuned against) and acute-unseen.json. The gates are what was measured at the end
 * of issue 16's session 6 (training questions), minus a small margin: a regression floor, not the issue's bar (97 % top-1,
 * ≤ 1 % confident wrong), which is not met (README, Guidance quality).
 */
describe('guidance quality on the labelled sets', function () {
  this.timeout(120_000);
  let report: QaReport;

  before(async () => {
    report = await evaluateQa();
  });

  it('ranks the labelled topic first on the old held-out questions, now dev data (≥ 95 %)', () => {
    const { firstRanked, total } = report.dev.qaUnseen;
    assert.ok(total >= 300);
    assert.ok(firstRanked / total >= 0.95, `qa-unseen first-ranked ${pct(firstRanked / total)}`);
  });

  it('dev data: confident wrong ≤ 0.5 % on the qa sets, ≥ 72 % answered right at once (measured 0.5 / 75.4 %)', () => {
    const { answeredRight, confidentWrong, total } = report.dev.all;
    assert.ok(confidentWrong / total <= 0.005, `dev confident wrong ${pct(confidentWrong / total)}`);
    assert.ok(answeredRight / total >= 0.72, `dev answered right ${pct(answeredRight / total)}`);
  });

  // Session 7 added authors T3 and T4's 1 218 training questions: top-1 58.9 → 61.4 %, confident wrong 1.1 → 1.6 %
  // (4 → 6 of 370: a question about 114 14 answered with Bilaga 1's after-incident point, which repeats it, and two
  // like it), first-ranked right 88.9 → 87.8 %. No confidence setting lowered the confident wrong answers without
  // costing more right ones (README, Guidance quality), so the floor follows what was measured.
  it('dev-2026-12 (graded like the held-out set): confident wrong ≤ 2 %, top-1 ≥ 58 %, first-ranked right ≥ 86 % (measured 1.6 / 61.4 / 87.8 %)', () => {
    const dev = report.devGraded;
    assert.ok(dev, 'test/guidance/dev-2026-12/ holds the dev files');
    assert.ok(dev.all.questions >= 300, `${dev.all.questions} questions`);
    const share = (n: number) => n / dev.all.questions;
    assert.ok(share(dev.all.confidentWrong) <= 0.02, `confident wrong ${pct(share(dev.all.confidentWrong))}`);
    assert.ok(share(dev.all.correct) >= 0.58, `top-1 ${pct(share(dev.all.correct))}`);
    assert.ok(
      share(dev.all.firstRankedRight) >= 0.86,
      `first-ranked right ${pct(share(dev.all.firstRankedRight))}`,
    );
    assert.ok(
      dev.all.acute.firstLine === dev.all.acute.total,
      `acute ${dev.all.acute.firstLine}/${dev.all.acute.total}`,
    );
    assert.equal(dev.all.calm.acuteCard, 0, 'calm messages told "Ring 112 nu"');
  });

  // Measured with a short-question search lead of 0.1 (59.8 / 3.0 / 92.8 / 85.1 %); the code's 0 only turns choice
  // cards into answers (top-1 and confident wrong can only rise), and was not measured here (README).
  it('held-out set: top-1 ≥ 56 %, confident wrong ≤ 4 %, right at once or on the choice card ≥ 90 %, first-ranked right ≥ 82 %', () => {
    const heldout = report.heldout;
    assert.ok(heldout, 'test/guidance/heldout-2026-12/ holds the held-out files');
    assert.ok(heldout.questions >= 300, `${heldout.questions} questions`);
    const share = (n: number) => n / heldout.questions;
    assert.ok(share(heldout.correct) >= 0.56, `top-1 ${pct(share(heldout.correct))}`);
    assert.ok(
      share(heldout.firstRankedRight) >= 0.82,
      `first-ranked right ${pct(share(heldout.firstRankedRight))}`,
    );
    assert.ok(share(heldout.confidentWrong) <= 0.04, `confident wrong ${pct(share(heldout.confidentWrong))}`);
    const reachable = heldout.correct + heldout.choicesWithRight;
    assert.ok(share(reachable) >= 0.9, `right at once or one tap away ${pct(share(reachable))}`);
  });

  // Two authors who saw only the guideline and the topic list (session 7), measured once when they arrived, with
  // the matcher trained on authors T1–T4: answered right 62.9 %, confident wrong 2.9 %, first-ranked right 84.3 %
  // (1 094 questions, graded by topic label; README, Guidance quality).
  it('unseen authors (topic label): answered right ≥ 60 %, confident wrong ≤ 4 %, first-ranked right ≥ 81 %', () => {
    const unseen = report.unseenAuthors;
    assert.ok(unseen, 'test/guidance/unseen-authors-2026-12/ holds the files');
    const { answeredRight, confidentWrong, firstRanked, total } = unseen.all;
    assert.ok(total >= 1000, `${total} questions`);
    assert.ok(answeredRight / total >= 0.6, `answered right ${pct(answeredRight / total)}`);
    assert.ok(confidentWrong / total <= 0.04, `confident wrong ${pct(confidentWrong / total)}`);
    assert.ok(firstRanked / total >= 0.81, `first-ranked right ${pct(firstRanked / total)}`);
  });

  it('held-out set: acute messages get 112 first, calm ones are not told "Ring 112 nu" (≤ 2 %)', () => {
    const { acute, calm } = report.heldout!;
    assert.ok(acute.total >= 20 && acute.firstLine === acute.total, `${acute.firstLine} of ${acute.total}`);
    assert.ok(calm.total >= 40 && calm.acuteCard / calm.total <= 0.02, `${calm.acuteCard} of ${calm.total}`);
    assert.ok(calm.line / calm.total <= 0.04, `one-line question on ${calm.line} of ${calm.total}`);
  });

  it('every labelled acute message gets "ring 112" first (recall 100 % on the labelled messages)', () => {
    assert.deepEqual(report.acuteTuning.missed, []);
  });

  it('ordinary questions are answered, not treated as danger (≤ 2 % get "ring 112", none the acute card)', () => {
    assert.ok(report.acuteRateOnQuestions <= 0.005, pct(report.acuteRateOnQuestions));
    assert.ok(report.possibleRateOnQuestions <= 0.02, pct(report.possibleRateOnQuestions));
  });

  it('on unseen acute messages, "ring 112" comes first at least as often as measured (regression floor)', () => {
    // Not the 100 %: see the README on why unseen recall is the honest number and how far it is.
    assert.ok(report.acuteUnseen.firstLineRecall >= 0.97, pct(report.acuteUnseen.firstLineRecall));
  });

  it('selects an answer in ≤ 5 ms median', () => {
    assert.ok(report.medianMatchMs <= 5, `${report.medianMatchMs.toFixed(2)} ms`);
  });
});
