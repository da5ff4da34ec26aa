import assert from 'node:assert/strict';
import { CardRenderer } from '../../src/core/cards';
import { sampleDataFor } from '../unit/cardSamples';
import { startBot, type RunningBot } from '../support/botHarness';

interface PressedAction {
  card: string;
  type: string;
  verb: string | undefined;
}

/** Every Action.Execute and Action.Submit anywhere in a card (body, actions, refresh, show-cards), with its verb. */
function actionsIn(node: unknown, card: string, found: PressedAction[] = []): PressedAction[] {
  if (Array.isArray(node)) node.forEach((item) => actionsIn(item, card, found));
  else if (typeof node === 'object' && node !== null) {
    const element = node as { type?: unknown; verb?: unknown; data?: { verb?: unknown } };
    if (element.type === 'Action.Execute' || element.type === 'Action.Submit') {
      const verb = element.type === 'Action.Execute' ? element.verb : element.data?.verb;
      found.push({ card, type: element.type, verb: typeof verb === 'string' ? verb : undefined });
    }
    Object.values(node).forEach((value) => actionsIn(value, card, found));
  }
  return found;
}

/** Every button on every card the card builders render (test/unit/*CardSamples.ts). */
function actionsOnSampleCards(): PressedAction[] {
  const cards = new CardRenderer();
  return cards
    .names()
    .flatMap((name) => sampleDataFor(name).flatMap((data) => actionsIn(cards.expand(name, data), name)));
}

describe('card verbs (the real app)', () => {
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot?.stop());

  it('finds the buttons of a card, with and without a verb', () => {
    const found = actionsIn(
      {
        type: 'AdaptiveCard',
        refresh: { action: { type: 'Action.Execute', verb: 'a.refresh' } },
        actions: [
          { type: 'Action.Submit', data: { verb: 'a.submit' } },
          { type: 'Action.ShowCard', card: { actions: [{ type: 'Action.Execute' }] } },
        ],
      },
      'x',
    );
    assert.deepEqual(
      found.map((action) => action.verb),
      ['a.refresh', 'a.submit', undefined],
    );
  });

  it('every button on every sample card carries a verb that some capability handles', async () => {
    const registered = new Set(await bot.app.verbs());
    const actions = actionsOnSampleCards();
    const pressedVerbs = new Set(actions.map((action) => action.verb));
    // The samples must reach the buttons of every capability, or this test would prove little.
    for (const capability of ['report', 'guidance', 'meeting', 'cases', 'alerts'])
      assert.ok(
        [...pressedVerbs].some((verb) => verb?.startsWith(`${capability}.`)),
        `no ${capability} verb on any sample card`,
      );
    const unhandled = actions
      .filter((action) => action.verb === undefined || !registered.has(action.verb))
      .map((action) => `${action.card}: ${action.type} ${action.verb ?? '(no verb)'}`);
    assert.deepEqual([...new Set(unhandled)], []);
  });
});
