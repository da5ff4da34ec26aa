import { odata, TableClient, TableServiceClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import type { StorageConfig } from '../config';
import { isAlreadyExists } from './tableErrors';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export function azuriteConnectionString(port: number, host = '127.0.0.1'): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${AZURITE_ACCOUNT}`,
    'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
    `TableEndpoint=http://${host}:${port}/${AZURITE_ACCOUNT};`,
  ].join(';');
}

/**
 * Hands out TableClients for one storage account, creating each table once. Every capability names its own
 * tables; the prefix keeps several deployments (or test runs) apart in one account.
 */
export class TableService {
  private readonly created = new Map<string, Promise<TableClient>>();

  constructor(
    private readonly connect: (table: string) => TableClient,
    private readonly service: TableServiceClient,
    readonly prefix: string,
  ) {}

  static fromConfig(storage: StorageConfig, prefix: string): TableService {
    const options = { allowInsecureConnection: true };
    if (storage.kind === 'accountUrl') {
      const credential = new DefaultAzureCredential();
      return new TableService(
        (table) => new TableClient(storage.accountUrl, table, credential, options),
        new TableServiceClient(storage.accountUrl, credential, options),
        prefix,
      );
    }
    const connectionString =
      storage.kind === 'connectionString' ? storage.connectionString : azuriteConnectionString(storage.port);
    return new TableService(
      (table) => TableClient.fromConnectionString(connectionString, table, options),
      TableServiceClient.fromConnectionString(connectionString, options),
      prefix,
    );
  }

  /** The client for `<prefix><name>`, with the table created on first use. */
  table(name: string): Promise<TableClient> {
    const tableName = `${this.prefix}${name}`;
    let client = this.created.get(tableName);
    if (!client) {
      client = this.ensureTable(tableName);
      // A failed creation (storage down) must not be cached forever.
      client.catch(() => this.created.delete(tableName));
      this.created.set(tableName, client);
    }
    return client;
  }

  /** Cheap round trip used by /healthz: lists at most one table. */
  async ping(): Promise<void> {
    const pages = this.service.listTables().byPage({ maxPageSize: 1 });
    await pages.next();
  }

  /**
   * Creates again every table this process has used that no longer exists (an emulator restarted without its
   * data, a table deleted by hand); resolves with their names. Without this every write would fail until a
   * restart, because a table is otherwise created only on its first use.
   */
  async recreateMissingTables(): Promise<string[]> {
    const known = [...this.created.keys()];
    // Listed even when no table is known yet: this is also the round trip that proves storage answers.
    const existing = new Set<string>();
    const filter = odata`TableName ge ${this.prefix} and TableName lt ${`${this.prefix}~`}`;
    for await (const table of this.service.listTables({ queryOptions: { filter } }))
      if (table.name) existing.add(table.name);
    const missing = known.filter((name) => !existing.has(name));
    for (const name of missing) {
      this.created.delete(name);
      await this.table(name.slice(this.prefix.length));
    }
    return missing;
  }

  private async ensureTable(tableName: string): Promise<TableClient> {
    const client = this.connect(tableName);
    try {
      await client.createTable();
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    return client;
  }
}
