/**
 * Preloaded into a bot process under test (`node --require`): every TCP connection to anything but loopback is
 * refused and written to NETWORK_GUARD_LOG, so a test can prove that nothing (an exporter, a resource
 * detector, statsbeat) tried to reach the outside world.
 */
import fs from 'node:fs';
import net from 'node:net';

const logFile = process.env.NETWORK_GUARD_LOG;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/i;

type ConnectArgs = Parameters<typeof net.Socket.prototype.connect>;
const originalConnect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  // Node passes its normalised [options, callback] array internally; callers pass (options) or (port, host).
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const options =
    typeof first === 'object' && first !== null
      ? (first as { host?: string; port?: number; path?: string })
      : { port: Number(first), ...(typeof args[1] === 'string' ? { host: args[1] } : {}) };
  const host = options.host ?? 'localhost';
  // http passes `path: null` for TCP; only a real path is a local (Unix) socket.
  if (!options.path && !LOOPBACK.test(host)) {
    if (logFile) fs.appendFileSync(logFile, `${host}:${options.port}\n`);
    process.nextTick(() => this.destroy(new Error(`network guard: ${host} is not loopback`)));
    return this;
  }
  return originalConnect.apply(this, args as unknown as ConnectArgs);
} as typeof net.Socket.prototype.connect;
