import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSerializer } from '@azure/core-client';
import { ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import { AppCredentials, ClaimsIdentity } from 'botframework-connector';
import * as connectorModels from 'botframework-connector/lib/connectorApi/models/mappers';
import { createAdapter } from '../../src/bot/adapter';
import { withLeanReplies } from '../../src/bot/connectorReplies';
import { createLogger } from '../../src/core/logging/logger';
import { message } from '../support/activities';
import { LogCapture, startBot, type RunningBot } from '../support/botHarness';
import { COMPLETE_ANSWERS, ReportClient } from '../support/reportFlow';

/** The Bot Framework schema's own serializer: what the SDK's generated operations put on the wire. */
const schema = createSerializer(connectorModels, false);
const onTheWire = (activity: unknown): unknown =>
  JSON.parse(
    JSON.stringify(schema.serialize({ ...connectorModels.Activity, required: true }, activity, 'activity')),
  );

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A loopback connector that records every request and answers from a script (then 201 with an id). */
async function recordingConnector(
  script: Array<{ status: number; headers?: Record<string, string>; body?: unknown }>,
) {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: JSON.parse(text) });
      const answer = script.shift() ?? { status: 201, body: { id: `activity-${requests.length}` } };
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}/teams/`;
  return {
    origin,
    url,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const APP_ID = '00000000-0000-4000-8000-0000000000b2';
/** The token a cloud-mode client would have fetched from Entra ID, put in the SDK's token cache instead. */
const CACHED_TOKEN = 'eyJ0eXAiOiJKV1QifQ.cached.token';

/**
 * A connector client as botbuilder gives it to a turn (credentials, pipeline and all): in local mode, or in cloud
 * mode with an app id and a token already in the SDK's cache (fetching one would need the internet).
 */
async function sdkClient(serviceUrl: string, mode: 'local' | 'cloud' = 'local') {
  if (mode === 'local')
    return new ConfigurationBotFrameworkAuthentication({})
      .createConnectorFactory(new ClaimsIdentity([], true))
      .create(serviceUrl, undefined);
  const client = await new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppType: 'MultiTenant',
  })
    .createConnectorFactory(new ClaimsIdentity([{ type: 'aud', value: APP_ID }], true))
    .create(serviceUrl, undefined);
  const credentials = (client as unknown as { credentials: { tokenCacheKey: string } }).credentials;
  // The SDK's process-wide token cache (private in its types, hence the cast).
  (AppCredentials as unknown as { cache: Map<string, unknown> }).cache.set(credentials.tokenCacheKey, {
    accessToken: CACHED_TOKEN,
    expiresOn: new Date(Date.now() + 3_600_000),
    tokenType: 'Bearer',
    expiresIn: 3600,
    ext_expires_in: 3600,
  });
  return client;
}

const reply: Partial<Activity> = {
  type: 'message',
  text: 'Svar',
  locale: 'sv-SE',
  from: { id: '28:bot', name: 'Trygg förtroendevald' },
  recipient: { id: '29:u', name: 'Anna', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001' },
  conversation: { id: 'a:1/ä?x', conversationType: 'personal', tenantId: 't', isGroup: false, name: '' },
  replyToId: '1:abc/def',
  attachments: [
    { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } },
  ],
  suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ja', value: 'ja' }] },
  channelData: { tenant: { id: 't' } },
  timestamp: new Date('2026-12-07T10:00:00.123Z'),
  inputHint: 'acceptingInput',
};

describe("a turn's replies as one JSON POST through the SDK client's pipeline (issue 17)", function () {
  this.timeout(60_000);

  // Service URLs as Teams gives them (a region path, with or without its slash), a bare host, and a query; a
  // 1:1 chat's id with characters to escape, and a channel thread's (`;messageid=`).
  const targets = [
    ['/teams/', 'a:1/ä?x'],
    ['/teams', 'a:1/ä?x'],
    ['', 'a:1/ä?x'],
    ['/amer/?x=1', 'a:1/ä?x'],
    ['/emea/', '19:abc@thread.tacv2;messageid=1700000000000'],
  ] as const;
  for (const operation of ['replyToActivity', 'sendToConversation'] as const) {
    for (const mode of ['local', 'cloud'] as const) {
      it(`${operation} (${mode} mode): the same requests and answers as the SDK's generated operation`, async () => {
        const connector = await recordingConnector([]);
        try {
          const send = async (client: Awaited<ReturnType<typeof sdkClient>>, conversationId: string) =>
            operation === 'replyToActivity'
              ? client.conversations.replyToActivity(conversationId, '1:abc/def', reply as Activity)
              : client.conversations.sendToConversation(conversationId, reply as Activity);
          for (const [n, [path, conversationId]] of targets.entries()) {
            const serviceUrl = connector.origin + path;
            const sdkAnswer = await send(await sdkClient(serviceUrl, mode), conversationId);
            const leanAnswer = await send(withLeanReplies(await sdkClient(serviceUrl, mode)), conversationId);
            const [sdk, lean] = connector.requests.slice(2 * n);
            assert.ok(sdk && lean);
            assert.equal(lean.method, sdk.method);
            assert.equal(lean.url, sdk.url, `same path, same escaping (${serviceUrl})`);
            for (const header of ['content-type', 'accept', 'x-ms-conversation-id', 'authorization'])
              assert.equal(lean.headers[header], sdk.headers[header], header);
            assert.equal(
              lean.headers.authorization,
              mode === 'cloud' ? `Bearer ${CACHED_TOKEN}` : undefined,
              "the client's credentials sign it",
            );
            assert.match(
              String(lean.headers['user-agent']),
              /botframework-connector/,
              "the client's pipeline",
            );
            assert.deepEqual(lean.body, sdk.body);
            assert.equal(sdkAnswer.id, `activity-${2 * n + 1}`);
            assert.deepEqual({ ...leanAnswer }, { id: `activity-${2 * n + 2}` });
          }
        } finally {
          await connector.close();
        }
      });
    }
  }

  it("keeps the pipeline's retries: a 429 with Retry-After is sent again, as the SDK does", async () => {
    const connector = await recordingConnector([{ status: 429, headers: { 'Retry-After': '0' } }]);
    try {
      const client = withLeanReplies(await sdkClient(connector.url));
      const answer = await client.conversations.replyToActivity('a:1', 'x', reply as Activity);
      assert.equal(connector.requests.length, 2, 'tried again');
      assert.equal(answer.id, 'activity-2');
    } finally {
      await connector.close();
    }
  });

  it("fails as the SDK does: a RestError with the status and the connector's error code", async () => {
    const refusal = { status: 403, body: { error: { code: 'ConversationNotFound', message: 'gone' } } };
    const connector = await recordingConnector([refusal, refusal]);
    try {
      const failure = (sending: Promise<unknown>) =>
        sending.then(
          () => assert.fail('the send should have failed'),
          (err: unknown) => err as { statusCode?: number; code?: string; name?: string },
        );
      const sdkError = await failure(
        sdkClient(connector.url).then((client) =>
          client.conversations.replyToActivity('a:1', 'x', reply as Activity),
        ),
      );
      const leanError = await failure(
        sdkClient(connector.url).then((client) =>
          withLeanReplies(client).conversations.replyToActivity('a:1', 'x', reply as Activity),
        ),
      );
      assert.equal(leanError?.name, 'RestError');
      assert.deepEqual(
        { statusCode: leanError?.statusCode, code: leanError?.code, name: leanError?.name },
        { statusCode: sdkError?.statusCode, code: sdkError?.code, name: sdkError?.name },
      );
    } finally {
      await connector.close();
    }
  });

  it("a turn's replies take the lean path; a proactive send through the same adapter stays the SDK's", async () => {
    const connector = await recordingConnector([]);
    try {
      const adapter = createAdapter({ mode: 'local' }, 'sv', createLogger('silent', new LogCapture()));
      // Only the schema's serializer drops a property outside the schema: which path sent it shows on the wire.
      const marked = { type: 'message', text: 'x', outsideTheSchema: 1 };
      const send = async (context: TurnContext) => void (await context.sendActivity(marked));
      const conversation = { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' };
      const chat = { channelId: 'msteams', serviceUrl: connector.url, conversation };
      // The proactive send first, to the same service URL: its client must not become the turns' (nor theirs its).
      await adapter.continueConversationAsync(
        '',
        { ...chat, bot: { id: '28:b', name: 'Bot' }, user: { id: '29:u', name: 'U' } },
        send,
      );
      const incoming = { ...chat, type: 'message', text: 'hej', id: 'in-1', from: { id: '29:u' } };
      await adapter.runTurn('', { ...incoming, recipient: { id: '28:b' } }, send);
      const [proactive, reply] = connector.requests;
      assert.ok(proactive && reply, `${connector.requests.length} requests`);
      assert.match(proactive.url, /^\/teams\/v3\/conversations\/a%3A1\/activities/);
      assert.equal(
        (proactive.body as Record<string, unknown>).outsideTheSchema,
        undefined,
        "the SDK's operation",
      );
      assert.equal(reply.url, '/teams/v3/conversations/a%3A1/activities/in-1');
      assert.equal((reply.body as Record<string, unknown>).outsideTheSchema, 1, 'the lean path');
    } finally {
      await connector.close();
    }
  });

  describe('every activity the bot sent in these turns is what the schema serializer would have sent', () => {
    let bot: RunningBot;
    before(async () => {
      bot = await startBot();
    });
    after(async () => {
      await bot.stop();
    });

    it('greeting, guidance, acute danger, the report dialog to its review', async () => {
      const conversation = { serviceUrl: bot.connector.url, conversationId: 'a:lean-replies' };
      for (const text of ['hej', 'nån hotar mig på fejsbuk', 'han står utanför dörren nu', 'hjälp'])
        await bot.post(message(text, conversation));
      const report = new ReportClient(bot);
      await report.say('rapportera incident');
      for (const answers of COMPLETE_ANSWERS) await report.step(answers);
      const sent = bot.connector.calls.filter((call) => call.activity).map((call) => call.activity!);
      assert.ok(sent.length >= 4 + COMPLETE_ANSWERS.length, `${sent.length} activities`);
      for (const activity of sent) assert.deepEqual(activity, onTheWire(activity));
    });
  });
});
