import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  asciiOnly,
  assertEntryIsLoader,
  assertEntryIsNotLoader,
  CHEAP_NAME_HELPER,
  cheapNameHelper,
  ESBUILD_NAME_HELPER,
  EXTERNAL,
} from '../../scripts/bundleEntry';
import { dropRedundantNameCalls } from '../../scripts/nameCalls';
import { BUNDLE_FILE, bundleText, CODE_CACHE_FILE, CODE_CACHE_WARM_UP } from '../../src/bundleLoader';
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

  /** Starts the bot (with `nodeFlags` instead of npm start's, if given), waits until ready, stops it. */
  async function startAndStop(env: Record<string, string> = {}, nodeFlags?: string[]): Promise<string> {
    bot = spawnBot(
      {
        PORT: String(await freePort()),
        STORAGE_CONNECTION_STRING: testAzurite().connectionString,
        TABLE_PREFIX: `boot${Date.now().toString(36)}`,
        ...env,
      },
      nodeFlags,
    );
    await waitHealthy(bot.url, 60_000).catch((err: Error) => assert.fail(`${err.message}\n${bot!.output()}`));
    bot.child.kill('SIGINT');
    assert.equal(await bot.exited, 0, bot.output());
    return bot.output();
  }

  it('becomes ready having compiled only its own file, not the SDK modules one by one', async () => {
    const log = path.join(workDir, 'loaded.txt');
    await startAndStop({
      NODE_OPTIONS: `--require ${path.join(projectRoot, 'dist', 'test', 'support', 'loadedModules.js')}`,
      LOADED_MODULES_LOG: log,
    });

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
    // Telemetry is not configured here: OpenTelemetry (80 files, 60–90 ms) is loaded only with it.
    assert.deepEqual(
      loaded.filter((file) => file.includes('@opentelemetry')),
      [],
      'no OpenTelemetry module without telemetry',
    );
    assert.ok(loaded.includes(path.join('dist', 'src', 'index.js')), loaded.join('\n'));
    assert.equal(
      loaded.filter((file) => file.startsWith('dist')).length,
      1,
      `one file of our own compiled as a module, the loader (the bundle is compiled from its cache):\n${loaded.join('\n')}`,
    );
  });

  it("runs the bundle from the code cache the build made with npm start's flags", async () => {
    assert.ok(
      fs.existsSync(path.join(projectRoot, 'dist', 'src', CODE_CACHE_FILE)),
      'the build wrote the cache',
    );
    const output = await startAndStop();
    assert.doesNotMatch(output, /code cache/, 'V8 took the cache: nothing was said about it');
  });

  it('starts all the same when V8 refuses the cache (other flags), and says so', async () => {
    const output = await startAndStop({}, ['--max-old-space-size=300']);
    assert.match(output, /code cache: not accepted/);
  });

  it('refuses to bundle again without tsc first (the loader would be bundled), and the bench refuses an unbundled app', () => {
    const entry = path.join(workDir, 'index.js');
    const loader = path.join(workDir, 'bundleLoader.js');
    fs.writeFileSync(loader, 'the loader');
    fs.writeFileSync(entry, "tsc's entry point");
    assert.doesNotThrow(() => assertEntryIsNotLoader(entry, loader));
    fs.copyFileSync(loader, entry);
    assert.throws(() => assertEntryIsNotLoader(entry, loader), /already the loader: run tsc first/);
    // The bench wants the opposite: the built entry point, not tsc's written over it afterwards.
    assert.doesNotThrow(() => assertEntryIsLoader(entry, loader));
    fs.writeFileSync(entry, "tsc's entry point");
    assert.throws(() => assertEntryIsLoader(entry, loader), /not the bundle's loader: run npm run build/);
  });

  it('never runs a cache made for another bundle of the same length (V8 itself checks only the length)', () => {
    // The loader with a one-line bundle beside it: the warm-up writes the cache, then the bundle is replaced by
    // one of the same length. V8 would take the old cache and run the old line.
    const dir = fs.mkdtempSync(path.join(workDir, 'loader-'));
    fs.copyFileSync(path.join(projectRoot, 'dist', 'src', 'bundleLoader.js'), path.join(dir, 'index.js'));
    const run = (env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [path.join(dir, 'index.js')], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', ...env },
      });
    fs.writeFileSync(path.join(dir, BUNDLE_FILE), 'console.log("bundle A");');
    assert.equal(run({ [CODE_CACHE_WARM_UP]: '1' }).stdout, 'bundle A\n');
    assert.ok(fs.existsSync(path.join(dir, CODE_CACHE_FILE)));
    assert.equal(run().stdout, 'bundle A\n', 'the cache is taken for its own bundle');
    fs.writeFileSync(path.join(dir, BUNDLE_FILE), 'console.log("bundle B");');
    const replaced = run();
    assert.equal(replaced.stdout, 'bundle B\n');
    assert.match(replaced.stderr, /code cache: made for another bundle/);
  });

  it('reads the bundle as Latin-1 when it is ASCII (the same text), as UTF-8 otherwise', () => {
    const built = fs.readFileSync(path.join(projectRoot, 'dist', 'src', BUNDLE_FILE));
    assert.equal(bundleText(built), built.toString('utf8'));
    const swedish = Buffer.from('console.log("hallå, mörda ¡");', 'utf8');
    assert.equal(bundleText(swedish), 'console.log("hallå, mörda ¡");');
    // And a loader beside a bundle that is not ASCII after all runs it as before, with its cache too.
    const dir = fs.mkdtempSync(path.join(workDir, 'utf8-'));
    fs.copyFileSync(path.join(projectRoot, 'dist', 'src', 'bundleLoader.js'), path.join(dir, 'index.js'));
    fs.writeFileSync(path.join(dir, BUNDLE_FILE), swedish);
    const run = (env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [path.join(dir, 'index.js')], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', ...env },
      });
    assert.equal(run({ [CODE_CACHE_WARM_UP]: '1' }).stdout, 'hallå, mörda ¡\n');
    const cached = run();
    assert.equal(cached.stdout, 'hallå, mörda ¡\n');
    assert.equal(cached.stderr, '', 'the cache made for it is taken');
  });

  it('is ASCII only, so Node reads it as a one-byte string (half the memory, faster to scan)', () => {
    const bundle = fs.readFileSync(path.join(projectRoot, 'dist', 'src', BUNDLE_FILE), 'latin1');
    assert.equal(/[\u0080-\uffff]/.exec(bundle)?.[0], undefined);
    // The escaping keeps what a regular expression literal with Swedish letters and punctuation matches.
    const escaped = asciiOnly(String.raw`/^(hallå|mörda)[¡¿]$/`);
    assert.doesNotMatch(escaped, /[\u0080-\uffff]/);
    const regex = new Function(`return ${escaped}`)() as RegExp;
    assert.ok(regex.test('hallå¡') && regex.test('mörda¿') && !regex.test('halla¡'));
  });

  it('has no __name call left that changes nothing (scripts/nameCalls.ts ran on it)', () => {
    const bundle = fs.readFileSync(path.join(projectRoot, 'dist', 'src', BUNDLE_FILE), 'latin1');
    const again = dropRedundantNameCalls(bundle);
    assert.deepEqual(again.dropped, { binding: 0, declaration: 0, staticBlock: 0, namedExpression: 0 });
    // What stays sets a name the language would not give (renamed, member assignments, module set-up).
    assert.ok((bundle.match(/__name\(/g) ?? []).length < 3_000);
  });

  it("sets a function's name only where bundling changed it, with the property esbuild's helper gives", () => {
    const bundle = fs.readFileSync(path.join(projectRoot, 'dist', 'src', BUNDLE_FILE), 'latin1');
    assert.ok(bundle.includes(CHEAP_NAME_HELPER) && !bundle.includes(ESBUILD_NAME_HELPER));
    type Helper = (target: object, value: string) => object;
    const helper = (source: string): { name: Helper; defines: () => number } => {
      let defines = 0;
      const defineProperty = (target: object, key: string, attributes: PropertyDescriptor) => {
        defines++;
        return Object.defineProperty(target, key, attributes);
      };
      const name = new Function('__defProp', `${source} return __name;`)(defineProperty) as Helper;
      return { name, defines: () => defines };
    };
    const esbuild = helper(ESBUILD_NAME_HELPER);
    const cheap = helper(cheapNameHelper(`/*a*/${ESBUILD_NAME_HELPER}/*b*/`).slice(5, -5));
    // Each case made twice, one for each helper: [what is named, the name bundling gives it to keep].
    const cases: Array<() => [object, string]> = [
      () => [function step() {}, 'step'],
      () => [function Container2() {}, 'Container'], // renamed by bundling
      () => [() => undefined, 'arrow'], // anonymous
      () => [class Pipeline {}, 'Pipeline'],
      () => [class Renamed2 {}, 'Renamed'],
      () => [
        class WithStaticName {
          static name(): string { return 'not a string property'; } // prettier-ignore
        },
        'WithStaticName',
      ],
      () => [async function* pages() {}, 'pages'],
      () => [function bound() {}.bind(null), 'bound'],
    ];
    for (const make of cases) {
      const [viaEsbuild, value] = make();
      const [viaCheap] = make();
      assert.equal(esbuild.name(viaEsbuild, value), viaEsbuild);
      assert.equal(cheap.name(viaCheap, value), viaCheap);
      assert.deepEqual(
        Object.getOwnPropertyDescriptor(viaCheap, 'name'),
        Object.getOwnPropertyDescriptor(viaEsbuild, 'name'),
        value,
      );
    }
    assert.equal(esbuild.defines(), cases.length);
    // Only the renamed, the anonymous, the static method and the bound function needed a new name.
    assert.equal(cheap.defines(), 5);
    assert.throws(() => cheapNameHelper('var x=1;'), /exactly once/);
    assert.throws(() => cheapNameHelper(ESBUILD_NAME_HELPER + ESBUILD_NAME_HELPER), /exactly once/);
    // The one case where reading the name first would differ: a getter would be called, and kept.
    const getter = `${ESBUILD_NAME_HELPER}var Named=class{static get name(){return"Named"}};`;
    assert.throws(() => cheapNameHelper(getter), /static `name` getter/);
  });
});
