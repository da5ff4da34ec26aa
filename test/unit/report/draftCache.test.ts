import assert from 'node:assert/strict';
import { DraftCache } from '../../../src/report/draftCache';
import { completeDraft } from '../../support/reportFlow';

const versioned = (ownerKey: string, etag = 'e1') => ({
  value: completeDraft({ id: `draft-${ownerKey}`, ownerKey }),
  etag,
});

describe('DraftCache (the last draft this process saw, per person)', () => {
  it('keeps a copy only for its time to live', () => {
    let now = 0;
    const cache = new DraftCache(() => now, 1_000, 10);
    cache.set(versioned('anna'));
    now = 1_000;
    assert.equal(cache.get('anna')?.etag, 'e1');
    // 1 500 ms after the write, 500 after the get: a get that renewed the copy would still return it here.
    now = 1_500;
    assert.equal(cache.get('anna'), undefined, 'the get did not renew it: the copy is as old as its write');
    assert.equal(cache.size, 0, 'an expired copy is dropped, not kept');
  });

  it('holds at most its capacity, dropping the least recently used', () => {
    const cache = new DraftCache(() => 0, 1_000, 2);
    cache.set(versioned('a'));
    cache.set(versioned('b'));
    cache.get('a'); // a used more recently than b
    cache.set(versioned('c'));
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b'), undefined, 'b was the least recently used');
    assert.ok(cache.get('a') && cache.get('c'));
  });

  it('replaces a copy with the newer version and forgets on request', () => {
    const cache = new DraftCache(() => 0, 1_000, 2);
    cache.set(versioned('a', 'e1'));
    cache.set(versioned('a', 'e2'));
    assert.equal(cache.size, 1);
    assert.equal(cache.get('a')?.etag, 'e2');
    cache.forget('a');
    assert.equal(cache.get('a'), undefined);
  });
});
