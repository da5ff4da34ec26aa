/** The alerts capability's card verbs; other capabilities' cards import them from here (never a bare string). */
export const ALERT_VERBS = {
  take: 'alerts.take',
  /** The security chief takes over a case someone else has. */
  takeOver: 'alerts.takeOver',
  /** The security chief gives a case to another member of the security staff (input "to"). */
  reassign: 'alerts.reassign',
  refresh: 'alerts.refresh',
  /** "Larma säkerhetssamordnaren" on the acute reply. */
  urgent: 'alerts.urgent',
} as const;

/** "Jag har sett det" on the meeting-risk alert. */
export const MEETING_RISK_SEEN = 'alerts.meetingRiskSeen';

/** Asking the security role a question, and its answer. */
export const QUESTION_VERBS = {
  ask: 'alerts.ask',
  send: 'alerts.askSend',
  answer: 'alerts.answer',
} as const;

/** The parties' security contacts, kept by the security role. */
export const CONTACT_VERBS = {
  show: 'alerts.contacts',
  add: 'alerts.contactsAdd',
  remove: 'alerts.contactsRemove',
} as const;
