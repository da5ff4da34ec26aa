/**
 * Smoke test of the e2e rig itself: Agents Playground + headless Chromium against a tiny echo bot defined
 * here (botbuilder CloudAdapter without credentials + restify on loopback), so it runs without the real bot.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TurnContext,
} from 'botbuilder';
import * as restify from 'restify';
import type { Browser } from 'playwright-core';
import {
  clickCardButton,
  fillCardInput,
  launchBrowser,
  openGroupChat,
  openPlayground,
  screenshot,
  sendMessage,
  waitForText,
} from './support/browser';
import { freePort, startPlayground, type PlaygroundHandle } from '../../scripts/playground/playground';

interface EchoBot {
  endpoint: string;
  stop(): Promise<void>;
}

const reportCard = () =>
  CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Rapportera händelse', weight: 'Bolder' },
      { type: 'Input.Text', id: 'note', label: 'Beskrivning' },
    ],
    actions: [{ type: 'Action.Submit', title: 'Skicka', data: { action: 'report' } }],
  });

/** Echoes text ("Eko: …"), answers "kort" with a card, and confirms card submits with the sender's name. */
async function startEchoBot(): Promise<EchoBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const { activity } = context;
    const text = (TurnContext.removeRecipientMention(activity) ?? activity.text ?? '').trim();
    if (activity.value) {
      const value = activity.value as { note?: string };
      await context.sendActivity(`Mottaget från ${activity.from.name}: ${value.note ?? ''}`);
    } else if (text === 'kort') {
      await context.sendActivity(MessageFactory.attachment(reportCard()));
    } else {
      await context.sendActivity(`Eko: ${text}`);
    }
    await next();
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('e2e rig: Agents Playground ↔ echo bot', function () {
  this.timeout(120_000);
  let bot: EchoBot;
  let browser: Browser;

  before(async () => {
    bot = await startEchoBot();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await bot?.stop();
  });

  describe('one person', () => {
    let playground: PlaygroundHandle;
    before(async () => {
      playground = await startPlayground({ botEndpoint: bot.endpoint });
    });
    after(async () => {
      await playground?.stop();
    });

    it('shows the bot’s reply to "hej" and saves a screenshot', async () => {
      const page = await openPlayground(playground.url, browser);
      try {
        await sendMessage(page, 'hej');
        const reply = await waitForText(page, 'Eko: hej');
        assert.equal((await reply.innerText()).trim(), 'Eko: hej');
        const file = await screenshot(page, 'smoke-hej');
        assert.ok(fs.statSync(file).size > 10_000, `screenshot ${file} looks empty`);
      } catch (error) {
        await screenshot(page, 'smoke-hej-failure').catch(() => undefined);
        throw new Error(`${(error as Error).message}\n${playground.logs()}`, { cause: error });
      } finally {
        await page.context().close();
      }
    });
  });

  describe('two people in the group chat', () => {
    let playground: PlaygroundHandle;
    before(async () => {
      playground = await startPlayground({
        botEndpoint: bot.endpoint,
        users: ['Anna Förtroendevald', 'Sara Säkerhetschef'],
      });
    });
    after(async () => {
      await playground?.stop();
    });

    it('both see the bot’s card, and a submit reaches the bot as the person who pressed', async () => {
      const [anna, sara] = await Promise.all([
        openPlayground(playground.urlFor('Anna Förtroendevald'), browser),
        openPlayground(playground.urlFor('Sara Säkerhetschef'), browser),
      ]);
      try {
        await openGroupChat(anna);
        await openGroupChat(sara);
        await sendMessage(anna, 'kort'); // @mentions the bot, as a group chat needs
        await waitForText(anna, 'Rapportera händelse');
        await waitForText(sara, 'Rapportera händelse');
        await fillCardInput(sara, 'Beskrivning', 'Hot mot ledamot');
        await clickCardButton(sara, 'Skicka');
        await waitForText(anna, 'Mottaget från Sara Säkerhetschef: Hot mot ledamot');
        await waitForText(sara, 'Mottaget från Sara Säkerhetschef: Hot mot ledamot');
        await screenshot(anna, 'smoke-group-anna');
        await screenshot(sara, 'smoke-group-sara');
      } catch (error) {
        await screenshot(anna, 'smoke-group-anna-failure').catch(() => undefined);
        await screenshot(sara, 'smoke-group-sara-failure').catch(() => undefined);
        throw new Error(`${(error as Error).message}\n${playground.logs()}`, { cause: error });
      } finally {
        await anna.context().close();
        await sara.context().close();
      }
    });
  });
});
