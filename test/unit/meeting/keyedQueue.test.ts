import assert from 'node:assert/strict';
import { KeyedQueue } from '../../../src/meeting/keyedQueue';

describe('KeyedQueue (shared-card updates in order per meeting)', () => {
  it('runs one key’s tasks one after another in arrival order, other keys alongside, and forgets idle keys', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => () =>
      new Promise<string>((resolve) =>
        setTimeout(() => {
          log.push(name);
          resolve(name);
        }, ms),
      );
    const results = await Promise.all([
      queue.run('m1', task('a1', 30)),
      queue.run('m1', task('a2', 1)),
      queue.run('m2', task('b1', 5)),
    ]);
    assert.deepEqual(results, ['a1', 'a2', 'b1']);
    assert.deepEqual(log, ['b1', 'a1', 'a2']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(queue.size, 0);
  });

  it('a failing task fails only its caller; the next one still runs', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('m', async () => {
      throw new Error('boom');
    });
    const next = queue.run('m', async () => 'ran');
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 'ran');
  });
});
