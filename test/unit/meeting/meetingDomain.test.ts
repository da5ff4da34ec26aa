import { DEFAULT_SECURITY_ROLE } from '../../../src/core/config';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CardRenderer } from '../../../src/core/cards';
import { projectRoot } from '../../../src/core/paths';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import { CHECKLIST_ITEMS } from '../../../src/meeting/domain/checklist';
import {
  answerRisk,
  applyTick,
  buildRecord,
  mayRead,
  progressOf,
  RISK_CLAIM_MS,
  type ItemMark,
} from '../../../src/meeting/domain/meeting';
import { readMeetingForm, validateMeetingForm } from '../../../src/meeting/domain/meetingForm';
import { isListRequest, isStartRequest } from '../../../src/meeting/domain/triggers';
import { MeetingCards } from '../../../src/meeting/meetingCards';
import { SAMPLE_MEETING as meeting } from '../meetingCardSamples';

const anna = { userId: '29:anna', aadObjectId: 'a-1', name: 'Anna' };
const olof = { userId: '29:olof', aadObjectId: 'o-1', name: 'Olof' };
const t0 = new Date('2026-11-29T17:00:00.000Z');
const done = (itemId: string, by = anna): ItemMark => ({ itemId, state: 'done', by, at: t0.toISOString() });

describe('meeting domain', () => {
  describe('ticking', () => {
    it('ticks, keeps the first ticker when ticked again, and unticks with who and when', () => {
      const first = applyTick(undefined, 'entre', true, anna, 'T1');
      assert.deepEqual(first, { itemId: 'entre', state: 'done', by: anna, at: 'T1' });
      assert.equal(applyTick(first, 'entre', true, olof, 'T2'), undefined, 'already done: unchanged');
      assert.deepEqual(applyTick(first, 'entre', false, olof, 'T3'), {
        itemId: 'entre',
        state: 'open',
        by: olof,
        at: 'T3',
      });
      assert.equal(
        applyTick(undefined, 'entre', false, olof, 'T4'),
        undefined,
        'never ticked: nothing to undo',
      );
    });

    it('counts progress, and Förhöjd risk becomes required only with elevated risk', () => {
      const marks = [done('entre'), done('polisen'), done('lamnasalen')];
      // Kontrollera 6 + Efterkontroll 4 + Följe 1 required; 1 of them done.
      assert.deepEqual(progressOf(meeting, marks), { done: 3, total: 17, requiredOpen: 10 });
      assert.deepEqual(progressOf({ ...meeting, elevatedRisk: true }, marks), {
        done: 3,
        total: 17,
        requiredOpen: 13,
      });
    });
  });

  describe('the record', () => {
    it('lists every item as done (who, when) or not done, and counts the required gaps', () => {
      const record = buildRecord(
        { ...meeting, elevatedRisk: true },
        [done('entre', olof), done('folje')],
        anna,
        'END',
      );
      assert.equal(record.items.length, CHECKLIST_ITEMS.length);
      assert.equal(record.done, 2);
      assert.equal(record.requiredOpen, 15 - 2);
      assert.equal(record.elevatedRisk, true);
      const entre = record.items.find((item) => item.itemId === 'entre')!;
      assert.deepEqual(entre, {
        itemId: 'entre',
        section: 'kontrollera',
        required: true,
        state: 'done',
        by: olof,
        at: t0.toISOString(),
      });
      const disturbance = record.items.find((item) => item.itemId === 'lamnasalen')!;
      assert.equal(disturbance.required, false, 'Ordningsstörning is never a gap');
      assert.deepEqual(record.finishedBy, anna);
    });
  });

  describe('elevated risk', () => {
    it('claims the alert on the first yes, not on a second, and again only after a stale claim', () => {
      const first = answerRisk(meeting, true, anna, t0);
      assert.equal(first.claimed, true);
      assert.equal(first.meeting.elevatedRisk, true);
      assert.deepEqual(first.meeting.riskAlert?.raisedBy, anna);
      const second = answerRisk(first.meeting, true, olof, new Date(t0.getTime() + 1_000));
      assert.equal(second.claimed, false);
      assert.deepEqual(second.meeting.riskAlert?.raisedBy, anna, 'the record keeps who raised it');
      const late = new Date(t0.getTime() + RISK_CLAIM_MS + 1);
      assert.equal(answerRisk(first.meeting, true, olof, late).claimed, true, 'never confirmed: retried');
      const confirmed = { ...first.meeting, riskAlert: { ...first.meeting.riskAlert!, notifiedAt: 'x' } };
      assert.equal(answerRisk(confirmed, true, olof, late).claimed, false, 'confirmed: never again');
    });

    it('a no records the answer and raises nothing; the earlier alert stays on record', () => {
      const no = answerRisk(meeting, false, olof, t0);
      assert.equal(no.claimed, false);
      assert.equal(no.meeting.elevatedRisk, false);
      assert.equal(no.meeting.riskAlert, undefined);
      const yesThenNo = answerRisk(answerRisk(meeting, true, anna, t0).meeting, false, olof, t0);
      assert.equal(yesThenNo.meeting.elevatedRisk, false);
      assert.ok(yesThenNo.meeting.riskAlert);
    });

    it('the card explains screening under SFS 2010:294 from the knowledge base (3.5, 3.8)', () => {
      const cards = new MeetingCards(
        new CardRenderer(),
        KnowledgeBase.load(),
        ['Kommunfullmäktige'],
        DEFAULT_SECURITY_ROLE,
      );
      const text = cards.screening('sv').lines.join(' ');
      for (const fact of [
        'SFS 2010:294',
        'ordförande',
        'samråd med säkerhetschefen och polisen',
        'Polisen beslutar',
        'särskilda skäl',
        'ordningsvakt',
      ])
        assert.ok(text.includes(fact), fact);
      assert.match(cards.screening('sv').source, /3\.5 .*3\.8 /);
      const order = cards
        .order('sv')
        .blocks.map((block) => block.text)
        .join(' ');
      for (const fact of ['visa ut', 'ledamöter', 'ajournera', 'upplösa', 'stängda för allmänheten'])
        assert.ok(order.includes(fact), fact);
    });
  });

  describe('who may read a record', () => {
    it('the security staff, the creator, and the meeting’s own conversation', () => {
      const other = { userId: '29:x', aadObjectId: 'x', name: 'X' };
      assert.ok(mayRead(meeting, { user: other, isSecurityStaff: true, conversationId: 'elsewhere' }));
      assert.ok(
        mayRead(meeting, { user: { ...meeting.createdBy }, isSecurityStaff: false, conversationId: 'e' }),
      );
      assert.ok(
        mayRead(meeting, { user: other, isSecurityStaff: false, conversationId: meeting.conversationId }),
      );
      assert.ok(!mayRead(meeting, { user: other, isSecurityStaff: false, conversationId: 'elsewhere' }));
    });
  });

  describe('the "name the meeting" form', () => {
    const bodies = ['Kommunfullmäktige', 'Socialnämnden'];
    const today = new Date('2026-11-29T10:00:00Z');

    it('accepts a body from the list, a real date and a place, trimmed', () => {
      const result = validateMeetingForm(
        { body: 'Socialnämnden', date: '2026-12-03', place: '  Sessionssalen ' },
        bodies,
        today,
        'sv',
      );
      assert.deepEqual(result, {
        ok: true,
        meeting: { body: 'Socialnämnden', date: '2026-12-03', place: 'Sessionssalen' },
      });
    });

    it('turns a pasted tab or line break in the place into a space (kept, and valid in the risk alert)', () => {
      const result = validateMeetingForm(
        { body: 'Socialnämnden', date: '2026-12-03', place: 'Rådhuset\tsal 2\r\n' },
        bodies,
        today,
        'sv',
      );
      assert.deepEqual(result, {
        ok: true,
        meeting: { body: 'Socialnämnden', date: '2026-12-03', place: 'Rådhuset sal 2' },
      });
    });

    it('gives one clear message per bad field, in the user’s language', () => {
      const result = validateMeetingForm(
        { body: 'Påhittad nämnd', date: '2026-02-30', place: ' ' },
        bodies,
        today,
        'sv',
      );
      assert.deepEqual(result, {
        ok: false,
        errors: {
          body: 'Välj ett organ i listan.',
          date: 'Skriv datumet som ÅÅÅÅ-MM-DD.',
          place: 'Skriv var sammanträdet hålls.',
        },
      });
      const far = validateMeetingForm(
        { body: 'Socialnämnden', date: '2062-12-03', place: 'x'.repeat(201) },
        bodies,
        today,
        'en',
      );
      assert.equal(far.ok, false);
      assert.match(!far.ok ? far.errors.date! : '', /more than a year/);
      assert.match(!far.ok ? far.errors.place! : '', /At most 200 characters – you wrote 201/);
    });

    it('reads only the three fields, as strings; anything else is empty', () => {
      assert.deepEqual(readMeetingForm({ body: 42, date: ['x'], place: 'Rum 1', verb: 'x', extra: 'y' }), {
        body: '',
        date: '',
        place: 'Rum 1',
      });
    });
  });

  describe('text triggers', () => {
    it('start the checklist on the issue’s phrases, with or without å/ä/ö', () => {
      for (const text of [
        'checklista inför fullmäktige',
        'Checklista infor fullmaktige',
        'checklista möte',
        'förbered sammanträde',
        'Förbered ett sammanträde',
        'starta checklistan för sammanträdet',
        'checklista kf',
        'meeting checklist',
        'checklist for the council meeting',
        'prepare a meeting',
      ])
        assert.ok(isStartRequest(text), text);
      assert.ok(isListRequest('tidigare sammanträden'));
      assert.ok(isListRequest('past meetings'));
    });

    it('leave every labelled guidance question to guidance, except those asking for the checklist by name', () => {
      const set = JSON.parse(
        fs.readFileSync(path.join(projectRoot, 'test', 'guidance', 'qa-set.json'), 'utf8'),
      ) as { qa: Array<{ q: string; topic: string }> };
      const kb = KnowledgeBase.load();
      const questions = [
        ...set.qa,
        ...kb.topics.flatMap((topic) =>
          [...topic.examples.sv, ...topic.examples.en].map((q) => ({ q, topic: topic.id })),
        ),
      ];
      const taken = questions.filter(({ q }) => isStartRequest(q) || isListRequest(q));
      assert.ok(questions.length > 1_000);
      assert.deepEqual(
        taken.filter(({ topic }) => topic !== 'meeting-checklist'),
        [],
        'no other topic’s question is taken',
      );
      // The ones taken ask for the checklist itself ("checklista inför fullmäktige"): they get the interactive one.
      assert.ok(taken.length <= 6, taken.map(({ q }) => q).join(' | '));
    });
  });
});
