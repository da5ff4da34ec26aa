import { z } from 'zod';

/**
 * Card data of each report verb, parsed at the edge: card data is untrusted (replayed, forged, from an old
 * card), so the service below never takes `unknown`. An id or step of the wrong type becomes undefined, which
 * never matches the current draft (the press is answered as stale).
 */
const draftId = z.string().optional().catch(undefined);
const step = z.number().optional().catch(undefined);
/** `send` is "Skicka nu" (quick report), `complete` is "Komplettera" (the rest of Bilaga 4, optional). */
const MOVES = ['next', 'back', 'save', 'send', 'complete'] as const;
export type StepAction = (typeof MOVES)[number];

/**
 * A step card's answers by field id: text as typed; `false` for a value that is not text (the card could not
 * have sent it: the field is answered "could not be read"); null and absent values are left out.
 */
export type SubmittedFields = Record<string, string | false>;

const fields = z.record(z.string(), z.unknown()).transform((raw): SubmittedFields =>
  Object.fromEntries(
    Object.entries(raw)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([id, value]) => [id, typeof value === 'string' ? value : false]),
  ),
);

export const draftData = z.object({ draftId });

export const editData = z.object({ draftId, step: z.number().int().optional().catch(undefined) });

export const stepData = z
  .object({ draftId, step, move: z.enum(MOVES).catch('save') })
  .passthrough()
  .transform(({ draftId, step, move, ...answers }) => ({
    draftId,
    step,
    move,
    fields: fields.parse(answers),
  }));
