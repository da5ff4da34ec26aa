import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type HttpClient,
} from '@azure/core-rest-pipeline';
import type { TableClient } from '@azure/data-tables';

/**
 * An entity as Repository builds it. Its properties are strings (JSON chunks, short codes) and the integer
 * chunk count: sent as plain JSON, as the SDK sends them. Anything the SDK would send with an EDM type
 * annotation (a Date, a bigint, bytes, a fraction) is refused rather than sent differently.
 */
export type PutEntity = Record<string, unknown> & { partitionKey: string; rowKey: string };

/**
 * The table client's own pipeline sends, so the credential signs and the retry, request id and user agent
 * policies apply as for every other call; only the HTTP connection pool is ours (the client's is private).
 */
let httpClient: HttpClient | undefined;

/**
 * Table Storage's Update Entity (with `etag`: a conditional replace) or Insert Or Replace Entity (without), the
 * same PUT `TableClient.updateEntity(entity, 'Replace', { etag })` and `upsertEntity(entity, 'Replace')` send
 * (test/integration/entityPut.test.ts holds the two side by side), without the SDK's generated operation. Why:
 * every step of the report dialog is one such write, and the generated layer (operation spec walk, EDM
 * serialisation, deserialising the answer) cost ~0.1 ms of the ~0.35 ms of client CPU per write. Returns the
 * new ETag; a failure is the RestError the SDK gives (status, and the service's code in `details.errorCode`).
 */
export async function putEntity(client: TableClient, entity: PutEntity, etag?: string): Promise<string> {
  const account = accountOf(client);
  const request = createPipelineRequest({
    url: entityUrl(account, client.tableName, entity.partitionKey, entity.rowKey),
    method: 'PUT',
    body: JSON.stringify(wireEntity(entity)),
    headers: createHttpHeaders({
      'Content-Type': 'application/json',
      'x-ms-version': '2019-02-02',
      DataServiceVersion: '3.0',
      Accept: 'application/json',
      ...(etag === undefined ? {} : { 'If-Match': etag }),
    }),
    // Plain http only ever reaches Azurite on loopback; TableService allows it for every client it makes.
    allowInsecureConnection: account.insecure,
  });
  const response = await client.pipeline.sendRequest((httpClient ??= createDefaultHttpClient()), request);
  if (response.status === 204) return response.headers.get('etag') ?? '';
  const headers = response.headers.toJSON();
  const error = new RestError(response.bodyAsText || `Table Storage answered ${response.status}`, {
    statusCode: response.status,
    request,
    response,
  });
  error.details = { errorCode: headers['x-ms-error-code'], ...headers };
  throw error;
}

/** A client's account URL, parsed: its path without a trailing slash, its query (a SAS) kept. */
interface Account {
  origin: string;
  path: string;
  query: string;
  insecure: boolean;
}

/** Parsed once per client. */
const accounts = new WeakMap<TableClient, Account>();

function accountOf(client: TableClient): Account {
  let account = accounts.get(client);
  if (!account) {
    const url = new URL(client.url);
    account = {
      origin: url.origin,
      path: url.pathname.replace(/\/+$/, ''),
      query: url.search,
      insecure: url.protocol === 'http:',
    };
    accounts.set(client, account);
  }
  return account;
}

/** Where the SDK sends an entity operation: the table and keys after the account's path, its query after them. */
function entityUrl(
  { origin, path, query }: Account,
  table: string,
  partitionKey: string,
  rowKey: string,
): string {
  const entity = `${table}(PartitionKey='${keyInUrl(partitionKey)}',RowKey='${keyInUrl(rowKey)}')`;
  return `${origin}${path}/${entity}${query}`;
}

/** The SDK's key in the URL: quotes doubled (OData), then percent-encoded as a path parameter. */
function keyInUrl(key: string): string {
  return encodeURIComponent(key.replace(/'/g, "''"));
}

/** The properties in their order, the two keys renamed as the service names them (what the SDK sends). */
function wireEntity(entity: PutEntity): Record<string, string | number> {
  const wire: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isSafeInteger(value)))
      throw new TypeError(`putEntity: ${name} is neither a string nor an integer`);
    wire[name === 'partitionKey' ? 'PartitionKey' : name === 'rowKey' ? 'RowKey' : name] = value;
  }
  return wire;
}
