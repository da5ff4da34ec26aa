import assert from 'node:assert/strict';
import { barRows } from '../../bench/bars';

describe('bench: the issue #17 bars, PASS / FAIL from one run', () => {
  const passing = {
    readyMs: 1_900,
    rssAfter10kMb: 250,
    rssGrowthPct: 9.9,
    reportP99VsEcho: 3,
    guidanceMedianVsEcho: 1.5,
    submitToAlertsMedianMs: 300,
  };

  it('passes every bar at its limit (≤), and growth only below 10 % (<)', () => {
    assert.deepEqual(
      barRows(passing).map((row) => row[3]),
      ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS'],
    );
    assert.equal(barRows({ ...passing, rssGrowthPct: 10 })[2]![3], 'FAIL');
  });

  it('fails the bar that is over, with the number that was measured', () => {
    const rows = barRows({ ...passing, readyMs: 3_512, reportP99VsEcho: 5.4 });
    assert.deepEqual(rows[0], ['ready (/healthz 200) after start', '≤ 2000 ms', '3512 ms', 'FAIL']);
    assert.deepEqual(rows[3]!.slice(2), ['5.40×', 'FAIL']);
    assert.equal(rows[4]![3], 'PASS');
  });

  it('says "not measured" for what the run did not measure, never PASS', () => {
    const rows = barRows({ readyMs: 1_000 });
    assert.equal(rows[0]![3], 'PASS');
    assert.deepEqual(
      rows.slice(1).map((row) => row[3]),
      Array(5).fill('not measured'),
    );
    assert.equal(barRows({ ...passing, reportP99VsEcho: NaN })[3]![3], 'not measured');
  });
});
