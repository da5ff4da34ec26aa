import type { z } from 'zod';

/**
 * Parses a card action's data with a capability's schema. Card data is untrusted (it can be replayed or
 * forged); a non-object (null, a string) is read as an empty object, so each field's own fallback applies.
 */
export function parseCardData<T extends z.ZodTypeAny>(schema: T, data: unknown): z.infer<T> {
  return schema.parse(typeof data === 'object' && data !== null ? data : {});
}
