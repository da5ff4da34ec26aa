/**
 * Preloaded (`node -r`) into the Agents Playground process by playground.ts. The Playground calls
 * `server.listen(port)` without a host, i.e. on every interface; this makes a host-less listen() bind to
 * loopback (PLAYGROUND_BIND_HOST, default 127.0.0.1) so the emulator is never reachable from the network.
 */
import net from 'node:net';

const host = process.env.PLAYGROUND_BIND_HOST || '127.0.0.1';
const originalListen = net.Server.prototype.listen;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listen() has a dozen overloads
net.Server.prototype.listen = function patchedListen(this: net.Server, ...args: any[]): net.Server {
  const [first, second] = args;
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first));
  if (args.length === 0 || first === undefined || first === null) {
    args = [0, host, ...args.slice(1)];
  } else if (isPort && typeof second !== 'string') {
    args.splice(1, 0, host);
  } else if (
    typeof first === 'object' &&
    !('path' in first) &&
    !('fd' in first) &&
    !('_handle' in first) &&
    !('handle' in first) &&
    !first.host
  ) {
    args[0] = { ...first, host };
  }
  return originalListen.apply(this, args as Parameters<typeof originalListen>);
} as typeof net.Server.prototype.listen;
