import { CHECKLIST, isRequired, type SectionId } from './checklist';

/** Who did something, from the authenticated activity (never from card data). */
export interface Person {
  userId: string;
  aadObjectId?: string;
  name: string;
}

export interface RiskAlertState {
  raisedBy: Person;
  raisedAt: string;
  /** When the raising turn claimed the notification; a claim older than RISK_CLAIM_MS may be retried. */
  claimedAt: string;
  /** Set once the notifier accepted the alert. */
  notifiedAt?: string;
}

/** A meeting's checklist, one per meeting. Its items' states are stored beside it, one record per item. */
export interface Meeting {
  id: string;
  body: string;
  /** YYYY-MM-DD. */
  date: string;
  place: string;
  conversationId: string;
  conversationKind: 'personal' | 'groupChat' | 'channel';
  createdBy: Person;
  createdAt: string;
  /** "Finns det förhöjd risk?" — undefined until someone answers. */
  elevatedRisk?: boolean;
  riskAnsweredBy?: { person: Person; at: string };
  riskAlert?: RiskAlertState;
  /** The id of the shared checklist message, so a press on an older copy still updates it. */
  cardMessageId?: string;
  /** Set when the meeting is finished: the done/not-done summary kept as the meeting's record. */
  record?: MeetingRecord;
}

export type ItemState = 'open' | 'done';

/** One checklist item's state in one meeting; `by`/`at` say who last changed it and when. */
export interface ItemMark {
  itemId: string;
  state: ItemState;
  by: Person;
  at: string;
}

export interface RecordItem {
  itemId: string;
  section: SectionId;
  required: boolean;
  state: ItemState;
  by?: Person;
  at?: string;
}

export interface MeetingRecord {
  finishedBy: Person;
  finishedAt: string;
  elevatedRisk: boolean;
  items: RecordItem[];
  done: number;
  /** Required items left open: the record's gaps. */
  requiredOpen: number;
}

/** How long a raised-but-unconfirmed risk notification is left to the turn that claimed it. */
export const RISK_CLAIM_MS = 30_000;

/**
 * A tick or untick on an item: the next mark, or undefined when nothing changes. Ticking an item that is
 * already done keeps the first person who ticked it (two people pressing at once both see it done).
 */
export function applyTick(
  current: ItemMark | undefined,
  itemId: string,
  done: boolean,
  by: Person,
  at: string,
): ItemMark | undefined {
  const state: ItemState = done ? 'done' : 'open';
  if ((current?.state ?? 'open') === state) return undefined;
  return { itemId, state, by, at };
}

export interface ItemView {
  itemId: string;
  state: ItemState;
  mark?: ItemMark;
}
export interface SectionView {
  id: SectionId;
  required: boolean;
  items: ItemView[];
}

/** The checklist with this meeting's marks, in the guideline's order. */
export function sectionsOf(meeting: Meeting, marks: readonly ItemMark[]): SectionView[] {
  const byItem = new Map(marks.map((mark) => [mark.itemId, mark]));
  return CHECKLIST.map((section) => ({
    id: section.id,
    required: isRequired(section, meeting.elevatedRisk === true),
    items: section.items.map((item) => {
      const mark = byItem.get(item.id);
      return { itemId: item.id, state: mark?.state ?? 'open', ...(mark ? { mark } : {}) };
    }),
  }));
}

export function progressOf(
  meeting: Meeting,
  marks: readonly ItemMark[],
): { done: number; total: number; requiredOpen: number } {
  const sections = sectionsOf(meeting, marks);
  const items = sections.flatMap((section) => section.items.map((item) => ({ ...item, section })));
  return {
    done: items.filter((item) => item.state === 'done').length,
    total: items.length,
    requiredOpen: items.filter((item) => item.section.required && item.state === 'open').length,
  };
}

/** The done/not-done summary kept as the meeting's record when it is finished. */
export function buildRecord(
  meeting: Meeting,
  marks: readonly ItemMark[],
  finishedBy: Person,
  finishedAt: string,
): MeetingRecord {
  const items: RecordItem[] = sectionsOf(meeting, marks).flatMap((section) =>
    section.items.map((item) => ({
      itemId: item.itemId,
      section: section.id,
      required: section.required,
      state: item.state,
      ...(item.mark ? { by: item.mark.by, at: item.mark.at } : {}),
    })),
  );
  return {
    finishedBy,
    finishedAt,
    elevatedRisk: meeting.elevatedRisk === true,
    items,
    done: items.filter((item) => item.state === 'done').length,
    requiredOpen: items.filter((item) => item.required && item.state === 'open').length,
  };
}

/**
 * The answer to "Finns det förhöjd risk?". A yes claims the security chief's alert unless it was already
 * raised (or a claim is still fresh): `claimed` tells the caller to notify. Applied inside an ETag-checked
 * update, so of two presses at once exactly one claims.
 */
export function answerRisk(
  meeting: Meeting,
  elevated: boolean,
  person: Person,
  now: Date,
): { meeting: Meeting; claimed: boolean } {
  const at = now.toISOString();
  const next: Meeting = { ...meeting, elevatedRisk: elevated, riskAnsweredBy: { person, at } };
  if (!elevated) return { meeting: next, claimed: false };
  const alert = meeting.riskAlert;
  if (!alert) {
    return {
      meeting: { ...next, riskAlert: { raisedBy: person, raisedAt: at, claimedAt: at } },
      claimed: true,
    };
  }
  const claimExpired = now.getTime() - Date.parse(alert.claimedAt) > RISK_CLAIM_MS;
  if (!alert.notifiedAt && claimExpired) {
    return { meeting: { ...next, riskAlert: { ...alert, claimedAt: at } }, claimed: true };
  }
  return { meeting: next, claimed: false };
}

/** Who may read a meeting's record: the security chief and deputy, its creator, and its own conversation. */
export function mayRead(
  meeting: Meeting,
  reader: { user: Person; isSecurityStaff: boolean; conversationId: string },
): boolean {
  return (
    reader.isSecurityStaff ||
    sameUser(meeting.createdBy, reader.user) ||
    meeting.conversationId === reader.conversationId
  );
}

export function sameUser(a: Person, b: Person): boolean {
  return a.aadObjectId && b.aadObjectId ? a.aadObjectId === b.aadObjectId : a.userId === b.userId;
}
