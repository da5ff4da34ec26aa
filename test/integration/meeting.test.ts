import { runAlertPass } from '../support/alertPeople';
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { CHECKLIST_ITEMS } from '../../src/meeting/domain/checklist';
import type { Meeting } from '../../src/meeting/domain/meeting';
import { MeetingStore } from '../../src/meeting/meetingStore';
import { cardExecute, cardSubmit, message, official, type TestUser } from '../support/activities';
import { startBot, type RunningBot } from '../support/botHarness';

const anna = official;
const olof: TestUser = {
  id: '29:olof',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000006',
  name: 'Olof Ledamot',
};
const sara: TestUser = {
  id: '29:sara',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002',
  name: 'Sara Säkerhetschef',
};
const GROUP = '19:meeting-group@thread.v2';

type Card = { body?: unknown; refresh?: { userIds?: string[] } };

/** Every TextBlock/TextRun text of a card, in order. */
function textsOf(card: unknown): string[] {
  const texts: string[] = [];
  JSON.stringify(card, (key, value) => {
    if (key === 'text' && typeof value === 'string') texts.push(value);
    return value;
  });
  return texts;
}
const doneItems = (card: unknown): string[] =>
  textsOf(card)
    .filter((text) => text.startsWith('✅ '))
    .map((text) => text.slice(2));

describe('meeting checklist through the bot (Azurite)', function () {
  this.timeout(60_000);
  this.bail(true); // the tests walk one meeting from start to record, in order
  let bot: RunningBot;
  let store: MeetingStore;
  let notify: sinon.SinonSpy;

  const group = (user: TestUser) => ({
    serviceUrl: bot.connector.url,
    conversationId: GROUP,
    isGroup: true,
    user,
  });
  const lastCardIn = (conversationId: string) => {
    const sent = bot.connector.activitiesIn(conversationId).filter((a) => a.attachments?.length);
    return sent.at(-1)?.attachments?.[0]?.content as Card;
  };
  /** An Action.Execute press; returns the card of the invoke response (what the presser sees at once). */
  async function execute(user: TestUser, verb: string, data: Record<string, unknown>, replyToId: string) {
    const response = await bot.post(cardExecute(verb, { verb, ...data }, { ...group(user), replyToId }));
    assert.equal(response.status, 200, response.body);
    return JSON.parse(response.body) as { statusCode: number; type: string; value: Card };
  }
  const updatesOf = (messageId: string) =>
    bot.connector.calls.filter(
      (call) => call.method === 'PUT' && call.path.endsWith(`/activities/${messageId}`),
    );

  let meeting: Meeting;
  let sharedId: string;

  before(async () => {
    bot = await startBot({ SECURITY_CHIEF_IDS: sara.aadObjectId });
    store = new MeetingStore(bot.tables);
    notify = sinon.spy(bot.app.alerts, 'notifyMeetingRisk');
  });
  after(async () => {
    sinon.restore();
    await bot.stop();
  });

  it('starts from text: the form; an invalid form comes back in place with the typed values and a message per field', async () => {
    await bot.post(message('checklista inför fullmäktige', group(anna)));
    const form = lastCardIn(GROUP);
    assert.ok(textsOf(form).includes('Checklista inför sammanträde'));
    const response = await bot.post(
      cardSubmit(
        {
          verb: 'meeting.create',
          body: 'Påhittad nämnd',
          date: '2026-13-01',
          place: 'Sessionssalen',
          lang: 'sv',
        },
        { ...group(anna), replyToId: 'form-1' },
      ),
    );
    assert.equal(response.status, 200);
    const [update] = updatesOf('form-1');
    assert.ok(update, 'the form is replaced in place');
    const replaced = JSON.stringify(update.activity?.attachments?.[0]?.content);
    assert.match(replaced, /Välj ett organ i listan\./);
    assert.match(replaced, /Skriv datumet som ÅÅÅÅ-MM-DD\./);
    assert.match(replaced, /"value":"Sessionssalen"/, 'what the user typed is kept');
    assert.match(replaced, /"value":"2026-13-01"/);
  });

  it('creates the meeting from the form and shares one checklist card, whose message id it keeps', async () => {
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    // A double click: two presses of the same filled-in form at once make one meeting and one card.
    const cardsBefore = bot.connector.activitiesIn(GROUP).length;
    await Promise.all(
      [1, 2].map(() =>
        bot.post(
          cardSubmit(
            { verb: 'meeting.create', body: 'Kommunfullmäktige', date, place: 'Sessionssalen', lang: 'sv' },
            { ...group(anna), replyToId: 'form-1' },
          ),
        ),
      ),
    );
    assert.equal(bot.connector.activitiesIn(GROUP).length, cardsBefore + 1, 'one checklist card');
    assert.equal((await store.list('all')).length, 1, 'one meeting');
    const card = lastCardIn(GROUP);
    assert.ok(textsOf(card).includes('Checklista: Kommunfullmäktige'));
    assert.deepEqual(doneItems(card), []);
    const [stored] = await store.list('all');
    assert.ok(stored);
    meeting = stored;
    assert.equal(meeting.body, 'Kommunfullmäktige');
    assert.equal(meeting.date, date);
    assert.equal(meeting.place, 'Sessionssalen');
    assert.equal(meeting.conversationId, GROUP);
    assert.equal(meeting.createdBy.aadObjectId, anna.aadObjectId);
    const posts = bot.connector.calls.filter(
      (call) => call.method === 'POST' && call.conversationId === GROUP,
    );
    sharedId = meeting.cardMessageId!;
    assert.ok(sharedId, 'the card message id is stored');
    assert.ok(
      posts.some((call) => call.activity?.attachments && call.at),
      'the card was posted',
    );
  });

  it('a tick shows at once for the presser and updates the shared card for everyone, with who and when', async () => {
    const started = performance.now();
    const answer = await execute(
      anna,
      'meeting.tick',
      { meetingId: meeting.id, itemId: 'entre', done: true },
      sharedId,
    );
    const latency = performance.now() - started;
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(doneItems(answer.value), ['Entrén']);
    assert.ok(
      textsOf(answer.value).some((text) =>
        /^Klar – Anna Förtroendevald, \d{4}-\d\d-\d\d \d\d:\d\d$/.test(text),
      ),
    );
    const update = updatesOf(sharedId).at(-1);
    assert.deepEqual(doneItems(update?.activity?.attachments?.[0]?.content), ['Entrén']);
    assert.deepEqual(answer.value.refresh?.userIds?.sort(), [anna.id]);
    console.log(`      tick through the bot: ${latency.toFixed(0)} ms`);
  });

  it('ten ticks at once from two people lose nothing (Action.Execute and Action.Submit mixed)', async () => {
    const items = CHECKLIST_ITEMS.slice(1, 11).map((item) => item.id);
    const latencies: number[] = [];
    await Promise.all(
      items.map(async (itemId, i) => {
        const user = i % 2 ? olof : anna;
        const started = performance.now();
        const response =
          i % 3 === 0
            ? await bot.post(
                cardSubmit(
                  { verb: 'meeting.tick', meetingId: meeting.id, itemId, done: true, lang: 'sv' },
                  { ...group(user), replyToId: sharedId },
                ),
              )
            : await bot.post(
                cardExecute(
                  'meeting.tick',
                  { meetingId: meeting.id, itemId, done: true },
                  { ...group(user), replyToId: sharedId },
                ),
              );
        latencies.push(performance.now() - started);
        assert.equal(response.status, 200, response.body);
      }),
    );
    const { marks } = await store.state(meeting.id);
    const done = marks.filter((mark) => mark.state === 'done').map((mark) => mark.itemId);
    assert.deepEqual(done.sort(), ['entre', ...items].sort());
    for (const [i, itemId] of items.entries()) {
      const mark = marks.find((m) => m.itemId === itemId)!;
      assert.equal(mark.by.userId, (i % 2 ? olof : anna).id, `${itemId} ticked by the right person`);
    }
    // The shared card's last update carries every tick (updates are sent in order per meeting).
    const lastUpdate = updatesOf(sharedId).at(-1)?.activity?.attachments?.[0]?.content;
    assert.equal(doneItems(lastUpdate).length, 11, 'the shared card shows all eleven ticks');
    // And a refresh (Teams' automatic one, or the button) shows the same, to the one who refreshes only.
    const updatesBefore = updatesOf(sharedId).length;
    const refreshed = await execute(olof, 'meeting.refresh', { meetingId: meeting.id }, sharedId);
    assert.equal(
      updatesOf(sharedId).length,
      updatesBefore,
      'a refresh does not update the message for everyone',
    );
    assert.equal(doneItems(refreshed.value).length, 11);
    assert.deepEqual(refreshed.value.refresh?.userIds?.sort(), [anna.id, olof.id].sort());
    latencies.sort((a, b) => a - b);
    console.log(
      `      10 concurrent ticks: 11/11 stored; latency median ${latencies[5]!.toFixed(0)} ms, max ${latencies[9]!.toFixed(0)} ms`,
    );
  });

  it('a tick on an older copy of the card updates that copy and the shared one; unticking records who', async () => {
    const before = updatesOf(sharedId).length;
    const answer = await execute(
      olof,
      'meeting.tick',
      { meetingId: meeting.id, itemId: 'entre', done: false },
      'old-copy',
    );
    assert.ok(!doneItems(answer.value).includes('Entrén'));
    assert.ok(textsOf(answer.value).some((text) => text.startsWith('Ångrad av Olof Ledamot')));
    assert.equal(updatesOf('old-copy').length, 1);
    assert.equal(updatesOf(sharedId).length, before + 1);
    await execute(anna, 'meeting.tick', { meetingId: meeting.id, itemId: 'entre', done: true }, sharedId);
  });

  it('elevated-risk path (alert recorded): yes twice at once and once more raises one alert, recorded who/when', async () => {
    const yes = { meetingId: meeting.id, elevated: true };
    await Promise.all([
      execute(olof, 'meeting.risk', yes, sharedId),
      execute(anna, 'meeting.risk', yes, sharedId),
    ]);
    const first = await execute(anna, 'meeting.risk', yes, sharedId);
    sinon.assert.calledOnce(notify);
    const alert = notify.firstCall.args[0];
    assert.equal(alert.meetingId, meeting.id);
    assert.equal(alert.body, 'Kommunfullmäktige');
    assert.equal(alert.place, 'Sessionssalen');
    const stored = (await store.get(meeting.id))!.value;
    assert.equal(stored.elevatedRisk, true);
    assert.ok(stored.riskAlert?.notifiedAt, 'the delivery is confirmed on the record');
    assert.equal(stored.riskAlert?.raisedAt, alert.raisedAt);
    assert.equal(stored.riskAlert?.raisedBy.name, alert.raisedBy.name);
    assert.ok([olof.name, anna.name].includes(alert.raisedBy.name));
    // The alerts capability delivers it durably: exactly one meeting-risk card reaches the security chief.
    const riskCards = () =>
      bot.connector.calls.filter(
        (call) =>
          call.method === 'POST' &&
          JSON.stringify(call.activity ?? {}).includes('Förhöjd risk vid sammanträde'),
      );
    await bot.connector.waitFor(() => riskCards().length > 0, 10_000);
    await runAlertPass(bot);
    assert.equal(riskCards().length, 1);
    const texts = textsOf(first.value).join('\n');
    assert.match(texts, /Säkerhetskontroll \(SFS 2010:294\)/);
    assert.match(texts, /särskilda skäl/);
    assert.match(texts, /Säkerhetssamordnaren har larmats/, 'the configured role (default name)');
    assert.match(texts, /ska göras – förhöjd risk/);
  });

  it('refuses a press with a meeting id from another conversation, or a forged item', async () => {
    const elsewhere = { serviceUrl: bot.connector.url, conversationId: 'a:other', user: olof };
    await bot.post(
      cardSubmit({ verb: 'meeting.tick', meetingId: meeting.id, itemId: 'entre', done: false }, elsewhere),
    );
    await bot.post(
      cardSubmit({ verb: 'meeting.tick', meetingId: meeting.id, itemId: 'nope', done: true }, group(olof)),
    );
    const replies = [...bot.connector.activitiesIn('a:other'), ...bot.connector.activitiesIn(GROUP)].map(
      (a) => a.text,
    );
    assert.ok(replies.filter((text) => text?.startsWith('Checklistan finns inte längre')).length >= 2);
    const { marks } = await store.state(meeting.id);
    assert.equal(marks.find((m) => m.itemId === 'entre')?.state, 'done');
  });

  it('finishing stores the done/not-done record and posts it; the card no longer takes ticks', async () => {
    await execute(anna, 'meeting.finish', { meetingId: meeting.id }, sharedId);
    const stored = (await store.get(meeting.id))!.value;
    const record = stored.record!;
    assert.equal(record.finishedBy.name, anna.name);
    assert.equal(record.done, 11);
    assert.equal(record.items.length, 17);
    // Kontrollera and Förhöjd risk (required now) were all ticked; Efterkontroll and Följe were not.
    const open = record.items
      .filter((item) => item.required && item.state === 'open')
      .map((item) => item.itemId);
    assert.equal(record.requiredOpen, open.length);
    assert.deepEqual(open, ['eftertoaletter', 'altutrymning', 'lastdorrar', 'larmar', 'folje']);
    const recordCard = JSON.stringify(lastCardIn(GROUP));
    assert.match(recordCard, /Sammanfattning: Kommunfullmäktige/);
    assert.match(recordCard, /5 obligatoriska punkter gjordes inte\./);
    const late = await execute(
      olof,
      'meeting.tick',
      { meetingId: meeting.id, itemId: 'folje', done: true },
      sharedId,
    );
    assert.ok(!JSON.stringify(late.value).includes('meeting.tick'), 'no tick buttons on a finished card');
    assert.equal(
      (await store.state(meeting.id)).marks.find((m) => m.itemId === 'folje'),
      undefined,
    );
  });

  it('lists past meetings: everything for the security chief, own and this chat’s for others, nothing else', async () => {
    const listFor = async (user: TestUser, conversationId: string) => {
      await bot.post(
        message('tidigare sammanträden', { serviceUrl: bot.connector.url, conversationId, user }),
      );
      return JSON.stringify(lastCardIn(conversationId));
    };
    assert.match(await listFor(sara, 'a:sara-1to1'), /Kommunfullmäktige/);
    assert.match(await listFor(anna, 'a:anna-1to1'), /Kommunfullmäktige/);
    assert.match(await listFor(olof, 'a:olof-1to1'), /Det finns inga sparade sammanträden/);
    await bot.post(
      cardSubmit(
        { verb: 'meeting.record', meetingId: meeting.id },
        { serviceUrl: bot.connector.url, conversationId: 'a:sara-1to1', user: sara },
      ),
    );
    assert.match(JSON.stringify(lastCardIn('a:sara-1to1')), /Sammanfattning: Kommunfullmäktige/);
    await bot.post(
      cardSubmit(
        { verb: 'meeting.record', meetingId: meeting.id },
        { serviceUrl: bot.connector.url, conversationId: 'a:olof-1to1', user: olof },
      ),
    );
    assert.match(
      bot.connector.activitiesIn('a:olof-1to1').at(-1)?.text ?? '',
      /Checklistan finns inte längre/,
    );
    // In another group chat even the security chief sees only that chat's meetings, and no other chat's record.
    const otherGroup = {
      serviceUrl: bot.connector.url,
      conversationId: '19:other-group',
      isGroup: true,
      user: sara,
    };
    await bot.post(message('tidigare sammanträden', otherGroup));
    assert.match(JSON.stringify(lastCardIn('19:other-group')), /Det finns inga sparade sammanträden/);
    await bot.post(cardSubmit({ verb: 'meeting.record', meetingId: meeting.id }, otherGroup));
    assert.match(
      bot.connector.activitiesIn('19:other-group').at(-1)?.text ?? '',
      /Checklistan finns inte längre/,
    );
  });

  it('a tick that lands after "Avsluta" (it was pressed before) is in the stored record', async () => {
    const conversationId = '19:race-group';
    const as = (user: TestUser) => ({ serviceUrl: bot.connector.url, conversationId, isGroup: true, user });
    const date = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await bot.post(
      cardSubmit(
        { verb: 'meeting.create', body: 'Kommunfullmäktige', date, place: 'Rådhuset', lang: 'sv' },
        { ...as(anna), replyToId: 'form-race' },
      ),
    );
    const raced = (await store.list('all')).find((m) => m.conversationId === conversationId)!;
    // Hold the tick's write until "Avsluta" has finished: the interleaving that lost ticks.
    const write = MeetingStore.prototype.mark;
    let release!: () => void;
    const finished = new Promise<void>((resolve) => (release = resolve));
    const held = sinon.stub(MeetingStore.prototype, 'mark').callsFake(async function (
      this: MeetingStore,
      ...args
    ) {
      await finished;
      return write.apply(this, args);
    });
    try {
      const tick = bot.post(
        cardSubmit({ verb: 'meeting.tick', meetingId: raced.id, itemId: 'entre', done: true }, as(olof)),
      );
      while (!held.called) await new Promise((resolve) => setTimeout(resolve, 10));
      await bot.post(cardSubmit({ verb: 'meeting.finish', meetingId: raced.id }, as(anna)));
      release();
      await tick;
    } finally {
      held.restore();
    }
    const record = (await store.get(raced.id))!.value.record!;
    assert.equal(record.items.find((item) => item.itemId === 'entre')?.state, 'done');
    assert.equal(record.done, 1);
  });

  it('"Avsluta" pressed by two people at once posts the record once', async () => {
    const conversationId = '19:finish-twice';
    const as = (user: TestUser) => ({ serviceUrl: bot.connector.url, conversationId, isGroup: true, user });
    const date = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await bot.post(
      cardSubmit(
        { verb: 'meeting.create', body: 'Kommunfullmäktige', date, place: 'Rådhuset', lang: 'sv' },
        { ...as(anna), replyToId: 'form-finish-twice' },
      ),
    );
    const meeting = (await store.list('all')).find((m) => m.conversationId === conversationId)!;
    await Promise.all([
      bot.post(cardSubmit({ verb: 'meeting.finish', meetingId: meeting.id }, as(anna))),
      bot.post(cardSubmit({ verb: 'meeting.finish', meetingId: meeting.id }, as(olof))),
    ]);
    const records = bot.connector
      .activitiesIn(conversationId)
      .filter((a) => JSON.stringify(a.attachments ?? []).includes('Sammanfattning: Kommunfullmäktige'));
    assert.equal(records.length, 1);
    assert.ok((await store.get(meeting.id))!.value.record);
  });

  it('the guidance answer for Bilaga 2 keeps its text and offers "Starta checklistan"', async () => {
    const conversationId = 'a:anna-guidance';
    await bot.post(
      cardSubmit(
        { verb: 'guidance.topic', topicId: 'meeting-checklist', lang: 'sv' },
        { serviceUrl: bot.connector.url, conversationId, user: anna },
      ),
    );
    const answer = JSON.stringify(lastCardIn(conversationId));
    assert.match(answer, /Källa: Bilaga 2, Vid sammanträden med kommunfullmäktige/);
    assert.match(answer, /"title":"Starta checklistan","data":\{"verb":"meeting.form"/);
    await bot.post(
      cardSubmit(
        { verb: 'meeting.form', lang: 'sv' },
        { serviceUrl: bot.connector.url, conversationId, user: anna },
      ),
    );
    const form = JSON.stringify(lastCardIn(conversationId));
    assert.match(form, /Personlig förberedelse \(Bilaga 1\)/);
    assert.match(form, /"topicId":"before-incident"/);
  });
});
