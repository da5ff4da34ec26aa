import { parentPort } from 'node:worker_threads';

/* eslint-disable @typescript-eslint/no-require-imports */
const TableServer = require('azurite/dist/src/table/TableServer').default;
const TableConfiguration = require('azurite/dist/src/table/TableConfiguration').default;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs Azurite's Table service in this worker thread, in memory, on a free port; "stop" closes it. */
async function main(): Promise<void> {
  const config = new TableConfiguration(
    '127.0.0.1',
    0,
    undefined, // keep-alive default
    ':memory:',
    false, // debug log
    false, // access log
    undefined,
    undefined,
    false, // loose
    true, // skip API version check: the SDK may be newer than the emulator
    '',
    '',
    '',
    undefined,
    false,
    true, // in-memory persistence
  );
  const server = new TableServer(config);
  await server.start();
  parentPort!.postMessage({ port: Number(new URL(server.getHttpServerAddress()).port) });
  parentPort!.on('message', async (message: string) => {
    if (message !== 'stop') return;
    await server.close();
    parentPort!.postMessage({ stopped: true });
  });
}

main().catch((err: unknown) => parentPort!.postMessage({ error: String(err) }));
