import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId?: string;
  activity?: Record<string, unknown> & {
    type?: string;
    text?: string;
    attachments?: Array<{ content: unknown }>;
  };
  at: number;
}

export interface ScriptedFailure {
  status: number;
  retryAfterSeconds?: number;
  times: number;
  /** Only requests to this conversation fail (default: any request). */
  conversationId?: string;
  /** Only "create conversation" requests (POST /v3/conversations) fail. */
  createConversation?: boolean;
}

/** A 1:1 conversation the bot opened with POST /v3/conversations. */
export interface CreatedConversation {
  id: string;
  memberIds: string[];
  tenantId?: string;
  botId?: string;
}

/**
 * A loopback stand-in for the Bot Connector service: records every activity the bot sends and can be told to
 * fail (429 with Retry-After, 5xx, 403) so delivery and error paths are tested over real HTTP.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Requests answered with a scripted failure. */
  readonly failedCalls: Array<{ conversationId: string | undefined; status: number; at: number }> = [];
  /** Conversations the bot created; creating one again for the same member returns the same id, as Teams does. */
  readonly createdConversations: CreatedConversation[] = [];
  /** Requests accepted and never answered (see hangNext), with the activity they carried. */
  readonly hungCalls: ConnectorCall[] = [];
  private failures: ScriptedFailure[] = [];
  private hangs: Array<{ conversationId?: string; times: number }> = [];
  private server?: http.Server;
  private nextId = 1;
  private listeners: Array<() => void> = [];

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('fake connector is not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `times` requests fail with `status`. */
  failNext(failure: ScriptedFailure): void {
    this.failures.push({ ...failure });
  }

  /**
   * The next `times` requests (to `conversationId`, or any) are read and never answered: a hung connection,
   * as a stalled Teams front end gives. They stay open until the client gives up or stop() cuts them.
   */
  hangNext(hang: { conversationId?: string; times: number }): void {
    this.hangs.push({ ...hang });
  }

  /** Activities sent to one conversation, in order. */
  activitiesIn(conversationId: string): NonNullable<ConnectorCall['activity']>[] {
    return this.calls
      .filter((call) => call.conversationId === conversationId && call.activity)
      .map((call) => call.activity!);
  }

  /** Waits until `predicate` holds over the recorded calls (checked on every new call). */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`fake connector: condition not met within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.listeners.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  private createConversation(parameters: Record<string, unknown>, id: string): string {
    const members = ((parameters.members as Array<{ id: string }> | undefined) ?? []).map((m) => m.id);
    const existing = this.createdConversations.find(
      (c) => c.memberIds.length === members.length && c.memberIds.every((m, i) => m === members[i]),
    );
    if (existing) return existing.id;
    const created: CreatedConversation = {
      id: `a:created-${id}`,
      memberIds: members,
      ...(typeof parameters.tenantId === 'string' ? { tenantId: parameters.tenantId } : {}),
      ...(parameters.bot ? { botId: (parameters.bot as { id: string }).id } : {}),
    };
    this.createdConversations.push(created);
    return created.id;
  }

  reset(): void {
    this.calls.length = 0;
    this.failures = [];
    this.hangs = [];
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const conversation = /^\/v3\/conversations\/([^/]+)/.exec(req.url ?? '')?.[1];
      const target = conversation ? decodeURIComponent(conversation) : undefined;
      const creating = req.method === 'POST' && (req.url ?? '').replace(/\/$/, '') === '/v3/conversations';
      const index = this.failures.findIndex((f) =>
        f.createConversation ? creating : !f.conversationId || f.conversationId === target,
      );
      const hangIndex = this.hangs.findIndex((h) => !h.conversationId || h.conversationId === target);
      if (hangIndex >= 0) {
        if (--this.hangs[hangIndex]!.times <= 0) this.hangs.splice(hangIndex, 1);
        this.hungCalls.push({
          method: req.method ?? '',
          path: req.url ?? '',
          ...(target ? { conversationId: target } : {}),
          ...(raw ? { activity: JSON.parse(raw) } : {}),
          at: Date.now(),
        });
        this.listeners.splice(0).forEach((notify) => notify());
        return; // never answered
      }
      const failure = index >= 0 ? this.failures[index] : undefined;
      if (failure) {
        this.failedCalls.push({ conversationId: target, status: failure.status, at: Date.now() });
        if (--failure.times <= 0) this.failures.splice(index, 1);
        if (failure.retryAfterSeconds !== undefined)
          res.setHeader('Retry-After', String(failure.retryAfterSeconds));
        res.writeHead(failure.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'Scripted', message: `scripted ${failure.status}` } }));
        return;
      }
      const path = req.url ?? '';
      const match = /^\/v3\/conversations\/([^/]+)/.exec(path);
      const call: ConnectorCall = {
        method: req.method ?? '',
        path,
        ...(match?.[1] ? { conversationId: decodeURIComponent(match[1]) } : {}),
        ...(raw ? { activity: JSON.parse(raw) } : {}),
        at: Date.now(),
      };
      this.calls.push(call);
      const id = `activity-${this.nextId++}`;
      if (creating) {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: this.createConversation(call.activity ?? {}, id) }));
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id }));
      }
      this.listeners.splice(0).forEach((notify) => notify());
    });
  }
}
