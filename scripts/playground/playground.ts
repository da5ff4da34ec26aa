/**
 * Starts the Microsoft 365 Agents Playground (the offline Teams emulator, @microsoft/m365agentsplayground)
 * as a child process for the e2e tests. See test/e2e/README.md for what the Playground can and cannot do.
 *
 * Two modes:
 * - single (default): one Playground whose current user is the config's `currentUser` (or `asUser`).
 * - multi-user (`users: [...]`): one Playground per listed person, each with that person as current user and
 *   their own personal chat, all advertising one loopback "connector hub" as serviceUrl. The hub routes the
 *   bot's replies: a personal chat goes to its owner's Playground, the group chat / team / channels go to every
 *   Playground, so all browser pages in the group chat see the same bot messages and card updates.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, projectRoot as PROJECT_ROOT } from '../tooling';

export { freePort };
import yaml from 'js-yaml';

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Port of the (first) Playground; a free loopback port when omitted. */
  port?: number;
  /** Base config; default `.m365agentsplayground.yml` at the project root. */
  configPath?: string;
  /** Single mode: run as this person (display name, id or aadObjectId) instead of the config's currentUser. */
  asUser?: string;
  /** Multi-user mode: one Playground per person listed (display names, ids or aadObjectIds). */
  users?: string[];
  /** Extra environment for the Playground process(es). */
  env?: Record<string, string>;
  /** Milliseconds to wait for each Playground to answer; default 30 000. */
  startTimeoutMs?: number;
}

export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipleName: string;
  givenName: string;
  surname: string;
  email: string;
}

/** The parsed config file (schema 0.1.1 of the Playground). */
export interface PlaygroundConfigFile {
  version: string;
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: Array<{ id: string; name: string }> };
}

/** An activity the bot sent to the connector (multi-user mode only: it passes through the hub). */
export interface BotActivityRecord {
  method: string;
  path: string;
  conversationId: string;
  activity: Record<string, unknown>;
  /** Display names of the people whose Playground received it (empty: nobody's Playground is running). */
  deliveredTo: string[];
  at: number;
}

export interface PlaygroundHandle {
  /** URL of the (first) Playground's web UI. */
  url: string;
  /** The people that have a Playground (display names); `url` belongs to the first. */
  users: string[];
  config: PlaygroundConfigFile;
  /** Web UI URL for one person (display name, id or aadObjectId); throws when that person has no Playground. */
  urlFor(user: string): string;
  /** The person whose Playground serves `url` (origin match), if any. */
  userForUrl(url: string): PlaygroundUser | undefined;
  /** Conversation id of a person's personal chat with the bot. */
  personalChatIdFor(user: string): string;
  /** Conversation id of the group chat (same for everyone). */
  groupChatId: string;
  /** What the bot sent through the hub (multi-user mode; empty in single mode). */
  botActivities: BotActivityRecord[];
  /** Resolves with the first (past or future) activity the bot sent that matches; multi-user mode only. */
  waitForBotActivity(
    predicate: (record: BotActivityRecord) => boolean,
    timeoutMs?: number,
  ): Promise<BotActivityRecord>;
  /** Recent stdout/stderr of the Playground process(es), for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

const BIND_HOST = '127.0.0.1';

/** The project root (kept as a function: the E2E support calls it). */
export const projectRoot = (): string => PROJECT_ROOT;

export const DEFAULT_CONFIG_PATH = (): string => path.join(projectRoot(), '.m365agentsplayground.yml');

export function readPlaygroundConfig(configPath = DEFAULT_CONFIG_PATH()): PlaygroundConfigFile {
  return yaml.load(fs.readFileSync(configPath, 'utf8')) as PlaygroundConfigFile;
}

/** Everyone in the config: currentUser first, then `users`. */
export function allUsers(config: PlaygroundConfigFile): PlaygroundUser[] {
  return [config.currentUser, ...config.users];
}

export function findUser(config: PlaygroundConfigFile, who: string): PlaygroundUser {
  const key = who.trim().toLowerCase();
  const user = allUsers(config).find(
    (u) => u.name.toLowerCase() === key || u.id.toLowerCase() === key || u.aadObjectId.toLowerCase() === key,
  );
  if (!user) {
    throw new Error(
      `no user "${who}" in the Playground config (${allUsers(config)
        .map((u) => u.name)
        .join(', ')})`,
    );
  }
  return user;
}

/** Personal chat id per person: the config's own for its currentUser, "a:personal-<user id>" for the rest. */
export function personalChatIdOf(config: PlaygroundConfigFile, user: PlaygroundUser): string {
  return user.id === config.currentUser.id ? config.personalChat.id : `a:personal-${user.id}`;
}

/** The same Teams context seen by another person: they become currentUser, the old currentUser joins `users`. */
export function configForUser(config: PlaygroundConfigFile, who: string): PlaygroundConfigFile {
  const me = findUser(config, who);
  return {
    ...config,
    currentUser: me,
    users: allUsers(config).filter((u) => u.id !== me.id),
    personalChat: { id: personalChatIdOf(config, me) },
  };
}

function playgroundCli(): string {
  const pkg = require.resolve('@microsoft/m365agentsplayground/package.json');
  return path.join(path.dirname(pkg), 'cli.js');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Process groups still running, killed if the test process exits without stop(). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const group of liveGroups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });
}

interface Instance {
  user: PlaygroundUser;
  port: number;
  origin: string;
  personalChatId: string;
  child: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

async function waitForPing(origin: string, deadline: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error('the Playground process exited');
    try {
      const res = await fetch(`${origin}/_debug/ping`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok && (await res.text()).includes('pong')) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${origin}/_debug/ping`);
    await sleep(100);
  }
}

async function spawnInstance(args: {
  botEndpoint: string;
  port: number;
  config: PlaygroundConfigFile;
  user: PlaygroundUser;
  serviceUrl?: string;
  workDir: string;
  env?: Record<string, string>;
  startTimeoutMs: number;
}): Promise<Instance> {
  const { port, workDir, user } = args;
  const origin = `http://${BIND_HOST}:${port}`;
  // JSON is YAML: the Playground's loader reads this as its config file.
  const configFile = path.join(workDir, `config-${port}.yml`);
  fs.writeFileSync(configFile, JSON.stringify(args.config, null, 2));
  const preload = path.join(__dirname, 'loopbackPreload.js');
  const cliArgs = [
    ...(fs.existsSync(preload) ? ['-r', preload] : []),
    playgroundCli(),
    'start',
    '--app-endpoint',
    args.botEndpoint,
    '--port',
    String(port),
    '--channel-id',
    'msteams',
    '--service-url',
    args.serviceUrl ?? `${origin}/_connector`,
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, cliArgs, {
    cwd: workDir, // the Playground writes ./devTools/… relative to its cwd
    detached: true, // own process group, so stop() can end it and anything it spawned
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none', // never try to open a browser
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workDir, `playground-${port}.log`),
      BOT_ENDPOINT: args.botEndpoint,
      LANG: 'sv_SE.UTF-8', // client locale sv-SE (activities still carry en-US)
      PLAYGROUND_BIND_HOST: BIND_HOST,
      ...args.env,
    },
  });
  const output: string[] = [];
  let listening: number | undefined;
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 300) output.shift();
      const match = /Listening on (\d+)/.exec(line);
      if (match) listening = Number(match[1]);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  if (child.pid === undefined) throw new Error('could not spawn the Playground');
  const pid = child.pid;
  trackGroup(pid);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      const done = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!done) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        await exited;
      }
    }
    // Anything left in the group (the Playground spawns nothing today, but be sure).
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    liveGroups.delete(pid);
  };

  try {
    const deadline = Date.now() + args.startTimeoutMs;
    await waitForPing(origin, deadline, child);
    // The Playground silently moves to a random port when the asked-for one is taken.
    while (listening === undefined && Date.now() < deadline) await sleep(50);
    if (listening !== undefined && listening !== port) {
      throw new Error(`port ${port} was taken; the Playground moved to ${listening}`);
    }
  } catch (error) {
    await stop();
    throw new Error(
      `Playground for ${user.name} did not start: ${(error as Error).message}\n${output.join('\n')}`,
      {
        cause: error,
      },
    );
  }
  return { user, port, origin, personalChatId: args.config.personalChat.id, child, output, stop };
}

/**
 * Routes the bot's connector calls (serviceUrl = hub) to the Playgrounds: personal chats to their owner,
 * shared conversations (group chat, team, channels) to all, remapping activity ids per Playground.
 */
class ConnectorHub {
  readonly records: BotActivityRecord[] = [];
  private readonly waiters = new Set<(record: BotActivityRecord) => void>();
  /** Any Playground's activity id → that activity's id in every Playground. */
  private readonly idGroups = new Map<string, Map<number, string>>();
  private server?: http.Server;
  port = 0;

  constructor(
    private readonly config: PlaygroundConfigFile,
    private readonly instances: () => Instance[],
  ) {}

  async start(port: number): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'HubError', message: error.message } }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, BIND_HOST, () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  waitFor(predicate: (record: BotActivityRecord) => boolean, timeoutMs: number): Promise<BotActivityRecord> {
    const seen = this.records.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = (record: BotActivityRecord) => {
        if (!predicate(record)) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(record);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`the bot sent no matching activity within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private record(method: string, urlPath: string, conversationId: string, body: Buffer, to: Instance[]) {
    let activity: Record<string, unknown> = {};
    try {
      activity = JSON.parse(body.toString() || '{}');
    } catch {
      /* not JSON */
    }
    const record: BotActivityRecord = {
      method,
      path: urlPath,
      conversationId,
      activity,
      deliveredTo: to.map((i) => i.user.name),
      at: Date.now(),
    };
    this.records.push(record);
    for (const waiter of [...this.waiters]) waiter(record);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', `http://${BIND_HOST}`);
    const instances = this.instances();
    const match = /^\/_connector\/v3\/conversations\/([^/]+)(?:\/activities(?:\/([^/]+))?)?/.exec(
      url.pathname,
    );

    // createConversation: Teams answers a 1:1 request with that person's existing personal chat id.
    if (method === 'POST' && /^\/_connector\/v3\/conversations\/?$/.test(url.pathname)) {
      const payload = JSON.parse(body.toString() || '{}') as {
        isGroup?: boolean;
        members?: Array<{ id?: string; aadObjectId?: string }>;
      };
      const member = payload.members?.[0];
      const who = member && (member.aadObjectId || member.id);
      const user = who ? allUsers(this.config).find((u) => u.id === who || u.aadObjectId === who) : undefined;
      if (!payload.isGroup && user) {
        const id = personalChatIdOf(this.config, user);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id, activityId: randomUUID() }));
        return;
      }
      return this.forward(instances[0]!, method, url, req, body, res);
    }
    if (!match) return this.forward(instances[0]!, method, url, req, body, res);

    const conversationId = decodeURIComponent(match[1]!);
    const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const isActivityWrite = url.pathname.includes('/activities') && method !== 'GET';
    const personalOwner = allUsers(this.config).find(
      (u) => personalChatIdOf(this.config, u) === conversationId,
    );

    if (personalOwner) {
      const owner = instances.find((i) => i.user.id === personalOwner.id);
      if (isActivityWrite) this.record(method, url.pathname, conversationId, body, owner ? [owner] : []);
      if (owner) return this.forward(owner, method, url, req, body, res);
      if (method === 'GET') return this.forward(instances[0]!, method, url, req, body, res);
      // Nobody has this person's Playground open: accept and keep it in botActivities only.
      res.writeHead(method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: activityId ?? randomUUID() }));
      return;
    }

    if (method === 'GET') return this.forward(instances[0]!, method, url, req, body, res);

    // Shared conversation: every Playground gets it, each under its own activity ids.
    const group = activityId ? this.idGroups.get(activityId) : undefined;
    const results: Array<{ index: number; status: number; text: string; headers: Headers }> = [];
    const deliveredTo: Instance[] = [];
    await Promise.all(
      instances.map(async (instance, index) => {
        let target = url.pathname;
        if (activityId) {
          const mapped = group ? group.get(index) : activityId;
          const base = `/_connector/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
          if (mapped)
            target = `${base}/${encodeURIComponent(mapped)}${url.pathname
              .split('/')
              .slice(7)
              .map((s) => `/${s}`)
              .join('')}`;
          else if (method === 'POST')
            target = base; // a reply to a message this Playground never saw
          else return; // update/delete of a message this Playground never saw
        }
        const response = await fetch(`${instance.origin}${target}${url.search}`, {
          method,
          headers: forwardHeaders(req),
          body: method === 'GET' || method === 'HEAD' ? undefined : body,
        });
        results.push({
          index,
          status: response.status,
          text: await response.text(),
          headers: response.headers,
        });
        if (response.ok) deliveredTo.push(instance);
      }),
    );
    if (isActivityWrite) this.record(method, url.pathname, conversationId, body, deliveredTo);
    results.sort((a, b) => a.index - b.index);
    if (method === 'POST') {
      const ids = new Map<number, string>();
      for (const result of results) {
        try {
          const id = (JSON.parse(result.text) as { id?: string }).id;
          if (id) ids.set(result.index, id);
        } catch {
          /* no id */
        }
      }
      for (const id of ids.values()) this.idGroups.set(id, ids);
    }
    const primary = results.find((r) => r.status < 300) ?? results[0];
    if (!primary) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NotFound', message: 'no Playground knows that activity' } }));
      return;
    }
    res.writeHead(primary.status, {
      'Content-Type': primary.headers.get('content-type') ?? 'application/json',
    });
    res.end(primary.text);
  }

  private async forward(
    instance: Instance,
    method: string,
    url: URL,
    req: http.IncomingMessage,
    body: Buffer,
    res: http.ServerResponse,
  ): Promise<void> {
    const response = await fetch(`${instance.origin}${url.pathname}${url.search}`, {
      method,
      headers: forwardHeaders(req),
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
    });
    const text = await response.text();
    res.writeHead(response.status, {
      'Content-Type': response.headers.get('content-type') ?? 'application/json',
    });
    res.end(text);
  }
}

function forwardHeaders(req: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'authorization', 'accept']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/** Origin → (handle, person), so browser helpers can find the Playground behind a page (switchUser). */
const registry = new Map<string, { handle: PlaygroundHandle; user: PlaygroundUser }>();

export function playgroundForUrl(
  url: string,
): { handle: PlaygroundHandle; user: PlaygroundUser } | undefined {
  try {
    return registry.get(new URL(url).origin);
  } catch {
    return undefined;
  }
}

/**
 * Spawns the Playground CLI from node_modules (never npx), waits until it answers, and returns its URL.
 * stop() ends each Playground's whole process group.
 */
export async function startPlayground(opts: StartPlaygroundOptions): Promise<PlaygroundHandle> {
  const baseConfig = readPlaygroundConfig(opts.configPath ?? DEFAULT_CONFIG_PATH());
  const multi = opts.users !== undefined;
  const people = multi
    ? opts.users!.map((who) => findUser(baseConfig, who))
    : [findUser(baseConfig, opts.asUser ?? baseConfig.currentUser.id)];
  if (people.length === 0) throw new Error('users: list at least one person');
  const startTimeoutMs = opts.startTimeoutMs ?? 30_000;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agents-playground-'));
  const instances: Instance[] = [];
  const hub = multi ? new ConnectorHub(baseConfig, () => instances) : undefined;

  const stop = async () => {
    for (const instance of instances) registry.delete(instance.origin);
    await Promise.all(instances.map((i) => i.stop()));
    await hub?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  };

  try {
    if (hub) await hub.start(0);
    const ports: number[] = [];
    for (let i = 0; i < people.length; i++) {
      ports.push(i === 0 && opts.port !== undefined ? opts.port : await freePort());
    }
    const started = await Promise.all(
      people.map(async (person, i) => {
        const config =
          person.id === baseConfig.currentUser.id ? baseConfig : configForUser(baseConfig, person.id);
        for (let attempt = 0; ; attempt++) {
          try {
            return await spawnInstance({
              botEndpoint: opts.botEndpoint,
              port: ports[i]!,
              config,
              user: person,
              ...(hub ? { serviceUrl: `http://${BIND_HOST}:${hub.port}/_connector` } : {}),
              workDir,
              ...(opts.env ? { env: opts.env } : {}),
              startTimeoutMs,
            });
          } catch (error) {
            // Lost a race for a port we picked: pick another (a port the caller fixed is not retried).
            if (attempt >= 2 || (i === 0 && opts.port !== undefined) || !/was taken/.test(String(error)))
              throw error;
            ports[i] = await freePort();
          }
        }
      }),
    );
    instances.push(...started);
  } catch (error) {
    await stop();
    throw error;
  }

  const handle: PlaygroundHandle = {
    url: `${instances[0]!.origin}/`,
    users: instances.map((i) => i.user.name),
    config: baseConfig,
    urlFor(who) {
      const user = findUser(baseConfig, who);
      const instance = instances.find((i) => i.user.id === user.id);
      if (!instance) {
        throw new Error(
          `${user.name} has no Playground here: start it with users: [${[...handle.users, user.name].map((n) => `'${n}'`).join(', ')}]`,
        );
      }
      return `${instance.origin}/`;
    },
    userForUrl(url) {
      return playgroundForUrl(url)?.user;
    },
    personalChatIdFor: (who) => personalChatIdOf(baseConfig, findUser(baseConfig, who)),
    groupChatId: baseConfig.groupChat.id,
    botActivities: hub ? hub.records : [],
    waitForBotActivity(predicate, timeoutMs = 15_000) {
      if (!hub) return Promise.reject(new Error('waitForBotActivity needs multi-user mode (users: [...])'));
      return hub.waitFor(predicate, timeoutMs);
    },
    logs: () => instances.map((i) => `--- ${i.user.name} (${i.origin})\n${i.output.join('\n')}`).join('\n'),
    stop,
  };
  for (const instance of instances) registry.set(instance.origin, { handle, user: instance.user });
  return handle;
}
