import type { z } from 'zod';

/**
 * Parses a card action's data with a capability's schema. Card data is untrusted (it can be replayed or
 * forged); a non-object (null, a string) is read as an empty object, so each field's own fallback applies.
 */
export function parseCardData<T extends z.ZodTypeAny>(schema: T, data: unknown): z.infer<T> {
  return schema.parse(asObject(data));
}

/**
 * `parseCardData` for a schema whose fields have no fallback: the data, or undefined when it does not match
 * (the handler answers that itself, e.g. "not found").
 */
export function readCardData<T extends z.ZodTypeAny>(schema: T, data: unknown): z.infer<T> | undefined {
  const parsed = schema.safeParse(asObject(data));
  return parsed.success ? (parsed.data as z.infer<T>) : undefined;
}

const asObject = (data: unknown): object => (typeof data === 'object' && data !== null ? data : {});
