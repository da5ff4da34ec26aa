import assert from 'node:assert/strict';
import { ConcurrencyError, Repository, ValueTooLargeError } from '../../src/core/storage';
import { freshTables } from '../support/rootHooks';

interface Counter {
  count: number;
  owner?: string;
  note?: string;
}

describe('Repository (capability tables on Azurite)', () => {
  let repo: Repository<Counter>;

  beforeEach(() => {
    const tables = freshTables();
    repo = new Repository<Counter>(() => tables.table('Counters'), ['owner']);
  });

  it('creates once: a second create of the same key is a conflict (idempotent submit)', async () => {
    await repo.create('p', 'r', { count: 1 });
    await assert.rejects(repo.create('p', 'r', { count: 2 }), ConcurrencyError);
    assert.equal((await repo.get('p', 'r'))!.value.count, 1);
  });

  it('replaces only with the current ETag', async () => {
    await repo.create('p', 'r', { count: 1 });
    const current = (await repo.get('p', 'r'))!;
    await repo.replace('p', 'r', { count: 2 }, current.etag);
    await assert.rejects(repo.replace('p', 'r', { count: 3 }, current.etag), ConcurrencyError);
  });

  it('loses no update under concurrent read-modify-write', async () => {
    await Promise.all(
      Array.from({ length: 10 }, () => repo.update('p', 'r', (c) => ({ count: (c?.count ?? 0) + 1 }), 30)),
    );
    assert.equal((await repo.get('p', 'r'))!.value.count, 10);
  });

  it('lists a partition with decoded row keys', async () => {
    await repo.upsert('user/1', 'b/2', { count: 2 });
    await repo.upsert('user/1', 'a#1', { count: 1 });
    await repo.upsert('user/2', 'c', { count: 3 });
    const rows = await repo.listPartition('user/1');
    assert.deepEqual(
      rows.map((r) => [r.row, r.value.count]),
      [
        ['a#1', 1],
        ['b/2', 2],
      ],
    );
  });

  it('lists by row-key prefix, and an empty prefix lists the whole partition', async () => {
    await repo.upsert('user/1', 'b/2', { count: 2 });
    await repo.upsert('user/1', 'a#1', { count: 1 });
    await repo.upsert('user/2', 'c', { count: 3 });
    const counts = async (prefix: string) =>
      (await repo.listPrefix('user/1', prefix)).map((r) => r.value.count);
    assert.deepEqual(await counts('b/'), [2]);
    assert.deepEqual(await counts(''), [1, 2]);
  });

  it('stores records larger than one property, and refuses (never truncates) one over an entity', async () => {
    const note = 'å😀'.repeat(20_000);
    await repo.upsert('p', 'big', { count: 1, note: 'x' });
    await repo.upsert('p', 'big', { count: 2, note });
    assert.equal((await repo.get('p', 'big'))!.value.note, note);
    await assert.rejects(
      repo.upsert('p', 'huge', { count: 1, note: 'x'.repeat(500_000) }),
      ValueTooLargeError,
    );
  });
});
