import { randomBytes } from 'node:crypto';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { TableService } from '../../src/core/storage';
import { testAzurite } from './rootHooks';

export interface RecordedRequest {
  method: string;
  /** The answer's status (0 while it is on its way, -1 when none came). */
  status: number;
  table: string;
}

/** Every request a table client sends from now on, as it leaves the SDK, with its answer's status. */
export function recordRequests(client: TableClient, requests: RecordedRequest[] = []): RecordedRequest[] {
  client.pipeline.addPolicy({
    name: 'recordRequests',
    sendRequest: async (request, next) => {
      const entry = { method: request.method, status: 0, table: client.tableName };
      requests.push(entry);
      try {
        const response = await next(request);
        entry.status = response.status;
        return response;
      } catch (err) {
        entry.status = (err as { statusCode?: number }).statusCode ?? -1;
        throw err;
      }
    },
  });
  return requests;
}

/** Fresh tables (on the test Azurite) whose every request, to any table, is recorded in `requests`. */
export function recordedTables(): { tables: TableService; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const { connectionString } = testAzurite();
  const options = { allowInsecureConnection: true };
  const tables = new TableService(
    (table) => {
      const client = TableClient.fromConnectionString(connectionString, table, options);
      recordRequests(client, requests);
      return client;
    },
    TableServiceClient.fromConnectionString(connectionString, options),
    `t${randomBytes(5).toString('hex')}`,
  );
  return { tables, requests };
}

/**
 * Makes the next `count` entity creations on `client` collide the way two writers of one key do: each is sent
 * twice, so storage stores the first (the other writer's) and answers the second with 409 EntityAlreadyExists.
 * Then `fail` (if given) fails the creation after that without sending it. Every attempted row key is kept
 * in `rows`, in order.
 */
export function collideCreates(client: TableClient, count: number, fail?: Error): { rows: string[] } {
  const rows: string[] = [];
  let left = count;
  let failure = fail;
  client.pipeline.addPolicy({
    name: 'collideCreates',
    sendRequest: async (request, next) => {
      const isCreate =
        request.method === 'POST' && new URL(request.url).pathname.endsWith(`/${client.tableName}`);
      if (!isCreate) return next(request);
      rows.push((JSON.parse(String(request.body)) as { RowKey: string }).RowKey);
      if (left > 0) {
        left--;
        await next(request);
        return next(request);
      }
      if (failure) {
        const error = failure;
        failure = undefined; // once
        throw error;
      }
      return next(request);
    },
  });
  return { rows };
}
