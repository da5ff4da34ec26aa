import type { TableClient, TableEntity, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { fromChunkedProperties, toChunkedProperties } from './chunkedJson';
import { putEntity } from './entityPut';
import { fromTableKey, toTableKey } from './keys';
import { ConcurrencyError, isAlreadyExists, isNotFound, isPreconditionFailed } from './tableErrors';

/** Extra columns stored beside a record's JSON, for server-side filters (short ASCII codes). */
export type Columns = Record<string, string>;

/** One write of a transaction: all of them in one partition, all or none applied. */
export type TransactionStep =
  | { op: 'create'; row: string; value: object; columns?: Columns }
  | { op: 'replace'; row: string; value: object; etag: string; columns?: Columns };

/** A stored record with the ETag to hand back on a conditional write. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/**
 * The small persistence API capabilities build on: typed records under (partition, row) keys, with
 * ETag-conditional writes wherever two writers can meet. Values are stored as JSON (chunked across
 * properties, see chunkedJson.ts) so a record's shape can evolve without a table migration; properties named in `indexed` are also stored as columns so
 * they can be filtered on server-side (keep those to short ASCII codes: see asciiJson.ts).
 */
export class Repository<T extends object> {
  /** `indexed` columns must hold strings: replace and upsert (entityPut.ts) refuse anything else. */
  constructor(
    private readonly table: () => Promise<TableClient>,
    private readonly indexed: (keyof T & string)[] = [],
  ) {}

  async get(partition: string, row: string): Promise<Versioned<T> | undefined> {
    const client = await this.table();
    try {
      const entity = await client.getEntity<Record<string, unknown>>(toTableKey(partition), toTableKey(row));
      return { value: fromChunkedProperties<T>(entity), etag: entity.etag };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Inserts; fails with ConcurrencyError when the record already exists (idempotent creation). */
  async create(partition: string, row: string, value: T, columns: Columns = {}): Promise<string> {
    const client = await this.table();
    try {
      const result = await client.createEntity({ ...this.toEntity(partition, row, value), ...columns });
      return result.etag ?? '';
    } catch (err) {
      if (isAlreadyExists(err)) throw new ConcurrencyError(`${partition}/${row}`);
      throw err;
    }
  }

  /** Replaces only if the record still has `etag`; otherwise ConcurrencyError. */
  async replace(
    partition: string,
    row: string,
    value: T,
    etag: string,
    columns: Columns = {},
  ): Promise<string> {
    const client = await this.table();
    try {
      return await putEntity(client, { ...this.toEntity(partition, row, value), ...columns }, etag);
    } catch (err) {
      if (isPreconditionFailed(err) || isNotFound(err)) throw new ConcurrencyError(`${partition}/${row}`);
      throw err;
    }
  }

  async upsert(partition: string, row: string, value: T): Promise<string> {
    return putEntity(await this.table(), this.toEntity(partition, row, value));
  }

  /** Sets columns of a record (its JSON unchanged) only if it still has `etag`; otherwise ConcurrencyError. */
  async setColumns(partition: string, row: string, columns: Columns, etag: string): Promise<void> {
    const client = await this.table();
    try {
      await client.updateEntity(
        { partitionKey: toTableKey(partition), rowKey: toTableKey(row), ...columns },
        'Merge',
        {
          etag,
        },
      );
    } catch (err) {
      if (isPreconditionFailed(err) || isNotFound(err)) throw new ConcurrencyError(`${partition}/${row}`);
      throw err;
    }
  }

  /**
   * Writes every step in ONE Table Storage transaction (one partition, at most 100 steps): all or nothing. A
   * create of an existing row or a replace at a stale ETag fails the whole transaction with ConcurrencyError.
   */
  async transaction(partition: string, steps: TransactionStep[]): Promise<void> {
    const client = await this.table();
    const actions = steps.map((step): TransactionAction => {
      const entity = { ...this.toEntity(partition, step.row, step.value as T), ...step.columns };
      return step.op === 'create' ? ['create', entity] : ['update', entity, 'Replace', { etag: step.etag }];
    });
    try {
      await client.submitTransaction(actions);
    } catch (err) {
      if (isAlreadyExists(err) || isPreconditionFailed(err) || isNotFound(err))
        throw new ConcurrencyError(`${partition}: transaction`);
      throw err;
    }
  }

  /**
   * Read-modify-write with retries on conflict: `change` gets the current value (or undefined) and returns
   * the next one. Safe for concurrent callers: a lost race re-reads and re-applies the change, at most
   * `attempts` times in all (then the ConcurrencyError is thrown).
   */
  async update(
    partition: string,
    row: string,
    change: (current: T | undefined) => T,
    attempts = 8,
  ): Promise<Versioned<T>> {
    return (await this.updateIf(partition, row, change, attempts))!;
  }

  /**
   * `update` where `change` may decline (undefined): then nothing is written and the record is returned as
   * it is (undefined when there is none).
   */
  async updateIf(
    partition: string,
    row: string,
    change: (current: T | undefined) => T | undefined,
    attempts = 8,
  ): Promise<Versioned<T> | undefined> {
    return retryOnConflict(attempts, async () => {
      const current = await this.get(partition, row);
      const next = change(current?.value);
      if (next === undefined) return current;
      const etag = current
        ? await this.replace(partition, row, next, current.etag)
        : await this.create(partition, row, next);
      return { value: next, etag };
    });
  }

  async delete(partition: string, row: string, etag = '*'): Promise<void> {
    const client = await this.table();
    try {
      await client.deleteEntity(toTableKey(partition), toTableKey(row), { etag });
    } catch (err) {
      if (isPreconditionFailed(err)) throw new ConcurrencyError(`${partition}/${row}`);
      if (!isNotFound(err)) throw err;
    }
  }

  /** Every record in one partition, in row-key order. */
  async listPartition(partition: string): Promise<Array<Versioned<T> & { row: string }>> {
    const client = await this.table();
    const results: Array<Versioned<T> & { row: string }> = [];
    const entities = client.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${toTableKey(partition)}` },
    });
    for await (const entity of entities) results.push(fromEntity<T>(entity));
    return results;
  }

  /**
   * The records of one partition whose row key starts with `prefix`, in row-key order: a key-range read, so
   * only those rows are scanned. `where` (an OData filter over the indexed columns) narrows them further.
   */
  async listPrefix(
    partition: string,
    prefix: string,
    where?: string,
  ): Promise<Array<Versioned<T> & { row: string }>> {
    const client = await this.table();
    const range = prefixRange(partition, prefix);
    const filter = where ? `${range} and (${where})` : range;
    const results: Array<Versioned<T> & { row: string }> = [];
    for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } }))
      results.push(fromEntity<T>(entity));
    return results;
  }

  /** Records matching an OData filter over the indexed columns (build it with `odata` from @azure/data-tables). */
  async query(filter: string): Promise<Array<Versioned<T> & { partition: string; row: string }>> {
    const client = await this.table();
    const results: Array<Versioned<T> & { partition: string; row: string }> = [];
    for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      results.push({ ...fromEntity<T>(entity), partition: fromTableKey(entity.partitionKey ?? '') });
    }
    return results;
  }

  /** The entity for a record: its JSON in chunked properties, plus the indexed columns. */
  toEntity(partition: string, row: string, value: T): TableEntity {
    const entity: TableEntity = {
      partitionKey: toTableKey(partition),
      rowKey: toTableKey(row),
      ...toChunkedProperties(`record ${partition}/${row}`, value),
    };
    for (const column of this.indexed) {
      const v = value[column];
      if (v !== undefined && v !== null) (entity as Record<string, unknown>)[column] = v;
    }
    return entity;
  }
}

/**
 * The retry loop of a conditional read-modify-write: runs `attempt` (read, change, write with the ETag read)
 * again when it loses a race (ConcurrencyError), at most `attempts` times in all; the last loss is thrown, as
 * is any other error at once. `attempt` gets its number, so a caller may start from a copy it already holds
 * (attempt 1) and read afresh after a lost race (see ReportService.changeDraft).
 */
export async function retryOnConflict<R>(attempts: number, attempt: (n: number) => Promise<R>): Promise<R> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || n >= attempts) throw err;
    }
  }
}

/** The OData filter for one partition's rows whose key starts with `prefix` (every row when it is empty). */
function prefixRange(partition: string, prefix: string): string {
  const inPartition = odata`PartitionKey eq ${toTableKey(partition)}`;
  // No range for '': its upper bound would be '\u0000', below every key, and nothing would match.
  if (prefix === '') return inPartition;
  const from = toTableKey(prefix);
  // The first key after every key that starts with `from`: its last character raised by one. (Not `from`
  // + '~': an escaped character after the prefix is written `~XX`, and `~7e…` sorts after `~`.)
  const to = `${from.slice(0, -1)}${String.fromCharCode(from.charCodeAt(from.length - 1) + 1)}`;
  return `${inPartition} and ${odata`RowKey ge ${from} and RowKey lt ${to}`}`;
}

function fromEntity<T>(entity: TableEntityResult<Record<string, unknown>>): Versioned<T> & { row: string } {
  return {
    value: fromChunkedProperties<T>(entity),
    etag: entity.etag,
    row: fromTableKey(entity.rowKey ?? ''),
  };
}
