import { build } from 'esbuild';
import path from 'node:path';
import { projectRoot } from '../src/core/paths';

/**
 * `npm run build`'s step after tsc: the production entry point dist/src/index.js becomes one file with its
 * dependencies inlined (esbuild). Start-up was mostly module loading (botbuilder, restify, the Azure SDK,
 * adaptivecards-templating: some 2 000 files resolved, read and compiled one by one); one file cuts that to a
 * fraction (README, Benchmarks). The path stays the same, so `npm start`, the container, App Service and the
 * tests that start the real process all run the bundle. Every other compiled file (tests, tools) stays as tsc
 * wrote it; the bundle is made from those same files.
 */
const ENTRY = path.join(projectRoot, 'dist', 'src', 'index.js');

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

async function main(): Promise<void> {
  const startedAt = Date.now();
  const result = await build({
    entryPoints: [ENTRY],
    outfile: ENTRY,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    // Whitespace and syntax minified (12.8 → 8.2 MB: reading and compiling the file was ~400 ms of the start,
    // measured 100 ms faster to ready); names kept, so stack traces and logs still name the function, and the
    // map (composed with tsc's) leads back to the TypeScript. Renaming identifiers too was not faster.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    sourcemap: 'external',
    logLevel: 'error',
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(
    `bundle: ${path.relative(projectRoot, ENTRY)} from ${inputs} files (${Date.now() - startedAt} ms)`,
  );
}

if (require.main === module)
  main().catch((err: unknown) => {
    console.error(`bundle: ${(err as Error)?.stack ?? String(err)}`);
    process.exit(1);
  });
