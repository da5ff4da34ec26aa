import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSerializer } from '@azure/core-client';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import * as connectorModels from 'botframework-connector/lib/connectorApi/models/mappers';
import { withLeanReplies } from '../../src/bot/connectorReplies';
import { message } from '../support/activities';
import { startBot, type RunningBot } from '../support/botHarness';
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
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/teams/`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A connector client as a local-mode turn gets it from botbuilder (credentials, pipeline and all). */
function sdkClient(serviceUrl: string) {
  const factory = new ConfigurationBotFrameworkAuthentication({}).createConnectorFactory(
    new ClaimsIdentity([], true),
  );
  return factory.create(serviceUrl, undefined);
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

  for (const operation of ['replyToActivity', 'sendToConversation'] as const) {
    it(`${operation}: the same request and answer as the SDK's generated operation`, async () => {
      const connector = await recordingConnector([]);
      try {
        const send = async (client: Awaited<ReturnType<typeof sdkClient>>) =>
          operation === 'replyToActivity'
            ? client.conversations.replyToActivity('a:1/ä?x', '1:abc/def', reply as Activity)
            : client.conversations.sendToConversation('a:1/ä?x', reply as Activity);
        const sdkAnswer = await send(await sdkClient(connector.url));
        const leanAnswer = await send(withLeanReplies(await sdkClient(connector.url)));
        const [sdk, lean] = connector.requests;
        assert.ok(sdk && lean);
        assert.equal(lean.method, sdk.method);
        assert.equal(lean.url, sdk.url, 'same path, same escaping');
        for (const header of ['content-type', 'accept', 'x-ms-conversation-id', 'authorization'])
          assert.equal(lean.headers[header], sdk.headers[header], header);
        assert.match(String(lean.headers['user-agent']), /botframework-connector/, "the client's pipeline");
        assert.deepEqual(lean.body, sdk.body);
        assert.deepEqual({ ...leanAnswer }, { id: 'activity-2' });
        assert.equal(sdkAnswer.id, 'activity-1');
      } finally {
        await connector.close();
      }
    });
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
