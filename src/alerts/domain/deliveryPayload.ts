import type { Locale } from '../../core/config';
import type { MeetingRiskAlert } from '../../meeting/domain/meetingRisk';
import type { ReportSubmittedEvent } from '../../report/domain/storedReport';
import type { Recipient } from './recipients';

/** A question to the security chief ("Fråga säkerhetschefen") and, once given, the answer. */
export interface ChiefQuestion {
  id: string;
  asker: { aadObjectId: string; name: string };
  text: string;
  askedAt: string;
  /** The asker's language: the answer reaches them in it. */
  locale: Locale;
  status: 'open' | 'answered';
  answer?: { text: string; by: { aadObjectId: string; name: string }; at: string };
}

/** "X could not be alerted" (or not yet): who (role, name when known), about what kind of message; never its details. */
export interface UnreachableNotice {
  who: Recipient;
  about: DeliveryPayload['kind'];
  /** The report reference (IR-2026-0042) when the failed message was a report alert. */
  reference?: string;
  /** `delayed`: still being retried, but late enough that others must know (deputies alerted meanwhile). */
  outcome: 'unreachable' | 'dead' | 'delayed';
}

/** "Larma säkerhetssamordnaren" from the acute reply: who raised it and when (and her party when known). */
export interface UrgentAlert {
  id: string;
  name: string;
  aadObjectId: string;
  at: string;
  party?: string;
}

/** What one outbox delivery carries to one person. */
export type DeliveryPayload =
  | { kind: 'report'; event: ReportSubmittedEvent; escalation?: boolean }
  | { kind: 'meetingRisk'; alert: MeetingRiskAlert }
  | { kind: 'question'; question: ChiefQuestion }
  | { kind: 'answer'; question: ChiefQuestion }
  | { kind: 'unreachable'; notice: UnreachableNotice }
  | { kind: 'urgent'; alert: UrgentAlert }
  /** A line to the reporter about her case (who took it, its status): plain text in her 1:1 chat. */
  | { kind: 'reporterNotice'; text: string };
