import assert from 'node:assert/strict';
import { BlobReader, BlobWriter } from '../../../src/guidance/binaryArtifact';
import { CompactPostings } from '../../../src/guidance/domain/termPostings';

/** The models artifact's layout: a JSON line, then the large arrays as bytes (read back bit for bit). */
describe('models artifact: JSON line and array bytes', () => {
  const terms = ['b:a_b', 'w:hot', 'w:kniv', 'w:å', ''];
  const offsets = Uint32Array.from([0, 2, 2, 5, 6, 7]);
  const weights = Float64Array.from([0.1 + 0.2, -0, Number.MIN_VALUE, 1e300, Math.PI, 2 / 3, 7]);

  function written(): Buffer {
    const writer = new BlobWriter();
    return writer.file({
      name: 'rad\nbrytning', // a line break inside the JSON part is escaped, never the end of the part
      terms: writer.lines(terms),
      none: writer.lines([]),
      offsets: writer.u32(offsets.subarray(1)), // a view at an offset of its buffer
      weights: writer.f64(weights),
    });
  }

  it('reads back the JSON and every array bit for bit, wherever the file buffer starts', () => {
    const file = written();
    // A Buffer may sit at any offset of a larger ArrayBuffer: the arrays are copied out aligned.
    const shifted = Buffer.concat([Buffer.alloc(3), file]).subarray(3);
    for (const bytes of [file, shifted]) {
      const { head, blobs } = BlobReader.open(bytes);
      const read = head as Record<'terms' | 'none' | 'offsets' | 'weights', never> & { name: string };
      assert.equal(read.name, 'rad\nbrytning');
      assert.deepEqual(blobs.lines(read.terms), terms);
      assert.deepEqual(blobs.lines(read.none), []);
      assert.deepEqual(blobs.u32(read.offsets), offsets.slice(1));
      const back = blobs.f64(read.weights);
      assert.deepEqual(
        Buffer.from(back.buffer, back.byteOffset, back.byteLength),
        Buffer.from(weights.buffer),
      );
    }
  });

  it("writes and reads a record by one layout: every array of each kind, in the layout's order, nothing else", () => {
    const layout = { flags: 'u8', names: 'lines', offsets: 'u32', weights: 'f64' } as const;
    const record = {
      flags: Uint8Array.from([0, 1, 1]),
      names: ['a', 'å'],
      offsets: offsets.subarray(1),
      weights,
      count: 3, // not in the layout: neither written nor read
    };
    const writer = new BlobWriter();
    const refs = writer.arrays(layout, record);
    assert.deepEqual(Object.keys(refs), ['flags', 'names', 'offsets', 'weights']);
    assert.ok(
      refs.flags.at < refs.names.at && refs.names.at < refs.offsets.at && refs.offsets.at < refs.weights.at,
    );
    const { head, blobs } = BlobReader.open(writer.file(refs));
    const back = blobs.arrays(layout, head as typeof refs);
    assert.deepEqual(Object.keys(back), ['flags', 'names', 'offsets', 'weights']);
    assert.deepEqual(back.flags, record.flags);
    assert.deepEqual(back.names, record.names);
    assert.deepEqual(back.offsets, offsets.slice(1));
    assert.deepEqual(Buffer.from(back.weights.buffer), Buffer.from(weights.buffer));
  });

  it('refuses a string with a line break, a file cut short and a reference of another length', () => {
    assert.throws(() => new BlobWriter().lines(['a', 'b\nc']), /line break/);
    const file = written();
    const { head, blobs } = BlobReader.open(file.subarray(0, file.length - 8));
    const read = head as Record<'weights' | 'offsets', { at: number; count: number; bytes: number }>;
    assert.throws(() => blobs.f64(read.weights), /cut short/);
    assert.throws(() => blobs.u32({ ...read.offsets, count: read.offsets.count + 1 }), /another length/);
    assert.throws(() => BlobReader.open(Buffer.from('{"format":5')), /no end of the JSON part/);
  });
});

describe('packed acute postings: terms found by binary search', () => {
  const terms = ['b:han_ar', 'w:a', 'w:hot', 'w:kniv', 'w:z'];
  const offsets = Uint32Array.from([0, 1, 3, 3, 5, 6]);
  const ids = Uint32Array.from([4, 0, 2, 1, 3, 9]);
  const weights = Float64Array.from([0.5, 1, 2, 3, 4, 5]);
  const postings = new CompactPostings(terms, offsets, ids, weights);

  it('finds every term’s postings, and none for a term it has not (before, between, after)', () => {
    terms.forEach((term, i) => {
      const found = postings.lookup(term)!;
      assert.deepEqual(Array.from(found.ids), [...ids.subarray(offsets[i], offsets[i + 1])], term);
      assert.deepEqual(Array.from(found.weights), [...weights.subarray(offsets[i], offsets[i + 1])], term);
    });
    for (const absent of ['', 'a', 'b:', 'w:b', 'w:hota', 'w:zz', 'x', 'constructor'])
      assert.equal(postings.lookup(absent), undefined, absent);
  });

  it('refuses terms out of order (a broken artifact is trained again, not searched wrongly)', () => {
    for (const unordered of [
      ['w:b', 'w:a'],
      ['w:a', 'w:a'],
    ]) {
      const make = () =>
        new CompactPostings(
          unordered,
          Uint32Array.from([0, 1, 2]),
          ids.subarray(0, 2),
          weights.subarray(0, 2),
        );
      assert.throws(make, /not in ascending order/, unordered.join(' '));
    }
  });

  it('refuses offsets that do not walk the postings from 0 to the end, and weights not finite and above 0', () => {
    const make = (offs: number[], w: Float64Array = weights) =>
      new CompactPostings(terms, Uint32Array.from(offs), ids, w);
    assert.doesNotThrow(() => make([...offsets]));
    assert.throws(() => make([1, 1, 3, 3, 5, 6]), /postings: offsets/, 'not starting at 0');
    assert.throws(() => make([0, 3, 1, 3, 5, 6]), /postings: offsets/, 'decreasing');
    assert.throws(() => make([0, 1, 3, 3, 5, 5]), /postings: offsets/, 'ending before the last id');
    assert.throws(() => make([0, 1, 3, 3, 5, 7]), /postings: offsets/, 'ending past the last id');
    for (const bad of [0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const w = Float64Array.from(weights);
      w[2] = bad;
      assert.throws(() => make([...offsets], w), /postings: a weight/, String(bad));
    }
  });
});
