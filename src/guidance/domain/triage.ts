import { z } from 'zod';

/**
 * Guided triage for "vad gör jag nu?": a few quick questions (is it happening now? is anyone hurt? how did
 * it come?) leading to the specific advice. Stateless: the answers so far travel in the card's data and are
 * validated here as untrusted input on every step.
 */
export const TRIAGE_CHANNELS = [
  'social-media',
  'phone-threat',
  'internet-threat',
  'threat-letter',
  'suspicious-parcel',
  'in-person',
  'stalking',
] as const;
export type TriageChannel = (typeof TRIAGE_CHANNELS)[number];

export const triageAnswersSchema = z
  .object({
    happeningNow: z.boolean().optional(),
    hurt: z.boolean().optional(),
    channel: z.enum(TRIAGE_CHANNELS).optional(),
  })
  .strict();
export type TriageAnswers = z.infer<typeof triageAnswersSchema>;

export type TriageStep =
  | { kind: 'ask'; question: 'happeningNow' | 'hurt' | 'channel' }
  | { kind: 'acute' }
  | { kind: 'advice'; topicId: string; hurt: boolean };

/** Which topic answers a channel; in-person threats get the "after an event" advice of Bilaga 1. */
const CHANNEL_TOPIC: Record<TriageChannel, string> = {
  'social-media': 'social-media',
  'phone-threat': 'phone-threat',
  'internet-threat': 'internet-threat',
  'threat-letter': 'threat-letter',
  'suspicious-parcel': 'suspicious-parcel',
  'in-person': 'after-incident',
  stalking: 'stalking',
};

export function nextTriageStep(answers: TriageAnswers): TriageStep {
  if (answers.happeningNow === undefined) return { kind: 'ask', question: 'happeningNow' };
  if (answers.happeningNow) return { kind: 'acute' };
  if (answers.hurt === undefined) return { kind: 'ask', question: 'hurt' };
  if (answers.channel === undefined) return { kind: 'ask', question: 'channel' };
  return { kind: 'advice', topicId: CHANNEL_TOPIC[answers.channel], hurt: answers.hurt };
}
