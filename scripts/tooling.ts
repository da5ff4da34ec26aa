import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../src/core/paths';

/** The project root (the folder with package.json), the same for src/, scripts/, test/ and bench/. */
export { projectRoot } from '../src/core/paths';

/** A port that was free on loopback a moment ago (closed again before returning; fine on one machine). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `condition` every `intervalMs` until it holds; throws after `timeoutMs`. */
export async function waitUntil(
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * The Node flags `npm start` runs the bot with (package.json's start script): the bench measures with them, and
 * the build makes the bundle's code cache with them (V8 takes a cache only under the flags it was made with).
 */
export function npmStartFlags(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return manifest.scripts.start!.split(/\s+/).filter((word) => word.startsWith('--'));
}
