import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXTERNAL } from '../../scripts/bundleEntry';
import { projectRoot } from '../../src/core/paths';
import { freePort, spawnBot, waitHealthy, type BotProcess } from '../support/botProcess';
import { testAzurite } from '../support/rootHooks';

/**
 * Start-up was mostly module loading: some 2 000 files of botbuilder, restify, the Azure SDK and
 * adaptivecards-templating resolved, read and compiled one by one. `npm run build` makes the production entry
 * point one bundle (scripts/bundleEntry.ts); this checks what the real process then loads from disk.
 */
describe('bot process start-up: the entry point is one bundle', function () {
  this.timeout(90_000);
  let bot: BotProcess | undefined;
  let workDir: string;

  before(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-startup-'));
  });

  after(async () => {
    if (bot && bot.child.exitCode === null) {
      bot.child.kill('SIGINT');
      await bot.exited;
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('becomes ready having compiled only its own file, not the SDK modules one by one', async () => {
    const log = path.join(workDir, 'loaded.txt');
    bot = spawnBot({
      PORT: String(await freePort()),
      STORAGE_CONNECTION_STRING: testAzurite().connectionString,
      TABLE_PREFIX: `boot${Date.now().toString(36)}`,
      NODE_OPTIONS: `--require ${path.join(projectRoot, 'dist', 'test', 'support', 'loadedModules.js')}`,
      LOADED_MODULES_LOG: log,
    });
    await waitHealthy(bot.url, 60_000).catch((err: Error) => assert.fail(`${err.message}\n${bot!.output()}`));
    bot.child.kill('SIGINT');
    assert.equal(await bot.exited, 0, bot.output());

    const loaded = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((file) => path.relative(projectRoot, file));
    // Only the packages the bundle leaves as modules on purpose (scripts/bundleEntry.ts says why).
    const external = (file: string) =>
      EXTERNAL.some((name) => file.startsWith(path.join('node_modules', name.replace('*', ''))));
    const inlined = loaded.filter((file) => file.startsWith('node_modules') && !external(file));
    assert.deepEqual(inlined, [], 'no other module compiled from node_modules at start');
    assert.ok(loaded.includes(path.join('dist', 'src', 'index.js')), loaded.join('\n'));
    assert.equal(
      loaded.filter((file) => file.startsWith('dist')).length,
      1,
      `one compiled file of our own, the bundle:\n${loaded.join('\n')}`,
    );
  });
});
