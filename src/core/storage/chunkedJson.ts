import { toAsciiJson } from './asciiJson';

/**
 * A Table Storage string property holds at most 64 KiB (32 K UTF-16 units) and an entity at most 1 MiB.
 * Values are stored as ASCII JSON split across numbered properties d0, d1, … of ONE entity, so a write stays
 * atomic and ETag-checked.
 */
export const CHUNK_CHARS = 30_000;
export const MAX_CHUNKS = 15;

export class ValueTooLargeError extends Error {
  constructor(what: string, chars: number) {
    super(
      `Storage: ${what} is ${chars} characters, over the ${CHUNK_CHARS * MAX_CHUNKS} that fit one table entity`,
    );
    this.name = 'ValueTooLargeError';
  }
}

/** Splits JSON into property-sized pieces. */
export function splitChunks(text: string): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length || parts.length === 0; start += CHUNK_CHARS) {
    parts.push(text.slice(start, start + CHUNK_CHARS));
  }
  return parts;
}

/** The properties to store for `value` ({ chunks, d0, d1, … }); throws when it cannot fit one entity. */
export function toChunkedProperties(what: string, value: unknown): Record<string, string | number> {
  const json = toAsciiJson(value);
  const parts = splitChunks(json);
  if (parts.length > MAX_CHUNKS) throw new ValueTooLargeError(what, json.length);
  const properties: Record<string, string | number> = { chunks: parts.length };
  parts.forEach((part, i) => (properties[`d${i}`] = part));
  return properties;
}

export function fromChunkedProperties<T>(entity: Record<string, unknown>): T {
  const chunks = Number(entity.chunks ?? 0);
  let json = '';
  for (let i = 0; i < chunks; i++) json += String(entity[`d${i}`] ?? '');
  return JSON.parse(json) as T;
}
