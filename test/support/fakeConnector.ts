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
  /** The id the connector gave the new activity (POST): a later press on its card carries it as replyToId. */
  id?: string;
}

export interface ScriptedFailure {
  status: number;
  retryAfterSeconds?: number;
  times: number;
  /** Only requests to this conversation fail (default: any request). */
  conversationId?: string;
  /** Only "create conversation" requests (POST /v3/conversations) fail. */
  createConversation?: boolean;
  /** Teams' error code in the body (`{ error: { code } }`), e.g. ConversationNotFound. */
  errorCode?: string;
  /** An outage: fails every matching request while this holds (then `times` is ignored). */
  while?: () => boolean;
}

/**
 * A connection that misbehaves instead of answering with an error: `hang` never answers, `slow` answers after
 * `delayMs` (and takes the activity only if the caller is still there), `resetAfterAccept` takes the
 * activity and then drops the connection without an answer.
 */
export interface ScriptedBehaviour {
  kind: 'hang' | 'slow' | 'resetAfterAccept';
  conversationId?: string;
  delayMs?: number;
  times: number;
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
  /** Requests that were never answered (hung) or that the caller gave up before the slow answer. */
  readonly unansweredCalls: Array<{ conversationId: string | undefined; kind: string; at: number }> = [];
  private failures: ScriptedFailure[] = [];
  private behaviours: ScriptedBehaviour[] = [];
  private hung = new Set<http.ServerResponse>();
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

  /** The next `times` requests (to one conversation, if given) hang, answer slowly or are reset. */
  misbehave(behaviour: ScriptedBehaviour): void {
    this.behaviours.push({ ...behaviour });
  }

  /** Answers every hung request with 200, as a connection that finally comes back would. */
  releaseHung(): void {
    for (const res of this.hung) if (!res.writableEnded) res.writeHead(200).end('{}');
    this.hung.clear();
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
    this.behaviours = [];
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const conversation = /^\/v3\/conversations\/([^/]+)/.exec(req.url ?? '')?.[1];
      const target = conversation ? decodeURIComponent(conversation) : undefined;
      const creating = req.method === 'POST' && (req.url ?? '').replace(/\/$/, '') === '/v3/conversations';
      this.failures = this.failures.filter((f) => !f.while || f.while());
      const index = this.failures.findIndex((f) =>
        f.createConversation ? creating : !f.conversationId || f.conversationId === target,
      );
      const failure = index >= 0 ? this.failures[index] : undefined;
      if (failure) {
        this.failedCalls.push({ conversationId: target, status: failure.status, at: Date.now() });
        if (!failure.while && --failure.times <= 0) this.failures.splice(index, 1);
        if (failure.retryAfterSeconds !== undefined)
          res.setHeader('Retry-After', String(failure.retryAfterSeconds));
        res.writeHead(failure.status, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { code: failure.errorCode ?? 'Scripted', message: `scripted ${failure.status}` },
          }),
        );
        return;
      }
      const behaviourIndex = this.behaviours.findIndex(
        (b) => !creating && (!b.conversationId || b.conversationId === target),
      );
      const behaviour = behaviourIndex >= 0 ? this.behaviours[behaviourIndex] : undefined;
      if (behaviour && --behaviour.times <= 0) this.behaviours.splice(behaviourIndex, 1);
      if (behaviour?.kind === 'hang') {
        this.unansweredCalls.push({ conversationId: target, kind: 'hang', at: Date.now() });
        this.hung.add(res);
        return;
      }
      if (behaviour?.kind === 'slow') {
        let gone = false;
        res.on('close', () => (gone = !res.writableEnded));
        setTimeout(() => {
          if (gone) this.unansweredCalls.push({ conversationId: target, kind: 'slow', at: Date.now() });
          else this.accept(req, res, raw, creating);
        }, behaviour.delayMs ?? 1_000);
        return;
      }
      if (behaviour?.kind === 'resetAfterAccept') {
        this.record(req, raw);
        req.socket.destroy();
        return;
      }
      this.accept(req, res, raw, creating);
    });
  }

  private record(req: http.IncomingMessage, raw: string): ConnectorCall {
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
    this.listeners.splice(0).forEach((notify) => notify());
    return call;
  }

  private accept(req: http.IncomingMessage, res: http.ServerResponse, raw: string, creating: boolean): void {
    const call = this.record(req, raw);
    const id = `activity-${this.nextId++}`;
    if (req.method === 'POST') call.id = id;
    if (creating) {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: this.createConversation(call.activity ?? {}, id) }));
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id }));
    }
  }
}
