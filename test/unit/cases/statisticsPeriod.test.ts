import assert from 'node:assert/strict';
import { CaseStatistics, type CaseStatisticsDeps } from '../../../src/cases/caseStatistics';

/** The period a statistics press asks for: card data is untrusted, and a bad date is no period (not today). */
describe('statistics: the period a press asks for', () => {
  const statistics = new CaseStatistics({ today: () => '2026-12-07' } as unknown as CaseStatisticsDeps);
  const period = (data: unknown) => statistics.periodFrom(data);

  it('the previous quarter', () => {
    assert.deepEqual(period({ quarter: 'previous' }), { from: '2026-07-01', to: '2026-09-30' });
  });

  it('from and to as typed; an empty "to" is today', () => {
    assert.deepEqual(period({ from: '2026-01-01', to: '2026-03-31' }), {
      from: '2026-01-01',
      to: '2026-03-31',
    });
    assert.deepEqual(period({ from: '2026-01-01', to: '' }), { from: '2026-01-01', to: '2026-12-07' });
    assert.deepEqual(period({ from: '2026-01-01' }), { from: '2026-01-01', to: '2026-12-07' });
  });

  it('no period for a missing or malformed date, the wrong order, more than ten years or forged data', () => {
    for (const data of [
      {},
      { from: '' },
      { from: '2026-1-1', to: '2026-03-31' },
      { from: '2026-01-01', to: '31/3/2026' },
      { from: '2026-04-01', to: '2026-03-31' },
      { from: '2010-01-01', to: '2026-03-31' },
      { from: 20260101 },
      'cases.stats',
      null,
    ])
      assert.equal(period(data), undefined, JSON.stringify(data));
  });
});
