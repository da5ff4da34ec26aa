import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestError } from '@azure/core-rest-pipeline';
import { AzureNamedKeyCredential, TableClient } from '@azure/data-tables';
import { putEntity, type PutEntity } from '../../src/core/storage/entityPut';
import { isNotFound, isPreconditionFailed } from '../../src/core/storage/tableErrors';
import { freshTables } from '../support/rootHooks';

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const ETAG = `W/"datetime'2026-12-08T01%3A00%3A00.0000000Z'"`;

/** A loopback "Table Storage" that records every request and answers from a script (then 204 with an ETag). */
async function recordingStorage(script: Array<{ status: number; headers?: Record<string, string> }> = []) {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const answer = script.shift() ?? { status: 204, headers: { ETag: ETAG } };
      res.writeHead(answer.status, answer.headers);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const options = { allowInsecureConnection: true };
  const account = `http://127.0.0.1:${port}/devstoreaccount1`;
  // Azurite's well-known development key: signing needs a key, and this one is public.
  const credential = new AzureNamedKeyCredential(
    'devstoreaccount1',
    'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  );
  const sas = 'sv=2020-08-04&ss=t&srt=sco&sp=rwdlacu&se=2030-01-01T00%3A00%3A00Z&sig=c2lnbmF0dXJl';
  /** Every way an account can be written: a key, a trailing slash, an upper-case scheme, a SAS in the query. */
  const clients = {
    key: new TableClient(account, 'Drafts', credential, options),
    trailingSlash: new TableClient(`${account}/`, 'Drafts', credential, options),
    upperCaseScheme: new TableClient(account.replace('http:', 'HTTP:'), 'Drafts', credential, options),
    sasConnectionString: TableClient.fromConnectionString(
      `TableEndpoint=${account};SharedAccessSignature=${sas}`,
      'Drafts',
      options,
    ),
  };
  return {
    client: clients.key,
    clients,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What must be the same on the wire; the date, its signature and the request id differ per request. */
function comparable({ method, url, headers, body }: Recorded) {
  const { 'x-ms-date': date, authorization, 'x-ms-client-request-id': requestId, ...rest } = headers;
  assert.ok(requestId, 'with a request id');
  // Signed with the account key (dated, for the signature), or not at all (a SAS in the URL).
  if (authorization !== undefined) {
    assert.match(authorization, /^SharedKeyLite devstoreaccount1:[A-Za-z0-9+/=]{44}$/);
    assert.ok(date, 'dated');
  }
  return { method, url, headers: rest, body, signed: authorization !== undefined };
}

const KEYS = [
  ['reports', 'draft'],
  ["o'brien", "it's"],
  ['a b/c?d#e%f', 'r&s=t+u'],
  ['Åsa Öberg', 'ünïcode 😀'],
];

describe('putEntity: the PUT the SDK sends, without its generated operation', () => {
  it('sends what updateEntity(…, "Replace", { etag }) and upsertEntity(…, "Replace") send, for any keys and accounts', async () => {
    const storage = await recordingStorage();
    try {
      for (const [account, client] of Object.entries(storage.clients))
        for (const [partitionKey, rowKey] of KEYS) {
          const entity: PutEntity = {
            partitionKey: partitionKey!,
            rowKey: rowKey!,
            chunks: 2,
            d0: '{"text":"Hej \\u00e5',
            d1: '"}',
            kind: 'draft',
          };
          const etags = [
            (await client.updateEntity(entity, 'Replace', { etag: ETAG })).etag,
            await putEntity(client, entity, ETAG),
            (await client.upsertEntity(entity, 'Replace')).etag,
            await putEntity(client, entity),
          ];
          const [sdkUpdate, leanUpdate, sdkUpsert, leanUpsert] = storage.requests.splice(0).map(comparable);
          const label = `${account}: ${partitionKey}/${rowKey}`;
          assert.deepEqual(leanUpdate, sdkUpdate, `update, ${label}`);
          assert.deepEqual(leanUpsert, sdkUpsert, `upsert, ${label}`);
          assert.equal(sdkUpdate!.headers['if-match'], ETAG);
          assert.equal(sdkUpsert!.headers['if-match'], undefined);
          assert.equal(sdkUpdate!.signed, account !== 'sasConnectionString', label);
          assert.deepEqual(etags, [ETAG, ETAG, ETAG, ETAG]);
        }
    } finally {
      await storage.close();
    }
  });

  it("goes through the client's pipeline: its retry policy sends again after a 503", async () => {
    const storage = await recordingStorage([{ status: 503, headers: { 'Retry-After': '0' } }]);
    try {
      assert.equal(await putEntity(storage.client, { partitionKey: 'p', rowKey: 'r', d0: 'x' }, ETAG), ETAG);
      assert.equal(storage.requests.length, 2);
    } finally {
      await storage.close();
    }
  });

  it('refuses a property the SDK would send with an EDM type, before anything is sent', async () => {
    const storage = await recordingStorage();
    try {
      for (const odd of [1.5, new Date(), true, null, 2n ** 70n])
        await assert.rejects(putEntity(storage.client, { partitionKey: 'p', rowKey: 'r', odd }), TypeError);
      assert.equal(storage.requests.length, 0);
    } finally {
      await storage.close();
    }
  });

  describe('against Azurite', () => {
    let client: TableClient;
    beforeEach(async () => {
      client = await freshTables().table('Drafts');
    });

    it('writes at the ETag it was given and answers the new one; the entity reads back as written', async () => {
      const first = await putEntity(client, { partitionKey: 'Åsa', rowKey: "it's", chunks: 1, d0: 'ett' });
      const second = await putEntity(
        client,
        { partitionKey: 'Åsa', rowKey: "it's", chunks: 1, d0: 'två å 😀' },
        first,
      );
      const stored = await client.getEntity<Record<string, unknown>>('Åsa', "it's");
      assert.equal(stored.etag, second);
      assert.notEqual(second, first);
      assert.equal(stored.d0, 'två å 😀');
      assert.equal(stored.chunks, 1);
    });

    it('fails as the SDK fails: 412 at a stale ETag, 404 for a missing entity, with the code in details', async () => {
      const first = await putEntity(client, { partitionKey: 'p', rowKey: 'r', d0: 'ett' });
      await putEntity(client, { partitionKey: 'p', rowKey: 'r', d0: 'två' }, first);
      for (const [row, expected, code] of [
        ['r', 412, 'UpdateConditionNotSatisfied'],
        ['missing', 404, 'ResourceNotFound'],
      ] as const) {
        const lean = await putEntity(client, { partitionKey: 'p', rowKey: row, d0: 'tre' }, first).catch(
          (err: unknown) => err,
        );
        const sdk = await client
          .updateEntity({ partitionKey: 'p', rowKey: row, d0: 'tre' }, 'Replace', { etag: first })
          .catch((err: unknown) => err);
        for (const err of [lean, sdk]) {
          assert.ok(err instanceof RestError, `${expected}: a RestError`);
          assert.equal(err.statusCode, expected);
          assert.equal((err.details as { errorCode?: string }).errorCode, code);
        }
        // The service's own text, as the SDK gives it (its request id and time differ per request).
        const text = (err: unknown) => (err as RestError).message.replace(/(RequestId|Time):\S+/g, '$1:…');
        assert.equal(text(lean), text(sdk));
        assert.equal(isPreconditionFailed(lean), expected === 412);
        assert.equal(isNotFound(lean), expected === 404);
      }
      assert.equal((await client.getEntity<Record<string, unknown>>('p', 'r')).d0, 'två');
    });
  });
});
