/**
 * The models artifact's file layout: one line of JSON, then the bytes of its large arrays.
 *
 * The JSON holds what is small or structured (nlp.js's model, the spelling's counts); each large array is a
 * `BlobRef` to its bytes after the JSON line, so a start reads the file as bytes and decodes only the JSON part:
 * reading the 10 MB artifact as one UTF-8 string and parsing it (typed arrays as base64, 65 000 terms as JSON
 * strings) was some 150–250 ms of CPU of every start; the bytes are copied, not decoded.
 *
 * The JSON line comes first and starts with the format and the inputs hash, so the stale check still reads the
 * head of the file only (guidance/models.ts). Numbers are stored in the writer's byte order, which the JSON part
 * names (`endianness`): a reader of the other order refuses the file and the models are trained instead.
 */

/** Where one array's bytes are, relative to the start of the binary part, and how many elements it has. */
export interface BlobRef {
  at: number;
  count: number;
  /** Bytes it takes (for strings, which differ in length). */
  bytes: number;
}

/** How one array is stored: strings one per line, or the bytes of a typed array. */
export type BlobKind = 'lines' | 'u8' | 'u32' | 'f64';
type BlobArray<K extends BlobKind> = K extends 'lines'
  ? string[]
  : K extends 'u8'
    ? Uint8Array
    : K extends 'u32'
      ? Uint32Array
      : Float64Array;

/**
 * The large arrays of one record, field by field, in the order they are written. One layout serves the writer
 * and the reader, so a field cannot be written and then forgotten when read.
 */
export type BlobLayout = Readonly<Record<string, BlobKind>>;
export type ArraysOf<L extends BlobLayout> = { -readonly [F in keyof L]: BlobArray<L[F]> };
export type RefsOf<L extends BlobLayout> = { -readonly [F in keyof L]: BlobRef };

/** Every part starts at a multiple of 8 bytes, so a Float64Array could view it in place (the reader copies today). */
const ALIGN = 8;
const alignUp = (n: number) => Math.ceil(n / ALIGN) * ALIGN;
const NEWLINE = 0x0a;

/** Collects the binary part while the JSON part is put together. */
export class BlobWriter {
  private readonly parts: Buffer[] = [];
  private size = 0;

  u8(array: Uint8Array): BlobRef {
    return this.add(Buffer.from(array.buffer, array.byteOffset, array.byteLength), array.length);
  }

  u32(array: Uint32Array): BlobRef {
    return this.add(Buffer.from(array.buffer, array.byteOffset, array.byteLength), array.length);
  }

  f64(array: Float64Array): BlobRef {
    return this.add(Buffer.from(array.buffer, array.byteOffset, array.byteLength), array.length);
  }

  /** Strings as UTF-8 one per line: none may hold a line break. */
  lines(strings: readonly string[]): BlobRef {
    if (strings.some((text) => text.includes('\n'))) throw new Error('artifact: a string with a line break');
    return this.add(Buffer.from(strings.join('\n'), 'utf8'), strings.length);
  }

  /** Each array of `layout` from `record` (other fields are ignored), written in the layout's order. */
  arrays<L extends BlobLayout>(layout: L, record: ArraysOf<L>): RefsOf<L> {
    const refs: Record<string, BlobRef> = {};
    for (const [field, kind] of Object.entries(layout)) refs[field] = this.write(kind, record[field]);
    return refs as RefsOf<L>;
  }

  private write(kind: BlobKind, array: unknown): BlobRef {
    if (kind === 'lines') return this.lines(array as string[]);
    if (kind === 'u8') return this.u8(array as Uint8Array);
    return kind === 'u32' ? this.u32(array as Uint32Array) : this.f64(array as Float64Array);
  }

  /** The file: the JSON of `head` on one line, padding, and the binary part. */
  file(head: object): Buffer {
    const json = Buffer.from(`${JSON.stringify(head)}\n`, 'utf8');
    const start = alignUp(json.length);
    return Buffer.concat([json, Buffer.alloc(start - json.length), ...this.parts]);
  }

  private add(bytes: Buffer, count: number): BlobRef {
    const ref = { at: this.size, count, bytes: bytes.length };
    const padded = alignUp(bytes.length);
    this.parts.push(Buffer.from(bytes), Buffer.alloc(padded - bytes.length));
    this.size += padded;
    return ref;
  }
}

/** Reads the arrays of a file `BlobWriter` made; every array is a copy of its own (the file's bytes can go). */
export class BlobReader {
  private constructor(
    private readonly file: Buffer,
    private readonly start: number,
  ) {}

  /** The JSON part parsed, and a reader of the binary part. */
  static open(file: Buffer): { head: unknown; blobs: BlobReader } {
    const end = file.indexOf(NEWLINE);
    if (end < 0) throw new Error('artifact: no end of the JSON part');
    const head: unknown = JSON.parse(file.toString('utf8', 0, end));
    return { head, blobs: new BlobReader(file, alignUp(end + 1)) };
  }

  /** Each array of `layout`, from its reference in `refs`. */
  arrays<L extends BlobLayout>(layout: L, refs: RefsOf<L>): ArraysOf<L> {
    const arrays: Record<string, unknown> = {};
    for (const [field, kind] of Object.entries(layout)) arrays[field] = this.read(kind, refs[field]!);
    return arrays as ArraysOf<L>;
  }

  private read(kind: BlobKind, ref: BlobRef): unknown {
    if (kind === 'lines') return this.lines(ref);
    if (kind === 'u8') return this.u8(ref);
    return kind === 'u32' ? this.u32(ref) : this.f64(ref);
  }

  u8(ref: BlobRef): Uint8Array {
    return new Uint8Array(this.bytes(ref, ref.count));
  }

  u32(ref: BlobRef): Uint32Array {
    return new Uint32Array(this.bytes(ref, ref.count * Uint32Array.BYTES_PER_ELEMENT));
  }

  f64(ref: BlobRef): Float64Array {
    return new Float64Array(this.bytes(ref, ref.count * Float64Array.BYTES_PER_ELEMENT));
  }

  lines(ref: BlobRef): string[] {
    if (ref.count === 0) return [];
    const from = this.checked(ref, ref.bytes);
    const strings = this.file.toString('utf8', from, from + ref.bytes).split('\n');
    if (strings.length !== ref.count) throw new Error('artifact: strings of another count');
    return strings;
  }

  /** A copy of the blob's bytes in an ArrayBuffer of its own (aligned, whatever the file buffer's offset). */
  private bytes(ref: BlobRef, bytes: number): ArrayBuffer {
    if (ref.bytes !== bytes) throw new Error('artifact: an array of another length');
    const from = this.file.byteOffset + this.checked(ref, bytes);
    return this.file.buffer.slice(from, from + bytes) as ArrayBuffer;
  }

  /** The blob's offset in the file, after checking it lies inside. */
  private checked(ref: BlobRef, bytes: number): number {
    const from = this.start + ref.at;
    if (!Number.isSafeInteger(from) || ref.at < 0 || !Number.isSafeInteger(bytes) || bytes < 0)
      throw new Error('artifact: a broken array reference');
    if (from + bytes > this.file.length) throw new Error('artifact: the binary part is cut short');
    return from;
  }
}
