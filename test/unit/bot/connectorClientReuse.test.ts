import assert from 'node:assert/strict';
import type {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  Request as BotRequest,
  Response as BotResponse,
  TurnContext,
} from 'botbuilder';
import { createAdapter } from '../../../src/bot/adapter';
import { createLogger } from '../../../src/core/logging/logger';
import { LogCapture } from '../../support/botHarness';

/** The outbound clients a turn got from the adapter (what a reply is sent with). */
interface TurnClients {
  connector: unknown;
  userToken: unknown;
}

/** Runs one unauthenticated (local mode) turn through the adapter, without HTTP, and returns its clients. */
async function turnClients(adapter: CloudAdapter, serviceUrl: string): Promise<TurnClients> {
  let clients: TurnClients | undefined;
  const request: BotRequest = {
    body: { type: 'message', text: 'hej', serviceUrl, channelId: 'msteams', conversation: { id: 'a:1' } },
    headers: {},
    method: 'POST',
  };
  const response = {
    status: () => response,
    send: () => response,
    end: () => response,
    header: () => response,
  };
  await adapter.process(request, response as unknown as BotResponse, async (context: TurnContext) => {
    clients = {
      connector: context.turnState.get(adapter.ConnectorClientKey),
      userToken: context.turnState.get(adapter.UserTokenClientKey),
    };
  });
  assert.ok(clients?.connector && clients.userToken, 'the turn ran with its clients');
  return clients;
}

/**
 * Issue #17: CloudAdapter made a connector client and a user-token client (credentials and an Azure HTTP
 * pipeline each) for every turn. They depend only on the app id, service URL and audience, so they are reused.
 */
describe('adapter: outbound clients are reused across turns', () => {
  const adapter = createAdapter({ mode: 'local' }, 'sv', createLogger('silent', new LogCapture()));

  it('gives turns from the same service URL the same clients', async () => {
    const first = await turnClients(adapter, 'http://127.0.0.1:3978/');
    const second = await turnClients(adapter, 'http://127.0.0.1:3978/');
    assert.equal(second.connector, first.connector);
    assert.equal(second.userToken, first.userToken);
  });

  it('gives another service URL its own connector client', async () => {
    const one = await turnClients(adapter, 'http://127.0.0.1:3978/');
    const other = await turnClients(adapter, 'http://127.0.0.1:3979/');
    assert.notEqual(other.connector, one.connector);
    assert.equal((other.connector as { baseUri?: string }).baseUri, 'http://127.0.0.1:3979/');
  });
});

describe('adapter: the kept clients are bounded', () => {
  it('makes the first service URL a new client again after 64 others', async () => {
    const adapter = createAdapter({ mode: 'local' }, 'sv', createLogger('silent', new LogCapture()));
    const first = await turnClients(adapter, 'http://127.0.0.1:4000/');
    for (let port = 4001; port <= 4064; port++) await turnClients(adapter, `http://127.0.0.1:${port}/`);
    const again = await turnClients(adapter, 'http://127.0.0.1:4000/');
    assert.notEqual(again.connector, first.connector);
  });
});

describe('adapter: the kept client is the same app id and audience only', () => {
  const adapter = createAdapter({ mode: 'local' }, 'sv', createLogger('silent', new LogCapture()));
  const auth = (adapter as unknown as { botFrameworkAuthentication: ConfigurationBotFrameworkAuthentication })
    .botFrameworkAuthentication;
  type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
  // An authenticated identity whose token was issued for `appId` (the shape botbuilder reads).
  const claims = (appId: string) =>
    ({
      claims: [{ type: 'aud', value: appId }],
      isAuthenticated: true,
      getClaimValue: (type: string) => (type === 'aud' ? appId : null),
    }) as unknown as Claims;

  it('never hands a client made for one app id or audience to another', async () => {
    const url = 'http://127.0.0.1:3978/';
    const own = await auth.createConnectorFactory(claims('')).create(url, undefined);
    assert.equal(await auth.createConnectorFactory(claims('')).create(url, undefined), own);
    // botbuilder makes no credentials for another app id: refused, or at least not the kept client.
    const other = await auth
      .createConnectorFactory(claims('another-app'))
      .create(url, undefined)
      .catch(() => 'refused');
    assert.notEqual(other, own);
    const otherAudience = await auth
      .createConnectorFactory(claims(''))
      .create(url, 'https://api.example/')
      .catch(() => 'refused');
    assert.notEqual(otherAudience, own);
  });
});
