import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/core/paths';
import { message } from '../support/activities';
import { freePort, waitHealthy } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';

const run = promisify(execFile);

/**
 * The Dockerfile's steps without Docker (no image can be built here): a clean clone of the committed HEAD,
 * `npm ci` with dev dependencies, build, prune to production dependencies, then the production entry point
 * answers /healthz and a message. Slow (an install and a compile): about 1–3 minutes.
 */
describe('clean clone → npm ci → build → prune → start (the Dockerfile without Docker)', function () {
  // About 1–3 minutes on an idle 2-core machine; generous, since other work may share the cores.
  this.timeout(900_000);
  let workDir: string;
  let repo: string;
  let connector: FakeConnector;
  let bot: ReturnType<typeof spawn> | undefined;

  /** npm's own variables from the outer `npm test` must not steer the inner npm (prefix, scripts, cache). */
  const cleanEnv = (): NodeJS.ProcessEnv =>
    Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

  const npm = (args: string[]) =>
    run('npm', args, { cwd: repo, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });

  before(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-clone-'));
    repo = path.join(workDir, 'repo');
    connector = await new FakeConnector().start();
  });

  after(async () => {
    if (bot && bot.exitCode === null) {
      const exited = new Promise((resolve) => bot!.once('exit', resolve));
      bot.kill('SIGINT');
      await exited;
    }
    await connector.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('installs, builds, prunes, starts, answers healthz and a message; npm ls and npm sbom succeed', async () => {
    const timings: string[] = [];
    const timed = async (label: string, step: () => Promise<unknown>) => {
      const started = Date.now();
      await step();
      timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    };
    await timed('clone', () => run('git', ['clone', '--quiet', '--no-hardlinks', projectRoot, repo]));
    await timed('npm ci', () => npm(['ci', '--prefer-offline', '--no-audit', '--no-fund']));
    await timed('build', () => npm(['run', 'build']));
    // The SBOM is taken from the full install (npm sbom refuses a tree with the dev dependencies pruned).
    const sbom = JSON.parse((await npm(['sbom', '--sbom-format', 'cyclonedx', '--omit=dev'])).stdout) as {
      bomFormat: string;
      components: Array<{ name: string }>;
    };
    assert.equal(sbom.bomFormat, 'CycloneDX');
    assert.ok(sbom.components.some((component) => component.name === 'botbuilder'));
    assert.ok(!sbom.components.some((component) => component.name === 'typescript'), 'production only');
    await timed('prune', () => npm(['prune', '--omit=dev', '--no-audit', '--no-fund']));
    assert.equal(
      fs.existsSync(path.join(repo, 'node_modules', 'typescript')),
      false,
      'dev dependencies pruned',
    );

    // After the prune only the production tree is left, and it must still be consistent.
    await npm(['ls', '--omit=dev']);

    const port = await freePort();
    let output = '';
    bot = spawn(process.execPath, [path.join(repo, 'dist', 'src', 'index.js')], {
      cwd: repo,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        AZURITE_PORT: String(await freePort()),
        AZURITE_DATA_DIR: path.join(workDir, 'data'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    bot.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(url, 60_000).catch((err: Error) => assert.fail(`${err.message}\n${output}`));

    const conversationId = 'a:clean-clone';
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(
        message('Hur polisanmäler jag ett hot?', { serviceUrl: connector.url, conversationId }),
      ),
    });
    assert.equal(response.status, 200);
    assert.ok(connector.activitiesIn(conversationId).length >= 1, 'the bot replied through the connector');
    console.log(`      ${timings.join(', ')}`);
  });
});
