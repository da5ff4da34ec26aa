import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * The production entry point after `npm run build` (scripts/bundleEntry.ts copies this file over
 * dist/src/index.js): it runs the one-file bundle of the app (index.bundle.js beside it) with V8's code cache.
 *
 * Why: compiling the 8 MB bundle and the functions that run while the modules initialise and the models load was
 * some 300 ms of CPU of every start (README, Benchmarks). The build runs that start once (`CODE_CACHE_WARM_UP`)
 * and saves the compiled code (index.bundle.js.cache); later starts hand it to V8 instead of compiling again.
 *
 * V8 refuses a cache made by another Node version or with other V8 flags (the build makes it with `npm start`'s,
 * which the container and App Service set too). Then the bundle is compiled as before and one line says so: the
 * start is only slower, never different. Only Node's built-in modules are imported here, so this file runs
 * unbundled.
 */
export const BUNDLE_FILE = 'index.bundle.js';
export const CODE_CACHE_FILE = `${BUNDLE_FILE}.cache`;
/** Set by the build's warm-up start: no cache is read, and the one made is written when the bundle is done. */
export const CODE_CACHE_WARM_UP = 'TRYGG_CODE_CACHE_WARM_UP';

/**
 * The cache file starts with the SHA-256 of the bundle it was made from. V8 itself checks only the source's
 * length, so a bundle replaced without its cache (an edit in place, a partial copy) would otherwise run the old
 * compiled functions beside the new source. Hashing the 8 MB takes about 10 ms of a start.
 */
const HASH_BYTES = 32;
/** Of the file's bytes: the same hash as of its text (UTF-8), without encoding the 8 MB string again. */
const sourceHash = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest();

/**
 * The bundle's text from its bytes. It is ASCII (scripts/bundleEntry.ts escapes everything else), and ASCII
 * bytes are the same text read as Latin-1: a plain copy into a one-byte string, where decoding the 8 MB as
 * UTF-8 was some 40 ms more CPU of every start. A bundle that is not ASCII after all is decoded as UTF-8.
 */
export function bundleText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The V8 cache for exactly this source, or undefined (none, unreadable, or made for another bundle). */
function readCodeCache(file: string, source: Buffer): Buffer | undefined {
  let stored: Buffer;
  try {
    stored = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (stored.length > HASH_BYTES && stored.subarray(0, HASH_BYTES).equals(sourceHash(source)))
    return stored.subarray(HASH_BYTES);
  console.error('code cache: made for another bundle; compiling the bundle');
  return undefined;
}

function saveCodeCache(file: string, source: Buffer, script: vm.Script): void {
  fs.writeFileSync(file, Buffer.concat([sourceHash(source), script.createCachedData()]));
}

/** Compiles the bundle (with the cache when V8 takes it) and runs it as the CommonJS module it was built as. */
function runBundle(bundle: string, source: string, cachedData: Buffer | undefined): vm.Script {
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (cachedData && script.cachedDataRejected)
    console.error('code cache: not accepted (another Node version or other V8 flags); compiling the bundle');
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(
    bundleModule.exports,
    bundleModule.exports,
    Module.createRequire(bundle),
    bundleModule,
    bundle,
    path.dirname(bundle),
  );
  return script;
}

function main(): void {
  const bundle = path.join(__dirname, BUNDLE_FILE);
  const cacheFile = path.join(__dirname, CODE_CACHE_FILE);
  const warmUp = process.env[CODE_CACHE_WARM_UP] === '1';
  const bytes = fs.readFileSync(bundle);
  const script = runBundle(bundle, bundleText(bytes), warmUp ? undefined : readCodeCache(cacheFile, bytes));
  // The warm-up start loads the modules and the models and returns; when nothing is left to do, the code compiled
  // by then (not only the top level) is what later starts find in the cache.
  if (warmUp) process.once('beforeExit', () => saveCodeCache(cacheFile, bytes, script));
}

// Only as the entry point: the build and the tests import the names above without starting anything.
if (require.main === module) main();
