import { TableClient, TableServiceClient } from '@azure/data-tables';
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
