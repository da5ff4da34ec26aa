import { official } from './activities';
import { chief } from './alertPeople';
import { COMPLETE_ANSWERS } from './reportFlow';

/** The question the telemetry tests ask: her words, with a phone number. */
export const QUESTION = 'Någon hotar mig i telefon, vad gör jag? Mitt nummer är 070-7654321';
/** A phrase of the report's narrative (COMPLETE_ANSWERS). */
export const NARRATIVE = 'vi vet var du bor';

/**
 * What must never leave the process in telemetry after the question and a complete report: her words, the
 * report's narrative, witnesses and trigger, names, and the raw ids of people and chats (also URL-encoded, as
 * they stand in connector URLs).
 */
export function personalData(chats: { conversationId: string; chiefChat: string }): string[] {
  return [
    QUESTION,
    '070-7654321',
    NARRATIVE,
    String(COMPLETE_ANSWERS[3]!.witnesses),
    String(COMPLETE_ANSWERS[5]!.triggerDetails),
    official.name,
    official.id,
    official.aadObjectId,
    chief.aadObjectId,
    chief.name,
    chats.conversationId,
    chats.chiefChat,
    encodeURIComponent(chats.conversationId),
    encodeURIComponent(chats.chiefChat),
  ];
}
