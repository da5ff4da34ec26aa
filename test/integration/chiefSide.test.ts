import assert from 'node:assert/strict';
import { chief, ROLE_ENV } from '../support/alertPeople';
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
});
