import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { assertEntryIsLoader } from '../scripts/bundleEntry';
import { freePort, npmStartFlags } from '../scripts/tooling';
import { azuriteConnectionString } from '../src/core/storage/tableService';
import { botInstalled, cardSubmit, message } from '../test/support/activities';
import { FakeConnector } from '../test/support/fakeConnector';
import { COMPLETE_ANSWERS, findActions } from '../test/support/reportFlow';
import {
  echoMixed,
  mixed,
  newConversation,
  scenarios,
  type BotName,
  type Conversation,
  type Scenario,
} from './scenarios';
import { BAR_HEADER, barRows, type Measured } from './bars';
import { percentile, table } from './stats';
import { SUBMIT_TO_ALERT_HEADER, submitToAlertRows } from './submitToAlert';
import { mainThreadCpuMs, sideBySideSummary, type Block } from './sideBySide';
import {
  C1_ROUNDS,
  C50_ROUNDS,
  describeRounds,
  interleavedRounds,
  type RoundsResult,
  type RunMeasured,
} from './rounds';

const ROOT = path.resolve(__dirname, '..', '..');
const TURN_TIMEOUT_MS = 10_000;
const MAX_ERRORS = 5; // per phase: stop issuing turns after this many failures
/** No phase issues turns for longer than this, however many it was asked for. */
const PHASE_DEADLINE_MS = 180_000;
/** The memory rows: RSS after this many mixed turns, and after twice as many (growth between the two). */
const MEMORY_HALF_TURNS = 5_000;
const MEMORY_CONCURRENCY = 20;
/**
 * Each phase is preceded by an unmeasured warm-up at the same concurrency: besides JIT, that opens the keep-alive
 * connections the phase will use. Without it the first turn of each of the 50 conversations pays a burst of 50
 * connection set-ups, and those turns alone (up to ~2 s) made up the p99.
 */
const warmupTurns = (concurrency: number) => Math.max(200, concurrency * 5);
const PHASES = [
  { concurrency: 1, turns: 300 },
  { concurrency: 50, turns: 2000 },
];

// ---- child processes -------------------------------------------------------------------------------------

interface Child {
  name: string;
  proc: ChildProcess;
  tail: string[];
}
const children: Child[] = [];
// Last resort, also when the bench itself is interrupted: no child outlives it.
process.on('exit', () => children.forEach(({ proc }) => alive(proc) && proc.kill('SIGKILL')));
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

function alive(proc: ChildProcess): boolean {
  return proc.exitCode === null && proc.signalCode === null;
}

/** Spawns `node args…`; keeps the last output lines for error messages and forwards them to stderr if `echo`. */
function startChild(name: string, args: string[], env: Record<string, string>, echo: boolean): Child {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child: Child = { name, proc, tail: [] };
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      child.tail.push(line);
      if (child.tail.length > 20) child.tail.shift();
      if (echo) process.stderr.write(`[${name}] ${line}\n`);
    }
  };
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  children.push(child);
  return child;
}

async function stopChild({ proc }: Child): Promise<void> {
  if (!alive(proc)) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGINT');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitUntil(
  child: Child,
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
  pollMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (!alive(child.proc) || Date.now() > deadline) {
      throw new Error(
        `${child.name}: ${what} (exit ${child.proc.exitCode ?? child.proc.signalCode ?? 'timeout'})\n${child.tail.join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function rssMb(pid: number | undefined): string {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? (Number(kb) / 1024).toFixed(0) : '?';
  } catch {
    return '?';
  }
}

// ---- HTTP client and reply tracking ----------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** POSTs JSON; resolves with the status once the response body has been read. */
function post(url: string, body: unknown): Promise<number> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length },
      },
      (res) =>
        res
          .resume()
          .once('end', () => resolve(res.statusCode ?? 0))
          .once('error', reject),
    );
    req.once('error', reject);
    req.end(payload);
  });
}

/** Counts the bot's activities per conversation as the fake connector records them, and wakes waiting turns. */
class ReplyTracker {
  private cursor = 0;
  private stopped = false;
  private readonly counts = new Map<string, number>();
  private readonly waiters = new Map<
    string,
    { target: number; timer: NodeJS.Timeout; resolve: (at: number) => void }
  >();
  private readonly loop: Promise<void>;

  constructor(private readonly connector: FakeConnector) {
    // One dispatcher re-checked on every recorded call: O(new calls), however many turns are waiting.
    this.loop = (async () => {
      while (!this.stopped) {
        await connector.waitFor(() => (this.drain(), this.stopped), 500).catch(() => undefined);
      }
    })();
  }

  count(conversationId: string): number {
    return this.counts.get(conversationId) ?? 0;
  }

  /** Resolves with performance.now() when the conversation has received `target` activities in total. */
  waitFor(conversationId: string, target: number, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(conversationId);
        reject(
          new Error(`no reply within ${timeoutMs} ms (${this.count(conversationId)}/${target} activities)`),
        );
      }, timeoutMs);
      this.waiters.set(conversationId, { target, timer, resolve });
      this.drain();
    });
  }

  forget(conversationId: string): void {
    clearTimeout(this.waiters.get(conversationId)?.timer);
    this.waiters.delete(conversationId);
  }

  /** Between phases only: drops recorded calls so memory and scans stay small. */
  reset(): void {
    this.connector.reset();
    this.cursor = 0;
    this.counts.clear();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private drain(): void {
    const calls = this.connector.calls;
    const now = performance.now();
    for (; this.cursor < calls.length; this.cursor++) {
      const { conversationId: id, activity } = calls[this.cursor]!;
      if (!id || !activity || activity.type === 'typing') continue;
      const n = this.count(id) + 1;
      this.counts.set(id, n);
      const waiter = this.waiters.get(id);
      if (waiter && n >= waiter.target) {
        this.forget(id);
        waiter.resolve(now);
      }
    }
  }
}

// ---- running scenarios -----------------------------------------------------------------------------------

interface PhaseResult {
  latencies: number[];
  errors: number;
  firstError?: string;
  seconds: number;
}

async function turn(
  scenario: Scenario,
  botUrl: string,
  tracker: ReplyTracker,
  conversation: Conversation,
  step: number,
  connector: FakeConnector,
): Promise<number> {
  const lastCard = connector.activitiesIn(conversation.conversationId).at(-1)?.attachments?.[0]?.content;
  const { activity, replies = 1 } = scenario.next(conversation, step, lastCard);
  const started = performance.now();
  const replied = tracker.waitFor(
    conversation.conversationId,
    tracker.count(conversation.conversationId) + replies,
    TURN_TIMEOUT_MS,
  );
  const answered = post(botUrl, activity).then((status) => {
    if (status < 200 || status > 299) throw new Error(`HTTP ${status}`);
  });
  try {
    // The next turn waits for the HTTP answer as well, so the bot has saved this turn's state.
    const [repliedAt] = await Promise.all([replied, answered]);
    return repliedAt - started;
  } catch (err) {
    tracker.forget(conversation.conversationId);
    throw err;
  }
}

async function runPhase(
  scenario: Scenario,
  botUrl: string,
  connector: FakeConnector,
  tracker: ReplyTracker,
  concurrency: number,
  turns: number,
): Promise<PhaseResult> {
  tracker.reset();
  const result: PhaseResult = { latencies: [], errors: 0, seconds: 0 };
  let issued = 0;
  const started = performance.now();
  const deadline = started + PHASE_DEADLINE_MS;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      let conversation = newConversation(connector.url, scenario.name);
      let step = 0;
      while (issued < turns && result.errors < MAX_ERRORS && performance.now() < deadline) {
        issued++;
        try {
          result.latencies.push(await turn(scenario, botUrl, tracker, conversation, step++, connector));
        } catch (err) {
          result.errors++;
          result.firstError ??= (err as Error).message;
          conversation = newConversation(connector.url, scenario.name); // its state may be half-written
          step = 0;
        }
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  if (result.latencies.length === 0)
    throw new Error(`${scenario.name}: no turn succeeded; first error: ${result.firstError}`);
  return result;
}

const ALERT_CHIEF = { id: '29:bench-chief', aadObjectId: randomUUID(), name: 'Bench Säkerhetschef' };
const ALERT_CONTACT = { id: '29:bench-contact', aadObjectId: randomUUID(), name: 'Bench Kontakt (S)' };

/**
 * Files `count` complete reports, one after the other, and measures from the POST of "Skicka" until both
 * alert cards (security chief and the party S contact) have reached the connector.
 */
async function measureAlertLatency(
  botUrl: string,
  connector: FakeConnector,
  count: number,
): Promise<number[]> {
  const chiefChat = `a:bench-chief-${randomUUID()}`;
  const contactChat = `a:bench-contact-${randomUUID()}`;
  await post(
    botUrl,
    botInstalled({ serviceUrl: connector.url, conversationId: chiefChat, user: ALERT_CHIEF }),
  );
  await post(
    botUrl,
    botInstalled({ serviceUrl: connector.url, conversationId: contactChat, user: ALERT_CONTACT }),
  );
  const alerts = (conversationId: string) =>
    connector.activitiesIn(conversationId).filter((a) => JSON.stringify(a).includes('IR-')).length;
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const conversation = newConversation(connector.url, 'alert');
    const lastCard = () =>
      connector.activitiesIn(conversation.conversationId).at(-1)?.attachments?.[0]?.content;
    const button = (verb: string, move?: string) =>
      findActions(lastCard()).find((data) => data.verb === verb && (!move || data.move === move))!;
    await post(botUrl, message('rapportera incident', conversation));
    for (const answers of COMPLETE_ANSWERS) {
      await post(botUrl, cardSubmit({ ...button('report.step', 'next'), ...answers }, conversation));
    }
    const before = [alerts(chiefChat), alerts(contactChat)];
    const started = performance.now();
    await post(botUrl, cardSubmit(button('report.submit'), conversation));
    const deadline = Date.now() + 10_000;
    while (alerts(chiefChat) === before[0] || alerts(contactChat) === before[1]) {
      if (Date.now() > deadline) throw new Error('alert cards did not arrive within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    latencies.push(performance.now() - started);
  }
  return latencies;
}

/** The value of a `--name=value` argument, if given. */
function argValue(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** The phase runner the interleaved rounds (bench/rounds.ts) use: a warm-up, then the measured turns. */
function measuredRunner(
  bots: Record<BotName, { url: string }>,
  connector: FakeConnector,
  tracker: ReplyTracker,
): RunMeasured {
  return async (scenario, concurrency, turns, warmup) => {
    const url = bots[scenario.bot].url;
    await runPhase(scenario, url, connector, tracker, concurrency, warmup);
    const result = await runPhase(scenario, url, connector, tracker, concurrency, turns);
    if (result.firstError)
      process.stderr.write(
        `${scenario.name} c=${concurrency}: ${result.errors} failed turns, first: ${result.firstError}\n`,
      );
    return result.latencies;
  };
}

/** The c=1 rounds (median against echo) for every project scenario, or the one `--only` names. */
async function c1Rounds(run: RunMeasured): Promise<RoundsResult[]> {
  const echo = scenarios.find((scenario) => scenario.bot === 'echo')!;
  const only = argValue('--only');
  const others = scenarios.filter(
    (scenario) => scenario.bot === 'project' && (!only || scenario.name === only),
  );
  if (others.length === 0) throw new Error(`--only=${only}: no project scenario of that name`);
  return interleavedRounds(run, echo, others, C1_ROUNDS);
}

/** The rounds' median latencies (median of the rounds), echo first. */
function c1Medians(ratios: RoundsResult[]): string {
  const echoMs = percentile(ratios[0]?.echoValues ?? [], 50);
  return (
    `c=1 medians of the same rounds (ms): echo ${echoMs.toFixed(2)}, ` +
    ratios.map(({ name, values }) => `${name} ${percentile(values, 50).toFixed(2)}`).join(', ')
  );
}

/**
 * The V8 flags `npm start` runs the bot with (package.json), so the bench measures what production runs;
 * BENCH_NODE_FLAGS replaces them to compare settings.
 */
function startFlags(): string[] {
  if (process.env.BENCH_NODE_FLAGS !== undefined)
    return process.env.BENCH_NODE_FLAGS.split(/\s+/).filter(Boolean);
  return npmStartFlags();
}

/** The 1, 5 and 15-minute load averages: the bench shares the machine, and this says how much. */
function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ');
}

/**
 * Both bots were spawned at `spawnedAt`: the time until /livez answers and until /healthz is 200 (models
 * loaded and storage ready), and the idle RSS then. Polled every 10 ms (the poll adds up to 10 ms).
 */
async function measureStartup(
  bots: Record<BotName, Child>,
  projectPort: number,
  echoPort: number,
  spawnedAt: number,
): Promise<{ rows: string[][]; readyMs: number }> {
  const ok = (port: number, route: string) => () =>
    fetch(`http://127.0.0.1:${port}${route}`).then((res) => res.ok);
  const [projectLive, projectReady, echoListening] = await Promise.all([
    timeUntil(bots.project, 'no /livez', ok(projectPort, '/livez'), spawnedAt),
    timeUntil(bots.project, 'not healthy', ok(projectPort, '/healthz'), spawnedAt),
    timeUntil(bots.echo, 'not listening', () => tcpOpen(echoPort), spawnedAt),
  ]);
  const rows = [
    ['/livez 200 after start, ms', projectLive.toFixed(0), '–'],
    [
      'ready (/healthz 200; echo: port open) after start, ms',
      projectReady.toFixed(0),
      echoListening.toFixed(0),
    ],
    ['RSS idle when ready, MB', rssMb(bots.project.proc.pid), rssMb(bots.echo.proc.pid)],
  ];
  return { rows, readyMs: projectReady };
}

async function timeUntil(
  child: Child,
  what: string,
  check: () => Promise<boolean>,
  since: number,
): Promise<number> {
  await waitUntil(child, what, check, 30_000, 10);
  return performance.now() - since;
}

/**
 * RSS after MEMORY_HALF_TURNS and after twice as many mixed turns (report dialog, greeting, guidance) at
 * MEMORY_CONCURRENCY conversations, on freshly started bots; echo gets as many turns of its own.
 */
async function measureMemory(
  bots: Record<BotName, Child & { url: string }>,
  connector: FakeConnector,
  tracker: ReplyTracker,
): Promise<{ rows: string[][]; rssAfter10kMb: number; rssGrowthPct: number }> {
  const after: Record<BotName, number[]> = { project: [], echo: [] };
  for (let half = 0; half < 2; half++) {
    for (const scenario of [mixed, echoMixed]) {
      const bot = bots[scenario.bot];
      process.stderr.write(`memory: ${scenario.bot}, ${MEMORY_HALF_TURNS} mixed turns\n`);
      const r = await runPhase(scenario, bot.url, connector, tracker, MEMORY_CONCURRENCY, MEMORY_HALF_TURNS);
      if (r.latencies.length < MEMORY_HALF_TURNS)
        throw new Error(
          `memory: ${scenario.bot} ran ${r.latencies.length} turns; first error: ${r.firstError}`,
        );
      after[scenario.bot].push(Number(rssMb(bot.proc.pid)));
    }
  }
  const growthPct = (rss: number[]) => (100 * (rss[1]! - rss[0]!)) / rss[0]!;
  const growth = (rss: number[]) => `${growthPct(rss).toFixed(1)} %`;
  const turns = (n: number) => n.toLocaleString('en').replace(',', ' ');
  const rows = [
    [
      `RSS after ${turns(MEMORY_HALF_TURNS)} mixed turns, MB`,
      String(after.project[0]),
      String(after.echo[0]),
    ],
    [
      `RSS after ${turns(2 * MEMORY_HALF_TURNS)} mixed turns, MB`,
      String(after.project[1]),
      String(after.echo[1]),
    ],
    [
      `RSS growth ${turns(MEMORY_HALF_TURNS)} → ${turns(2 * MEMORY_HALF_TURNS)}`,
      growth(after.project),
      growth(after.echo),
    ],
  ];
  return { rows, rssAfter10kMb: after.project[1]!, rssGrowthPct: growthPct(after.project) };
}

/** The project bot from `root`'s build (this one, or another for --ab), in local mode on the bench's Azurite. */
function startProjectBot(
  name: string,
  root: string,
  port: number,
  azuritePort: number,
): Child & { url: string } {
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    STORAGE_CONNECTION_STRING: azuriteConnectionString(azuritePort),
    TABLE_PREFIX: `bench${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'warn',
    SECURITY_CHIEF_IDS: ALERT_CHIEF.aadObjectId,
    PARTY_CONTACTS: `S=${ALERT_CONTACT.aadObjectId}`,
    // Local mode whatever the surrounding environment or a .env says (set variables win over .env).
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    STORAGE_ACCOUNT_URL: '',
    ALLOWED_TENANT_IDS: '',
  };
  const args = ['--no-deprecation', ...startFlags(), path.join(root, 'dist/src/index.js')];
  return { ...startChild(name, args, env, true), url: `http://127.0.0.1:${port}/api/messages` };
}

const AB_WARM_TURNS = 3_000;
const AB_BLOCKS = 200;
const AB_BLOCK_TURNS = 20;

/**
 * --ab=<dir> (bench/sideBySide.ts): both builds warmed alike (mixed turns at 20 conversations, then the scenario),
 * then AB_BLOCKS blocks in which each runs AB_BLOCK_TURNS turns of the scenario (--only=, default guidance) at c=1.
 * Both run with this build's start flags; the other build's code cache is only taken if it was made with them.
 */
async function sideBySide(
  self: Child & { url: string },
  other: Child & { url: string },
  otherName: string,
  connector: FakeConnector,
  tracker: ReplyTracker,
): Promise<string> {
  const name = argValue('--only') ?? 'guidance';
  const scenario = scenarios.find((s) => s.name === name && s.bot === 'project');
  if (!scenario) throw new Error(`--only=${name}: no project scenario of that name`);
  for (const bot of [self, other]) {
    await runPhase(mixed, bot.url, connector, tracker, MEMORY_CONCURRENCY, AB_WARM_TURNS);
    await runPhase(scenario, bot.url, connector, tracker, 1, 300);
  }
  const blocks: Block[] = [];
  for (let b = 0; b < AB_BLOCKS; b++) {
    const measured = new Map<Child, { ms: number; cpuMs: number }>();
    for (const bot of b % 2 === 0 ? [self, other] : [other, self]) {
      await runPhase(scenario, bot.url, connector, tracker, 1, 3); // the other bot ran meanwhile
      const cpuBefore = mainThreadCpuMs(bot.proc.pid!);
      const r = await runPhase(scenario, bot.url, connector, tracker, 1, AB_BLOCK_TURNS);
      // A build that fails turns would look cheaper per turn: no comparison then.
      if (r.errors > 0) throw new Error(`${bot.name}: ${r.errors} failed turns, first: ${r.firstError}`);
      measured.set(bot, {
        ms: percentile(r.latencies, 50),
        cpuMs: mainThreadCpuMs(bot.proc.pid!) - cpuBefore,
      });
    }
    const [mine, theirs] = [measured.get(self)!, measured.get(other)!];
    blocks.push({
      thisMs: mine.ms,
      otherMs: theirs.ms,
      thisCpuMs: mine.cpuMs,
      otherCpuMs: theirs.cpuMs,
      turns: AB_BLOCK_TURNS,
    });
  }
  return sideBySideSummary(scenario.name, otherName, blocks);
}

async function main(): Promise<void> {
  const distSrc = path.join(ROOT, 'dist', 'src');
  assertEntryIsLoader(path.join(distSrc, 'index.js'), path.join(distSrc, 'bundleLoader.js'));
  const loadAtStart = loadAverage();
  const connector = await new FakeConnector().start();
  const tracker = new ReplyTracker(connector);
  try {
    const [azuritePort, projectPort, echoPort] = [await freePort(), await freePort(), await freePort()];
    const azurite = startChild(
      'azurite',
      [
        require.resolve('azurite/dist/src/table/main.js'),
        '--tableHost',
        '127.0.0.1',
        '--tablePort',
        String(azuritePort),
        '--inMemoryPersistence',
        '--disableTelemetry',
        '--skipApiVersionCheck',
      ],
      {},
      false,
    );
    await waitUntil(azurite, 'did not start', () => tcpOpen(azuritePort));

    const spawnedAt = performance.now();
    const bots: Record<BotName, Child & { url: string }> = {
      project: startProjectBot('project', ROOT, projectPort, azuritePort),
      echo: {
        ...startChild(
          'echo',
          ['--no-deprecation', path.join(__dirname, 'echoBot.js')],
          { PORT: String(echoPort), HOST: '127.0.0.1' },
          true,
        ),
        url: `http://127.0.0.1:${echoPort}/api/messages`,
      },
    };
    const startup = await measureStartup(bots, projectPort, echoPort, spawnedAt);
    const otherBuild = argValue('--ab');
    if (otherBuild) {
      const other = startProjectBot('other', path.resolve(otherBuild), await freePort(), azuritePort);
      await waitUntil(other, 'not healthy', () =>
        fetch(other.url.replace('/api/messages', '/healthz')).then((r) => r.ok),
      );
      console.log(await sideBySide(bots.project, other, otherBuild, connector, tracker));
      return;
    }
    if (process.argv.includes('--ratios-only')) {
      // For profiling one cost at a time (e.g. with --cpu-prof in BENCH_NODE_FLAGS, and --only=guidance): no
      // memory rows, no table.
      const ratios = await c1Rounds(measuredRunner(bots, connector, tracker));
      console.log(`load average ${loadAtStart} at the start, ${loadAverage()} at the end`);
      console.log(ratios.map(({ name, ratio }) => `${name} ${ratio.toFixed(2)}×`).join(', '));
      console.log(c1Medians(ratios));
      return;
    }
    const memory = await measureMemory(bots, connector, tracker);
    const measured: Measured = {
      readyMs: startup.readyMs,
      rssAfter10kMb: memory.rssAfter10kMb,
      rssGrowthPct: memory.rssGrowthPct,
    };
    if (process.argv.includes('--memory-only')) {
      console.log(
        `load average ${loadAtStart} at the start, ${loadAverage()} at the end; flags ${startFlags()}`,
      );
      console.log(table(['start-up and memory', 'project', 'echo'], [...startup.rows, ...memory.rows]));
      console.log(`\n${table(BAR_HEADER, barRows(measured))}`);
      return;
    }

    const rows: string[][] = [];
    const p99AtFifty = new Map<string, number>();
    for (const scenario of scenarios) {
      const bot = bots[scenario.bot];
      for (const { concurrency, turns } of PHASES) {
        await runPhase(scenario, bot.url, connector, tracker, concurrency, warmupTurns(concurrency));
        process.stderr.write(`${scenario.name}: c=${concurrency}, ${turns} turns\n`);
        const r = await runPhase(scenario, bot.url, connector, tracker, concurrency, turns);
        if (r.firstError)
          process.stderr.write(
            `${scenario.name} c=${concurrency}: ${r.errors} failed turns, first: ${r.firstError}\n`,
          );
        if (concurrency === 50) p99AtFifty.set(scenario.name, percentile(r.latencies, 99));
        rows.push([
          scenario.name,
          scenario.bot,
          String(concurrency),
          String(r.latencies.length),
          String(r.errors),
          percentile(r.latencies, 50).toFixed(2),
          percentile(r.latencies, 99).toFixed(2),
          (r.latencies.length / r.seconds).toFixed(0),
          rssMb(bot.proc.pid),
        ]);
      }
    }

    const run = measuredRunner(bots, connector, tracker);
    const ratios = await c1Rounds(run);
    const echo = scenarios.find(({ name }) => name === 'echo')!;
    const report = scenarios.find(({ name }) => name === 'report-dialog')!;
    process.stderr.write(`echo and report-dialog: ${C50_ROUNDS.rounds} rounds at c=50\n`);
    const [reportP99s] = await interleavedRounds(run, echo, [report], C50_ROUNDS);
    // bench/submitToAlert.ts (the alerts work) adds its submit → alert rows here, beside this measurement.
    const alertLatencies = await measureAlertLatency(bots.project.url, connector, 20);
    const submitToAlert = await submitToAlertRows(bots.project.url, connector, ALERT_CHIEF);

    console.log(
      `Node ${process.version}, ${new Date().toISOString()}, ${os.cpus().length} cores, ` +
        `load average ${loadAtStart} at the start, ${loadAverage()} at the end`,
    );
    console.log(table(['start-up and memory', 'project', 'echo'], [...startup.rows, ...memory.rows]));
    console.log('');
    console.log(
      table(['scenario', 'bot', 'conc', 'turns', 'errors', 'median ms', 'p99 ms', 'turns/s', 'RSS MB'], rows),
    );
    console.log(
      `\nc=1 median against echo, ${C1_ROUNDS.rounds} interleaved rounds of ${C1_ROUNDS.turns} turns (median of the rounds' ratios): ` +
        ratios.map(({ name, ratio }) => `${name} ${ratio.toFixed(2)}×`).join(', '),
    );
    console.log(c1Medians(ratios));
    console.log(
      `submit → both alert cards at the connector (security chief + party contact), ${alertLatencies.length} reports: ` +
        `median ${percentile(alertLatencies, 50).toFixed(0)} ms, max ${Math.max(...alertLatencies).toFixed(0)} ms`,
    );
    console.log(`\n${table(SUBMIT_TO_ALERT_HEADER, submitToAlert)}`);
    Object.assign(measured, {
      reportP99VsEcho: reportP99s!.ratio,
      guidanceMedianVsEcho: ratios.find(({ name }) => name === 'guidance')?.ratio,
      submitToAlertsMedianMs: percentile(alertLatencies, 50),
    });
    const tablePhases = p99AtFifty.get('report-dialog')! / p99AtFifty.get('echo')!;
    console.log(
      `\nreport-dialog p99 at c=50 against echo's, ${C50_ROUNDS.rounds} interleaved rounds of ${C50_ROUNDS.turns} turns ` +
        `(echo first in every other round): ${describeRounds(reportP99s!, 'p99')}` +
        `\n(the table's two phases alone, one draw: ${tablePhases.toFixed(2)}×)`,
    );
    console.log(`\n${table(BAR_HEADER, barRows(measured))}`);
    console.log(
      `load average at the end: ${loadAverage()} (numbers of a busy machine are inflated, echo's too)`,
    );
  } finally {
    await tracker.stop();
    agent.destroy();
    for (const child of [...children].reverse()) await stopChild(child);
    await connector.stop();
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${(err as Error)?.stack ?? String(err)}`);
  process.exitCode = 1;
});
