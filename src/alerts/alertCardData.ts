/**
 * The data the alerts capability's card templates (cards/alert-*.json, ask-chief, chief-question, chief-answer,
 * party-contacts) are expanded with. Every string is already localised; names and texts people typed are plain
 * data, clipped by `asUserText`. Ids in the button data are only pointers: every press is checked again.
 */

/** A fact row ("Referens: TF-2026-0042"). */
export interface Fact {
  title: string;
  value: string;
}

/** A button that posts its data back (an Action.Submit). */
export interface DataButton {
  title: string;
  data: Record<string, unknown>;
}

/** A button whose posted data is called `payload` in the template. */
export interface PayloadButton {
  title: string;
  payload: Record<string, unknown>;
}

/** "Jag tar ärendet": an Action.Execute (verb + data) with an Action.Submit fallback carrying the same verb. */
export interface TakeButton {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  fallback: Record<string, unknown>;
}

/** cards/alert-report.json: one new report for the security chief and the party's security contact. */
export interface AlertReportCardData {
  title: string;
  attention: boolean;
  facts: Fact[];
  privacy: string;
  /** "Tas om hand av …" once someone took it, else null. */
  taken: string | null;
  escalation: string | null;
  resent: string | null;
  /** Universal Actions refresh while nobody has taken the report, else null. */
  refresh: { verb: string; data: Record<string, unknown>; userIds: string[] } | null;
  take: TakeButton | null;
  open: PayloadButton;
}

/** cards/alert-digest.json: several report alerts for one chat in one card. */
export interface AlertDigestCardData {
  title: string;
  attention: boolean;
  privacy: string;
  resent: string | null;
  items: Array<{
    attention: boolean;
    heading: string;
    details: string;
    take: TakeButton;
    open: PayloadButton;
  }>;
}

/** cards/alert-owner.json: a case someone else has, with "Ta över ärendet" and "Ge ärendet till". */
export interface AlertOwnerCardData {
  title: string;
  hint: string;
  toLabel: string;
  staff: Array<{ title: string; value: string }>;
  takeOver: DataButton;
  reassign: DataButton;
}

/** cards/alert-status.json: "larmstatus", who alerts reach. */
export interface AlertStatusCardData {
  title: string;
  intro: string;
  empty: string;
  people: Array<{ name: string; role: string; reach: string; color: string }>;
}

/** cards/alert-urgent.json: the urgent alert a person raised from the acute reply. */
export interface AlertUrgentCardData {
  title: string;
  whoLabel: string;
  who: string;
  facts: Fact[];
  lines: readonly string[];
  never112: string;
}

/** cards/alert-notice.json: the security role is told who could not be alerted. */
export interface AlertNoticeCardData {
  title: string;
  whoLabel: string;
  who: string;
  what: string;
  advice: string;
}

/** cards/alert-meeting-risk.json: elevated risk marked for a meeting. */
export interface AlertMeetingRiskCardData {
  title: string;
  intro: string;
  facts: Fact[];
  placeLabel: string;
  place: string;
  raisedByLabel: string;
  raisedBy: string;
  adviceTitle: string;
  advice: string[];
  source: string;
  /** "Sett av …" once someone has seen it, else null. */
  seen: string | null;
  actions: DataButton[];
}

/** cards/ask-chief.json: the asker writes a question to the security role. */
export interface AskChiefCardData {
  title: string;
  intro: string;
  error: string | null;
  label: string;
  maxLength: number;
  question: string;
  acuteFooter: string;
  send: string;
  payload: Record<string, unknown>;
}

/** cards/chief-question.json: the question for the security role, with an answer field until answered. */
export interface ChiefQuestionCardData {
  title: string;
  fromLabel: string;
  asker: string;
  askedAt: string;
  question: string;
  answered: string | null;
  answer: string;
  error: string | null;
  draft: string;
  answerLabel: string;
  maxLength: number;
  actions: PayloadButton[];
}

/** cards/chief-answer.json: what the asker receives. */
export interface ChiefAnswerCardData {
  title: string;
  questionLabel: string;
  question: string;
  answerLabel: string;
  answer: string;
  acuteFooter: string;
}

/** cards/party-contacts.json: every party's security contacts, remove buttons and an add form. */
export interface PartyContactsCardData {
  title: string;
  intro: string;
  message: string | null;
  messageColor: string;
  parties: Array<{
    heading: string;
    empty: string;
    contacts: Array<{
      name: string;
      aadObjectId: string;
      removeTitle: string;
      removePayload: Record<string, unknown>;
    }>;
  }>;
  addTitle: string;
  partyLabel: string;
  partyValue: string;
  partyChoices: Array<{ title: string; value: string }>;
  idLabel: string;
  idValue: string;
  nameLabel: string;
  nameValue: string;
  addButton: string;
  addPayload: Record<string, unknown>;
}

declare module '../core/cards/cardRenderer' {
  interface CardData {
    'alert-report': AlertReportCardData;
    'alert-digest': AlertDigestCardData;
    'alert-owner': AlertOwnerCardData;
    'alert-status': AlertStatusCardData;
    'alert-urgent': AlertUrgentCardData;
    'alert-notice': AlertNoticeCardData;
    'alert-meeting-risk': AlertMeetingRiskCardData;
    'ask-chief': AskChiefCardData;
    'chief-question': ChiefQuestionCardData;
    'chief-answer': ChiefAnswerCardData;
    'party-contacts': PartyContactsCardData;
  }
}
