import assert from 'node:assert/strict';
import sinon from 'sinon';
import { official } from '../support/activities';
import { chief, reportAlertedToChief, ROLE_ENV } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { ReportClient } from '../support/reportFlow';
import { StatisticsChart } from '../../src/cases/statisticsChart';

/**
 * Finding 2 (links) and 9 (chart cache), issue 13: an export link is not a reusable bearer link. It carries
 * no token in the query string, opening it shows only a button (a link scanner or preview that fetches the
 * page redeems nothing), and the export is handed out once. A chart link is drawn once and served from a
 * cache per link, not re-rendered on every request.
 */
describe('export and chart links', function () {
  this.timeout(90_000);
  let bot: RunningBot;
  let reportId: string;
  let reference: string;

  before(async () => {
    bot = await startBot(ROLE_ENV);
    ({ reference, reportId } = await reportAlertedToChief(bot, official));
  });
  after(async () => bot.stop());
  afterEach(() => sinon.restore());

  const urlIn = (client: ReportClient, pattern: RegExp) => pattern.exec(client.lastText())?.[1] ?? '';

  it('hands the export out once, on a POST from the page, with no token in the query string', async () => {
    const sara = new ReportClient(bot, chief, `a:personal-${chief.id}-export`);
    await sara.press({ verb: 'cases.export', reportId, lang: 'sv' });
    const url = urlIn(sara, /"url":"([^"]+)"/);
    assert.ok(url.startsWith(`${bot.url}/api/cases/files/`), url);
    assert.equal(new URL(url).search, '', 'no query string');

    const page = await fetch(url);
    assert.equal(page.status, 200);
    const pageHtml = await page.text();
    assert.doesNotMatch(pageHtml, /vi vet var du bor|IR-\d{4}-\d{4}/, 'the page itself shows nothing');
    assert.match(pageHtml, /<form method="post"/);
    assert.equal((await fetch(url)).status, 200, 'a second look (a link scanner) redeems nothing');

    const first = await fetch(url, { method: 'POST' });
    assert.equal(first.status, 200);
    const html = await first.text();
    assert.ok(html.includes(reference) && html.includes('vi vet var du bor'));
    assert.equal(first.headers.get('cache-control'), 'no-store');

    const again = await fetch(url, { method: 'POST' });
    assert.equal(again.status, 404, 'the link works once');
    assert.doesNotMatch(await again.text(), /vi vet var du bor/);
    assert.equal((await fetch(url)).status, 404, 'and its page is gone too');
    const actions = (await bot.app.cases.repository.readLogUnchecked(reportId)).map((e) => e.action).sort();
    assert.deepEqual(actions, ['download', 'export']);
  });

  it('draws a chart once per link and serves it from the cache after that', async () => {
    const png = sinon.spy(StatisticsChart.prototype, 'png');
    const sara = new ReportClient(bot, chief, `a:personal-${chief.id}-stats`);
    await sara.press({ verb: 'cases.stats', quarter: 'previous', lang: 'sv' });
    const url = urlIn(sara, /"url":"([^"]+\/api\/cases\/files\/[^"]+)"/);
    assert.ok(url, 'the statistics card shows the chart');
    assert.equal(new URL(url).search, '', 'no query string');
    for (let i = 0; i < 5; i++) {
      const served = await fetch(url);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/png');
      await served.arrayBuffer();
    }
    assert.equal(png.callCount, 1, 'rendered once for five requests');
  });
});
