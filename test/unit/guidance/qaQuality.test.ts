import assert from 'node:assert/strict';
import { evaluateQa, type QaReport } from '../../../scripts/evalQa';

const pct = (share: number): string => `${(100 * share).toFixed(1)} %`;

/**
 * The labelled sets in test/guidance as a quality gate (numbers in README). The held-out questions
 * (qa-unseen.json) and acute-unseen.json were written from the guideline without seeing the knowledge base
 * and are never used to tune it; the bar is 95 % top-1 on the held-out questions.
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
