import assert from 'node:assert/strict';
import sinon from 'sinon';
import {
  BotAdapter,
  ConversationState,
  MemoryStorage,
  TurnContext,
  UserState,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { Router } from '../../src/bot/router';
import { TryggBot } from '../../src/bot/tryggBot';
import { CardRenderer, type AdaptiveCard } from '../../src/core/cards';
import { RoleDirectory } from '../../src/core/identity';
import type { Capability, TurnInput } from '../../src/core/turn';
import { botInstalled, cardExecute, cardSubmit, message } from '../support/activities';
import { shippedOrganisation } from '../support/organisation';

/** Records what the bot sends and updates, as the connector would see it. */
class RecordingAdapter extends BotAdapter {
  readonly sent: Partial<Activity>[] = [];
  readonly updated: Partial<Activity>[] = [];

  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]) {
    this.sent.push(...activities);
    return activities.map((_, i): ResourceResponse => ({ id: `sent-${this.sent.length - i}` }));
  }
  override async updateActivity(_context: TurnContext, activity: Partial<Activity>) {
    this.updated.push(activity);
  }
  override async deleteActivity(): Promise<void> {}
  override async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {}
}

const counterCard = (count: number): AdaptiveCard => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: `count ${count}` }],
});

describe('Universal Actions: Action.Execute and Action.Submit reach the same handler', () => {
  const seen: TurnInput[] = [];
  let count = 0;
  const counter: Capability = {
    name: 'test',
    actions: {
      'test.increment': async (turn, reply) => {
        seen.push(turn);
        await reply.replaceCard(counterCard(++count));
      },
      'test.answer': async (turn, reply) => {
        seen.push(turn);
        await reply.text('answered');
      },
    },
  };

  function bot(): TryggBot {
    const storage = new MemoryStorage();
    return new TryggBot({
      cards: new CardRenderer(),
      organisation: shippedOrganisation(),
      router: new Router([counter]),
      interceptors: [],
      observers: [],
      roles: new RoleDirectory({ securityChiefIds: [], securityDeputyIds: [], partyContacts: {} }),
      defaultLocale: 'sv',
      conversationState: new ConversationState(storage),
      userState: new UserState(storage),
    });
  }

  async function run(activity: object): Promise<RecordingAdapter> {
    const adapter = new RecordingAdapter();
    await bot().run(new TurnContext(adapter, activity as Activity));
    return adapter;
  }

  beforeEach(() => {
    seen.length = 0;
    count = 0;
  });

  const options = { serviceUrl: 'http://127.0.0.1:1/', replyToId: 'card-message-1' };

  it('an Action.Execute press updates the pressed message for everyone and answers the invoke with the card', async () => {
    const adapter = await run(cardExecute('test.increment', { lang: 'en', item: 3 }, options));
    assert.deepEqual(seen[0]!.action, {
      verb: 'test.increment',
      data: { lang: 'en', item: 3 },
      via: 'execute',
      messageId: 'card-message-1',
    });
    assert.equal(seen[0]!.locale, 'en');
    assert.equal(adapter.updated.length, 1);
    assert.equal(adapter.updated[0]!.id, 'card-message-1');
    assert.deepEqual(adapter.updated[0]!.attachments?.[0]?.content, counterCard(1));
    const invokeResponse = adapter.sent.find((a) => a.type === 'invokeResponse');
    assert.deepEqual(invokeResponse?.value, {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: counterCard(1) },
    });
  });

  it('an Action.Submit press of the same verb runs the same handler and updates the same message', async () => {
    const adapter = await run(cardSubmit({ verb: 'test.increment', item: 3 }, options));
    assert.deepEqual(seen[0]!.action, {
      verb: 'test.increment',
      data: { item: 3 },
      via: 'submit',
      messageId: 'card-message-1',
    });
    assert.equal(adapter.updated[0]!.id, 'card-message-1');
    assert.equal(
      adapter.sent.some((a) => a.type === 'invokeResponse'),
      false,
    );
  });

  it('a handler that only sends messages answers the invoke with an empty message response', async () => {
    const adapter = await run(cardExecute('test.answer', {}, options));
    assert.equal(adapter.sent.find((a) => a.type === 'message')?.text, 'answered');
    assert.deepEqual(adapter.sent.find((a) => a.type === 'invokeResponse')?.value, {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: {} },
    });
  });

  it('replaceCard without a pressed card (no replyToId) sends a new card instead', async () => {
    const adapter = await run(cardSubmit({ verb: 'test.increment' }, { serviceUrl: options.serviceUrl }));
    assert.equal(adapter.updated.length, 0);
    assert.deepEqual(adapter.sent[0]!.attachments?.[0]?.content, counterCard(1));
  });

  it('an invoke that is not an adaptive card action, or has no verb, reaches no handler', async () => {
    const noVerb = cardExecute('', {}, options);
    await run(noVerb);
    await run({ ...cardExecute('test.increment', {}, options), name: 'task/fetch' });
    await run(message('test.increment', options));
    assert.equal(seen.length, 0);
  });

  it("answers a message without ActivityHandler's dispatch, and leaves every other activity to it", async () => {
    const dispatched: string[] = [];
    // ActivityHandler's dispatch entry (protected in its types, hence the cast), recording instead of dispatching.
    const handler = TryggBot.prototype as unknown as { onTurnActivity(context: TurnContext): Promise<void> };
    const dispatch = sinon.stub(handler, 'onTurnActivity').callsFake(async (context: TurnContext) => {
      dispatched.push(context.activity.type);
    });
    try {
      const submitted = await run(cardSubmit({ verb: 'test.answer' }, options));
      assert.equal(submitted.sent.find((a) => a.type === 'message')?.text, 'answered');
      await run(cardExecute('test.answer', {}, options));
      await run(botInstalled(options));
      assert.deepEqual(dispatched, ['invoke', 'conversationUpdate']);
    } finally {
      dispatch.restore();
    }
    // So a handler registered for messages or for every turn would never run: the bot registers none.
    const registered = (bot() as unknown as { handlers: Record<string, unknown[]> }).handlers;
    assert.deepEqual(
      ['Message', 'Turn'].filter((event) => (registered[event]?.length ?? 0) > 0),
      [],
      'TryggBot.run hands messages to handleMessage itself: a message or turn handler here would be skipped',
    );
    assert.ok(registered.MembersAdded?.length, 'the handlers are where this test looks for them');
  });
});
