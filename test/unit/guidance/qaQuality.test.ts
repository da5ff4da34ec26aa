import assert from 'node:assert/strict';
import { evaluateQa, type QaReport } from '../../../scripts/evalQa';

/**
 * The labelled question set (test/guidance/qa-set.json) as a quality gate. Its held-out part was written
 * without seeing the knowledge base and is never used to tune it. The bar is 95 % held-out top-1;
 * the gate below is the level reached so far (see README), so a regression fails the suite.
 */
describe('guidance quality on the labelled question set', function () {
  this.timeout(60_000);
  let report: QaReport;

  before(async () => {
    report = await evaluateQa();
  });

  it('answers the held-out questions correctly (top-1 ≥ 92 %)', () => {
    const { correct, total } = report.accuracy.heldout;
    assert.ok(total >= 200);
    assert.ok(correct / total >= 0.92, `held-out top-1 ${((100 * correct) / total).toFixed(1)} %`);
  });

  it('recognises every acute-danger message (recall 100 %) with ≤ 2 % false alarms', () => {
    assert.deepEqual(report.acute.missed, []);
    assert.ok(
      report.acute.falseAcuteRate <= 0.02,
      `false-acute ${(100 * report.acute.falseAcuteRate).toFixed(2)} %`,
    );
  });

  it('selects an answer in ≤ 5 ms median', () => {
    assert.ok(report.medianMatchMs <= 5, `${report.medianMatchMs.toFixed(2)} ms`);
  });
});
