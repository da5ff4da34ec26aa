import type { CardRenderer } from '../../src/core/cards';
import { DEFAULT_BODIES, DEFAULT_SECURITY_ROLE } from '../../src/core/config';
import type { KnowledgeBase } from '../../src/guidance/domain/knowledgeBase';
import { CHECKLIST_ITEMS } from '../../src/meeting/domain/checklist';
import { buildRecord, type ItemMark, type Meeting } from '../../src/meeting/domain/meeting';
import { MeetingCards } from '../../src/meeting/meetingCards';
import { HOSTILE_EN, HOSTILE_TEXT } from './reportCardSamples';

const anna = {
  userId: '29:anna',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001',
  name: 'Anna Förtroendevald',
};
const olof = { userId: '29:olof', name: `Olof ${HOSTILE_EN}` };
const at = '2026-11-29T17:05:00.000Z';

export const SAMPLE_MEETING: Meeting = {
  id: '7d0f3c1e-0000-4000-8000-000000000001',
  body: 'Kommunfullmäktige',
  date: '2026-12-03',
  place: HOSTILE_TEXT,
  conversationId: '19:group@thread.v2',
  conversationKind: 'groupChat',
  createdBy: anna,
  createdAt: at,
};

/** Every meeting card from the real builders: empty, half-done, elevated risk, finished, the record, lists. */
export function recordMeetingCards(recorder: CardRenderer, knowledgeBase: KnowledgeBase): void {
  const bodies = DEFAULT_BODIES.split(';');
  const marks: ItemMark[] = CHECKLIST_ITEMS.slice(0, 9).map((item, i) => ({
    itemId: item.id,
    state: i === 3 ? 'open' : 'done',
    by: i % 2 ? olof : anna,
    at,
  }));
  // Teams allows 60 users in refresh.userIds; the card must stay valid and small with all of them.
  const participants = Array.from({ length: 60 }, (_, i) => ({ userId: `29:user-${i}`, name: `U${i}`, at }));
  const elevated: Meeting = {
    ...SAMPLE_MEETING,
    elevatedRisk: true,
    riskAnsweredBy: { person: olof, at },
    riskAlert: { raisedBy: olof, raisedAt: at, claimedAt: at, notifiedAt: at },
    cardMessageId: 'msg-1',
  };
  const finished: Meeting = { ...elevated, record: buildRecord(elevated, marks, anna, at) };
  for (const locale of ['sv', 'en'] as const) {
    for (const type of ['Action.Execute', 'Action.Submit'] as const) {
      const cards = new MeetingCards(recorder, knowledgeBase, bodies, DEFAULT_SECURITY_ROLE, type);
      cards.checklist(SAMPLE_MEETING, [], [], locale);
      cards.checklist(
        { ...SAMPLE_MEETING, elevatedRisk: false, riskAnsweredBy: { person: anna, at } },
        marks,
        participants,
        locale,
      );
      cards.checklist(elevated, marks, participants, locale);
      cards.checklist(elevated, marks, participants, locale, { readOnly: true });
      cards.checklist(finished, marks, participants, locale);
    }
    const cards = new MeetingCards(recorder, knowledgeBase, bodies, DEFAULT_SECURITY_ROLE);
    cards.form(locale);
    cards.form(
      locale,
      { body: 'Okänd nämnd', date: '2026-02-30', place: 'x'.repeat(300) },
      { body: 'Välj ett organ i listan.', date: 'Skriv datumet som ÅÅÅÅ-MM-DD.', place: 'Högst 200 tecken.' },
    );
    cards.record(finished, finished.record!, locale);
    cards.record(
      SAMPLE_MEETING,
      buildRecord(
        SAMPLE_MEETING,
        CHECKLIST_ITEMS.map((item) => ({ itemId: item.id, state: 'done' as const, by: anna, at })),
        anna,
        at,
      ),
      locale,
    );
    cards.list(
      [
        { meeting: finished, done: 8, total: 17 },
        { meeting: SAMPLE_MEETING, done: 0, total: 17 },
      ],
      locale,
    );
    cards.list([], locale);
  }
}
