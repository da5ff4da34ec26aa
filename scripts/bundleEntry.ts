import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { build } from 'esbuild';
import path from 'node:path';
import { BUNDLE_FILE, CODE_CACHE_FILE, CODE_CACHE_WARM_UP } from '../src/bundleLoader';
import { dropRedundantNameCalls } from './nameCalls';
import { npmStartFlags, projectRoot } from './tooling';

/**
 * `npm run build`'s last step: the production entry point dist/src/index.js becomes one file with its
 * dependencies inlined (esbuild), run from a code cache. Start-up was mostly module loading (botbuilder, restify,
 * the Azure SDK, adaptivecards-templating: some 2 000 files resolved, read and compiled one by one); one file cuts
 * that to a fraction, and the cache saves compiling it (README, Benchmarks).
 * 1. tsc's dist/src/index.js is bundled into dist/src/index.bundle.js, in ASCII only;
 * 2. src/bundleLoader.ts (compiled) takes the entry point's place: it runs the bundle with the code cache;
 * 3. one warm-up start with `npm start`'s flags loads the modules and the models and writes the cache.
 * The path stays the same, so `npm start`, the container, App Service and the tests that start the real process
 * all run the bundle. Every other compiled file (tests, tools) stays as tsc wrote it; the bundle is made from
 * those same files.
 */
const DIST_SRC = path.join(projectRoot, 'dist', 'src');
const ENTRY = path.join(DIST_SRC, 'index.js');
const BUNDLE = path.join(DIST_SRC, BUNDLE_FILE);
/** Long enough for a warm-up that has to train the models (no artifact); it normally takes about a second. */
const WARM_UP_TIMEOUT_MS = 120_000;

/**
 * Left as ordinary requires, resolved from node_modules at run time:
 * - restify's optional DTrace binding (native);
 * - the chart renderer's modules, loaded on the first chart (and reading a .wasm beside them);
 * - telemetry, loaded only when configured: its instrumentation hooks require() of the modules it traces, so
 *   OpenTelemetry and @azure/core-tracing (through which every Azure SDK call is traced) must stay modules.
 */
export const EXTERNAL = [
  'dtrace-provider',
  'echarts',
  '@resvg/resvg-wasm',
  '@azure/monitor-opentelemetry',
  '@opentelemetry/*',
  '@azure/core-tracing',
];

async function bundle(): Promise<{ inputs: number; droppedNameCalls: Record<string, number> }> {
  const result = await build({
    entryPoints: [ENTRY],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    // Whitespace and syntax minified (12.8 → 8.2 MB: reading and compiling the file was ~400 ms of the start,
    // measured 100 ms faster to ready); names kept, so stack traces and logs still name the function, and the
    // map (composed with tsc's) leads back to the TypeScript. Renaming identifiers too was not faster. Names are
    // kept because libraries read them (`constructor.name` as a registry key in botbuilder, in zod's errors); the
    // `__name` calls that keeping them adds and that change nothing are dropped afterwards (scripts/nameCalls.ts).
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    sourcemap: 'external',
    logLevel: 'error',
    metafile: true,
  });
  const { code, dropped } = dropRedundantNameCalls(
    cheapNameHelper(asciiOnly(fs.readFileSync(BUNDLE, 'utf8'))),
  );
  fs.writeFileSync(BUNDLE, code);
  return { inputs: Object.keys(result.metafile.inputs).length, droppedNameCalls: dropped };
}

/**
 * esbuild escapes non-ASCII characters in strings but not in regular expression literals (the Swedish words of
 * the acute-danger rules, nlp.js's tokenizer). One such character makes Node read the whole 8 MB file as UTF-8
 * into a two-byte string (twice the memory, slower to read and to scan); `\uXXXX` means the same character in a
 * regular expression, a string, a template and an identifier alike.
 */
export function asciiOnly(code: string): string {
  return code.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A class's static `name` getter, which cheapNameHelper's reading of `name` would call (see there). */
const STATIC_NAME_GETTER = /\bstatic\s+get\s+name\s*\(/;
/** esbuild's `keepNames` helper, as esbuild (0.28) writes it in a minified bundle. */
export const ESBUILD_NAME_HELPER =
  'var __name=(target,value)=>__defProp(target,"name",{value,configurable:!0});';
/** The same, but only when the name differs: what it then does is exactly what esbuild's helper does. */
export const CHEAP_NAME_HELPER =
  'var __name=(target,value)=>target.name===value?target:__defProp(target,"name",{value,configurable:!0});';

/**
 * With `keepNames`, esbuild calls `__name(fn, "fn")` every time a function or class is created, and its helper
 * always redefines `name` with Object.defineProperty (~0.6 µs). A turn made about 190 such calls (counted in the
 * report dialog at 50 conversations; among them the four functions each compiled `await` of the libraries
 * creates), some 1.3 % of the bot's CPU in a profile. A name needs setting only where bundling renamed the
 * function (`AbortError2` for a second `AbortError`) or where it has none; elsewhere it already is `value`, and
 * reading it first (~25 ns) leaves the same property. Every function and class has its own `name`, so what is
 * read is never inherited; the one case where reading differs is a static `name` getter (it would be called, and
 * kept when it returns `value`), so a bundle with one fails the build, as does a bundle without exactly one such
 * helper: a new esbuild may write it differently, and then this must be looked at again.
 */
export function cheapNameHelper(code: string): string {
  const at = code.indexOf(ESBUILD_NAME_HELPER);
  if (at < 0 || code.includes(ESBUILD_NAME_HELPER, at + 1))
    throw new Error("bundle: esbuild's __name helper is not there exactly once (a new esbuild?)");
  if (STATIC_NAME_GETTER.test(code))
    throw new Error('bundle: a class has a static `name` getter, which the cheap __name helper would call');
  return code.slice(0, at) + CHEAP_NAME_HELPER + code.slice(at + ESBUILD_NAME_HELPER.length);
}

/** One start with `npm start`'s flags that loads everything and writes the code cache (src/bundleLoader.ts). */
function writeCodeCache(): number {
  const cache = path.join(DIST_SRC, CODE_CACHE_FILE);
  fs.rmSync(cache, { force: true });
  const warmUp = spawnSync(process.execPath, ['--no-deprecation', ...npmStartFlags(), ENTRY], {
    cwd: projectRoot,
    // Without the build's NODE_OPTIONS: V8 takes the cache only under the flags it was made with, npm start's.
    env: { ...process.env, NODE_OPTIONS: '', [CODE_CACHE_WARM_UP]: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: WARM_UP_TIMEOUT_MS,
  });
  if (warmUp.status !== 0 || !fs.existsSync(cache))
    throw new Error(`the warm-up start for the code cache failed (exit ${warmUp.status ?? warmUp.signal})`);
  return fs.statSync(cache).size;
}

/**
 * Bundling run twice without tsc in between would bundle the loader (which the first run put in the entry point's
 * place) instead of the app: a bot that starts, does nothing and exits.
 */
export function assertEntryIsNotLoader(entry: string, loader: string): void {
  if (entryIsLoader(entry, loader))
    throw new Error(`${path.basename(entry)} is already the loader: run tsc first (npm run build does)`);
}

/**
 * A benchmark of the unbundled app measures another start-up and other turns, and `npx tsc` after `npm run build`
 * quietly writes tsc's entry point back (three of session 11's runs were made so: ready 2.1–2.4 s).
 */
export function assertEntryIsLoader(entry: string, loader: string): void {
  if (!entryIsLoader(entry, loader))
    throw new Error(
      `${path.basename(entry)} is not the bundle's loader: run npm run build (tsc alone undoes it)`,
    );
}

/** Whether the entry point is the loader `npm run build` puts there (tsc writes the app's own). */
function entryIsLoader(entry: string, loader: string): boolean {
  return fs.readFileSync(entry).equals(fs.readFileSync(loader));
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const loader = path.join(DIST_SRC, 'bundleLoader.js');
  assertEntryIsNotLoader(ENTRY, loader);
  const { inputs, droppedNameCalls } = await bundle();
  fs.copyFileSync(loader, ENTRY);
  const cacheBytes = writeCodeCache();
  const dropped = Object.entries(droppedNameCalls).map(([rule, count]) => `${count} ${rule}`);
  console.log(
    `bundle: ${path.relative(projectRoot, BUNDLE)} from ${inputs} files, code cache ` +
      `${(cacheBytes / 1e6).toFixed(1)} MB, redundant __name calls dropped: ${dropped.join(', ')} ` +
      `(${Date.now() - startedAt} ms)`,
  );
}

if (require.main === module)
  main().catch((err: unknown) => {
    console.error(`bundle: ${(err as Error)?.stack ?? String(err)}`);
    process.exit(1);
  });
