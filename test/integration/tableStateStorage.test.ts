import assert from 'node:assert/strict';
import { ConcurrencyError, splitChunks, TableStateStorage, ValueTooLargeError } from '../../src/core/storage';
import { freshTables } from '../support/rootHooks';

describe('TableStateStorage (botbuilder Storage on Azurite)', () => {
  let storage: TableStateStorage;

  beforeEach(() => {
    const tables = freshTables();
    storage = new TableStateStorage(() => tables.table('State'));
  });

  it('round-trips state under keys with characters Table Storage forbids', async () => {
    const key = 'msteams/conversations/a:1#x?y\\z\u0001/~7e';
    await storage.write({ [key]: { count: 1, text: 'hej åäö 😀' } });
    const items = await storage.read([key, 'missing']);
    assert.deepEqual(Object.keys(items), [key]);
    assert.equal(items[key]!.count, 1);
    assert.equal(items[key]!.text, 'hej åäö 😀');
    assert.ok(items[key]!.eTag, 'reads return the stored eTag');
  });

  it('writes unconditionally with no eTag or "*"', async () => {
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    assert.equal((await storage.read(['k'])).k!.v, 2);
  });

  it('refuses a stale eTag with a conflict error and keeps the newer state', async () => {
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k!;
    await storage.write({ k: { ...first, v: 2 } });
    await assert.rejects(storage.write({ k: { ...first, v: 3 } }), ConcurrencyError);
    assert.equal((await storage.read(['k'])).k!.v, 2);
  });

  it('lets exactly one of several concurrent conditional writers win', async () => {
    await storage.write({ k: { v: 0 } });
    const read = (await storage.read(['k'])).k!;
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => storage.write({ k: { ...read, v: i + 1 } })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .forEach((r) => assert.ok(r.reason instanceof ConcurrencyError));
  });

  it('creates an item written with an eTag when nothing is stored yet, once', async () => {
    const results = await Promise.allSettled([
      storage.write({ fresh: { v: 1, eTag: 'W/"stale"' } }),
      storage.write({ fresh: { v: 2, eTag: 'W/"stale"' } }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });

  it('stores state larger than one 64 KiB property across chunks, intact', async () => {
    // 60 000 UTF-16 units of non-ASCII text: over one property, and over Azurite's 64 KiB body chunks.
    const big = { text: 'å😀x'.repeat(15_000) };
    await storage.write({ big });
    assert.equal((await storage.read(['big'])).big!.text, big.text);
  });

  it('fails clearly (never truncates) when state exceeds one entity', async () => {
    await assert.rejects(storage.write({ huge: { text: 'x'.repeat(500_000) } }), ValueTooLargeError);
    assert.deepEqual(await storage.read(['huge']), {});
  });

  it('splits into property-sized chunks and joins back exactly', () => {
    const text = 'a'.repeat(65_001);
    const parts = splitChunks(text);
    assert.deepEqual(
      parts.map((part: string) => part.length),
      [30_000, 30_000, 5_001],
    );
    assert.equal(parts.join(''), text);
    assert.deepEqual(splitChunks(''), ['']);
  });

  it('deletes, and deleting a missing key is fine', async () => {
    await storage.write({ k: { v: 1 } });
    await storage.delete(['k', 'never-written']);
    assert.deepEqual(await storage.read(['k']), {});
  });
});
