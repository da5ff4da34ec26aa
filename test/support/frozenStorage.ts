import net from 'node:net';
import { azuriteConnectionString, TableService } from '../../src/core/storage';

/**
 * Storage that freezes, rather than fails: a loopback TCP proxy in front of the test Azurite. Thawed, it
 * passes bytes both ways; frozen, it accepts every connection and never answers (as a stalled emulator or a
 * black-holed network path does), and the connections open at the moment of freezing are cut, so the
 * client's next request hangs too. Without an upstream it is frozen for good.
 */
export class FrozenStorage {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private frozen: boolean;
  /** Connections the bot opened while frozen (proves the bot really tried storage). */
  frozenConnections = 0;

  constructor(private readonly upstreamPort?: number) {
    this.frozen = upstreamPort === undefined;
  }

  async start(): Promise<this> {
    this.server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** From now on nothing answers; open connections are cut. */
  freeze(): void {
    this.frozen = true;
    for (const socket of this.sockets) socket.destroy();
  }

  get port(): number {
    return (this.server!.address() as net.AddressInfo).port;
  }

  tables(prefix = 'frozen'): TableService {
    return TableService.fromConfig(
      { kind: 'connectionString', connectionString: azuriteConnectionString(this.port) },
      prefix,
    );
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    if (this.frozen || this.upstreamPort === undefined) {
      this.frozenConnections++;
      return; // accepted, read, never answered
    }
    const upstream = net.connect({ host: '127.0.0.1', port: this.upstreamPort });
    this.sockets.add(upstream);
    upstream.on('close', () => (this.sockets.delete(upstream), socket.destroy()));
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    socket.pipe(upstream);
    upstream.pipe(socket);
  }
}
