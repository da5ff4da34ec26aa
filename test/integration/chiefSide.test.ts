import assert from 'node:assert/strict';
import { chief, contactS, install, postsIn, ROLE_ENV } from '../support/alertPeople';
import { cardSubmit } from '../support/activities';
import { findActions } from '../support/reportFlow';
import { startBot, type RunningBot } from '../support/botHarness';
import { ReportClient } from '../support/reportFlow';
import { CardRenderer } from '../../src/core/cards';
import { alertCard } from '../../src/alerts/alertCards';
import { CHART_MIN_FONT_PX, CHART_WIDTH, chartOption } from '../../src/cases/statisticsChart';

type Json = Record<string, unknown>;

/** Every numeric fontSize in a chart option. */
function fontSizes(node: unknown): number[] {
  if (Array.isArray(node)) return node.flatMap(fontSizes);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node as Json).flatMap(([key, value]) =>
    key === 'fontSize' && typeof value === 'number' ? [value] : fontSizes(value),
  );
}

/** Issue 15, item 7: the security chief's side. */
describe("the chief's side: plurals, statistics period, readable chart, contrast (real endpoint)", function () {
  this.timeout(60_000);
  let bot: RunningBot;

  afterEach(async () => {
    await bot?.stop();
  });

  async function fileOneReport(): Promise<void> {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.completeAll();
    await client.press(client.action('report.submit'));
    assert.match(JSON.stringify(client.cards().at(-2)), /IR-\d{4}-\d{4}/);
  }

  it('says "1 ärende" (not "1 ärenden") and counts a report that just arrived in "statistik"', async () => {
    bot = await startBot(ROLE_ENV);
    await fileOneReport();
    const sara = new ReportClient(bot, chief);
    await sara.press({ verb: 'cases.list', lang: 'sv' });
    assert.match(sara.lastText(), /1 ärende, nyast först/);
    await sara.say('statistik');
    const text = sara.lastText();
    const year = new Date().getUTCFullYear();
    assert.match(text, new RegExp(`${year}-01-01`), 'the current year…');
    assert.doesNotMatch(
      text,
      /"title":"Totalt","value":"0"|Inga rapporter/,
      'the report that just arrived is counted',
    );
  });

  it('draws the chart so its smallest text is ≥ 11 px at a 358 px phone card', () => {
    const option = chartOption(
      { byMonth: [{ key: '2026-01', count: 1 }], byKind: [], byChannel: [], byParty: [], byBody: [] },
      { title: 't', byMonth: 'm', byKind: 'k', byChannel: 'c', byParty: 'p', byBody: 'b' },
      'DejaVu Sans',
    );
    const smallest = Math.min(...fontSizes(option));
    assert.equal(smallest, CHART_MIN_FONT_PX);
    assert.ok(
      (smallest * 358) / CHART_WIDTH >= 11,
      `${((smallest * 358) / CHART_WIDTH).toFixed(1)} px on a phone`,
    );
  });

  it('shows "Tas om hand av" in the default text colour (contrast ≥ 4.5:1), not light green', () => {
    const card = alertCard(
      new CardRenderer(),
      {
        reportId: '4b1f3c1e-0000-4000-8000-000000000001',
        reference: 'IR-2026-0001',
        party: 'S',
        body: 'Socialnämnden',
        kinds: 'hot',
        channel: 'sms',
        createdAt: new Date().toISOString(),
      },
      'sv',
      { owner: { name: 'Sara', at: new Date().toISOString() } },
    );
    const text = JSON.stringify(card);
    assert.match(text, /Tas om hand av/);
    assert.doesNotMatch(text, /"color":"Good"/);
  });

  it('gives the meeting-risk alert "Jag har sett det" and "Öppna checklistan", and does not call the marker "ordförande"', async () => {
    bot = await startBot(ROLE_ENV);
    const chiefChat = await install(bot, chief);
    await bot.app.alerts.notifyMeetingRisk({
      meetingId: 'kf-2026-12-01',
      body: 'Kommunfullmäktige',
      date: '2026-12-01',
      place: 'Stadshuset',
      raisedBy: { name: 'Olof Ledamot', aadObjectId: '2f2111a6-86bb-49bf-94c6-1caa56d38b48' },
      raisedAt: '2026-11-29T10:00:00.000Z',
    });
    const TITLE = 'Förhöjd risk vid sammanträde';
    await bot.connector.waitFor(() => postsIn(bot, chiefChat, TITLE).length === 1, 10_000);
    const delivered = postsIn(bot, chiefChat, TITLE)[0]!;
    const text = JSON.stringify(delivered);
    assert.doesNotMatch(text, /ordförande/i, 'whoever marked it');
    const buttons = findActions(delivered.attachments![0]!.content);
    assert.ok(
      buttons.some((b) => b.verb === 'meeting.record' && b.meetingId === 'kf-2026-12-01'),
      'Öppna checklistan',
    );
    const seen = buttons.find((b) => b.verb === 'alerts.meetingRiskSeen')!;
    assert.ok(seen, 'Jag har sett det');

    // Someone without a security role is refused; the chief's press shows who saw it, without the button.
    const calls = bot.connector.calls.length;
    await bot.post(
      cardSubmit(seen, { serviceUrl: bot.connector.url, conversationId: 'a:karl', user: contactS }),
    );
    assert.ok(
      !bot.connector.calls.slice(calls).some((c) => JSON.stringify(c.activity ?? {}).includes('Sett av')),
    );
    const call = bot.connector.calls.find(
      (c) =>
        c.conversationId === chiefChat &&
        c.method === 'POST' &&
        JSON.stringify(c.activity ?? {}).includes(TITLE),
    );
    await bot.post(
      cardSubmit(seen, {
        serviceUrl: bot.connector.url,
        conversationId: chiefChat,
        user: chief,
        replyToId: call!.id!,
      }),
    );
    const update = bot.connector.calls
      .filter((c) => c.method === 'PUT' && c.conversationId === chiefChat)
      .at(-1);
    assert.ok(update, 'the pressed alert is updated in place');
    assert.match(JSON.stringify(update.activity), /Sett av Sara Säkerhetschef/);
    assert.ok(!findActions(update.activity).some((b) => b.verb === 'alerts.meetingRiskSeen'));
  });
});
