import assert from 'node:assert/strict';
import {
  ActivityTypes,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type Response as BotResponse,
  type TurnContext,
} from 'botbuilder';
import { createAdapter, TurnAdapter } from '../../../src/bot/adapter';
import { createLogger } from '../../../src/core/logging/logger';
import { LogCapture } from '../../support/botHarness';

const logger = createLogger('silent', new LogCapture());
const localAdapter = () => createAdapter({ mode: 'local' }, 'sv', logger);

/** An activity as the wire carries it: dates are ISO strings. */
function wireActivity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    text: 'hej',
    serviceUrl: 'http://127.0.0.1:1',
    channelId: 'msteams',
    conversation: { id: 'a:1' },
    from: { id: '29:1' },
    timestamp: '2026-12-07T10:00:00.123Z',
    localTimestamp: '2026-12-07T11:00:00.123+01:00',
    expiration: '2026-12-08T10:00:00Z',
    ...overrides,
  };
}

/** What the turn saw, and what CloudAdapter answered, when `run` drove one request through `logic`. */
async function seen(
  run: (logic: (context: TurnContext) => Promise<void>) => Promise<{ status: number; body?: unknown }>,
  answerInvoke: boolean,
): Promise<{ activity: Activity; status: number; body?: unknown }> {
  let activity: Activity | undefined;
  const answer = await run(async (context) => {
    activity = { ...context.activity };
    if (answerInvoke)
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        // Not 200, so the invoke's own status is seen to pass through (200 is also the default).
        value: { status: 202, body: { statusCode: 202, type: 'application/vnd.microsoft.activity.message' } },
      });
  });
  assert.ok(activity, 'the turn ran');
  return { activity, status: answer.status, body: answer.body };
}

/** CloudAdapter.process, the path runTurn replaces, with its answer collected. */
function viaProcess(adapter: TurnAdapter, body: Record<string, unknown>) {
  return (logic: (context: TurnContext) => Promise<void>) => {
    const answer: { status: number; body?: unknown } = { status: 0 };
    const response = {
      status: (code: number) => ((answer.status = code), response),
      send: (sent: unknown) => ((answer.body = sent), response),
      header: () => response,
      end: () => response,
    };
    return adapter
      .process({ body, headers: {}, method: 'POST' }, response as unknown as BotResponse, logic)
      .then(() => answer);
  };
}

describe('TurnAdapter.runTurn: CloudAdapter.process without its per-request schema checks', () => {
  for (const kind of ['message', 'invoke'] as const) {
    it(`gives the turn the same ${kind} activity, and answers the same, as CloudAdapter.process`, async () => {
      const body = () =>
        wireActivity(
          kind === 'invoke' ? { type: 'invoke', name: 'adaptiveCard/action', text: undefined } : {},
        );
      const adapter = localAdapter();
      const direct = await seen((logic) => adapter.runTurn('', body(), logic), kind === 'invoke');
      const processed = await seen(viaProcess(adapter, body()), kind === 'invoke');
      assert.deepEqual(direct, processed);
      assert.ok(direct.activity.timestamp instanceof Date, 'timestamp is a Date, as botbuilder gives it');
      assert.equal(direct.activity.timestamp.toISOString(), '2026-12-07T10:00:00.123Z');
      const raw = direct.activity as unknown as Record<string, unknown>;
      assert.equal(raw.rawTimestamp, '2026-12-07T10:00:00.123Z', 'the wire text is kept');
      assert.equal(raw.rawLocalTimestamp, '2026-12-07T11:00:00.123+01:00');
      assert.ok(direct.activity.expiration instanceof Date);
      assert.deepEqual(
        { status: direct.status, body: direct.body },
        kind === 'invoke'
          ? { status: 202, body: { statusCode: 202, type: 'application/vnd.microsoft.activity.message' } }
          : { status: 200, body: undefined },
      );
    });
  }

  it('answers a request without a valid token with a bare 401, as process does', async () => {
    const adapter = createAdapter(
      {
        mode: 'cloud',
        appId: '00000000-0000-0000-0000-000000000001',
        appType: 'MultiTenant',
        appPassword: 'x',
      },
      'sv',
      logger,
    );
    let ran = false;
    const answer = await adapter.runTurn('Bearer not-a-jwt', wireActivity(), async () => void (ran = true));
    assert.equal(answer.status, 401);
    assert.equal(answer.body, undefined, 'nothing for the sender');
    assert.ok(answer.refusal, 'a reason for the log');
    assert.equal(ran, false, 'no turn ran');
  });

  it('throws any other failure to the HTTP edge (which logs it and answers a bare 503)', async () => {
    class FailingAuthentication extends ConfigurationBotFrameworkAuthentication {
      override authenticateRequest(): never {
        throw new Error('Failed to load openID config');
      }
    }
    const adapter = new TurnAdapter(new FailingAuthentication({}));
    await assert.rejects(
      adapter.runTurn('', wireActivity(), async () => undefined),
      /openID/,
    );
  });
});
