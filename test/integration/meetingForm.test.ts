import assert from 'node:assert/strict';
import { swedishDate } from '../../src/core/i18n';
import { startBot, type RunningBot } from '../support/botHarness';
import { ReportClient } from '../support/reportFlow';
import { inputsOf } from '../support/cardInputs';

/** Issue 15, item 6: the meeting form's findings. */
describe('meeting form: per-field messages, prefilled start, Swedish date hint (real endpoint)', function () {
  this.timeout(60_000);
  let bot: RunningBot;

  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('answers "Starta checklistan" on an empty form (Teams leaves empty inputs out) with a message per field', async () => {
    const client = new ReportClient(bot);
    await client.say('checklista inför fullmäktige');
    assert.match(client.lastText(), /"placeholder":"ÅÅÅÅ-MM-DD"/, 'the date hint is Swedish');
    await client.press({ verb: 'meeting.create', lang: 'sv' });
    const text = client.lastText();
    assert.doesNotMatch(text, /Något gick fel|Something went wrong/);
    assert.match(text, /Välj ett organ i listan/);
    assert.match(text, /Skriv datumet som ÅÅÅÅ-MM-DD/);
    assert.match(text, /Skriv var sammanträdet hålls/);
    assert.ok(!bot.logs.raw.includes('ZodError'), 'no error in the log');
  });

  it('starts the checklist from "checklista inför fullmäktige på torsdag" with body and date filled in', async () => {
    const client = new ReportClient(bot);
    await client.say('checklista inför fullmäktige på torsdag');
    const inputs = inputsOf(client.lastCard());
    assert.equal(inputs.body, 'Kommunfullmäktige');
    const today = swedishDate(new Date());
    const ahead =
      (new Date(`${today}T12:00:00Z`).getUTCDay() <= 4 ? 4 : 11) - new Date(`${today}T12:00:00Z`).getUTCDay();
    const thursday = new Date(Date.parse(`${today}T12:00:00Z`) + ahead * 86_400_000)
      .toISOString()
      .slice(0, 10);
    assert.equal(inputs.date, thursday, 'the coming Thursday');
    assert.equal(inputs.place, '');
  });
});
