import assert from 'node:assert/strict';
import { ConcurrencyError, retryOnConflict } from '../../src/core/storage';

/** The one retry loop of conditional writes (Repository.updateIf, ReportService's draft changes and marks). */
describe('retryOnConflict', () => {
  it('runs again after a lost race, numbering the attempts, and returns the first result', async () => {
    const seen: number[] = [];
    const result = await retryOnConflict(3, async (n) => {
      seen.push(n);
      if (n < 3) throw new ConcurrencyError('p/r');
      return 'written';
    });
    assert.equal(result, 'written');
    assert.deepEqual(seen, [1, 2, 3]);
  });

  it('throws the last lost race after `attempts` in all', async () => {
    let runs = 0;
    await assert.rejects(
      retryOnConflict(3, async () => {
        runs++;
        throw new ConcurrencyError('p/r');
      }),
      ConcurrencyError,
    );
    assert.equal(runs, 3);
  });

  it('throws any other error at once', async () => {
    let runs = 0;
    await assert.rejects(
      retryOnConflict(3, async () => {
        runs++;
        throw new Error('storage down');
      }),
      /storage down/,
    );
    assert.equal(runs, 1);
  });
});
