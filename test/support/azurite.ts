import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { azuriteConnectionString } from '../../src/core/storage';

export interface RunningAzurite {
  port: number;
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Azurite's Table service for the test run, in memory, on a free loopback port. It runs in a worker thread:
 * in the same JS realm as restify it breaks, because restify adds a `query()` method to every
 * http.IncomingMessage, so Azurite's Express app no longer parses `$filter` and returns unfiltered rows.
 */
export function startInProcessAzurite(): Promise<RunningAzurite> {
  const worker = new Worker(path.join(__dirname, 'azuriteWorker.js'));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port?: number; error?: string }) => {
      if (!message.port) return reject(new Error(`azurite worker failed: ${message.error}`));
      resolve({
        port: message.port,
        connectionString: azuriteConnectionString(message.port),
        stop: async () => {
          const stopped = new Promise((done) => worker.once('message', done));
          worker.postMessage('stop');
          await stopped;
          await worker.terminate();
        },
      });
    });
  });
}
