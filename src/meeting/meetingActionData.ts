import { z } from 'zod';
import { ITEM_IDS } from './domain/checklist';
import { readMeetingForm, type MeetingFormValues } from './domain/meetingForm';

/**
 * Card data of each meeting verb, parsed at the edge: card data is untrusted (replayed, forged, from an old
 * card), so ids are checked here and the service below never takes `unknown`. A press whose data does not
 * parse is answered as a meeting that is not found.
 */
const meetingId = z.string().uuid();

export const meetingRefData = z.object({ meetingId });
export type MeetingRef = z.infer<typeof meetingRefData>;

export const tickData = z.object({
  meetingId,
  itemId: z.enum(ITEM_IDS as [string, ...string[]]),
  done: z.boolean(),
});
export type TickData = z.infer<typeof tickData>;

export const riskData = z.object({ meetingId, elevated: z.boolean() });
export type RiskData = z.infer<typeof riskData>;

/** The "name the meeting" form: every field becomes a string (validated by the domain's form rules). */
export const formData = (data: Record<string, unknown>): MeetingFormValues => readMeetingForm(data);
