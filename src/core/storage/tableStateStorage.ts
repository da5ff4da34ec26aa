import type { TableClient } from '@azure/data-tables';
import { fromChunkedProperties, toChunkedProperties } from './chunkedJson';
import { MAX_KEY_LENGTH, toTableKey } from './keys';
import { ConcurrencyError, isAlreadyExists, isNotFound, isPreconditionFailed } from './tableErrors';

const ROW_KEY = 'state';

/** Stored state by key: botbuilder's `StoreItems`, written out so core/ needs no botbuilder import. */
export type StoreItems = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * botbuilder's `Storage` interface, structurally: `ConversationState`/`UserState` in the composition root
 * accept this class as it is, and the compiler checks it there.
 */
export interface StateStorage {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/**
 * botbuilder `Storage` over Azure Table Storage with botbuilder's eTag semantics: no eTag or "*" writes
 * unconditionally; any other eTag must match the stored one, else the write fails with a conflict error.
 * State larger than one property is split across properties of one entity (see chunkedJson.ts); state that
 * does not fit one entity fails with a clear error and is never truncated.
 */
export class TableStateStorage implements StateStorage {
  constructor(private readonly table: () => Promise<TableClient>) {}

  async read(keys: string[]): Promise<StoreItems> {
    const client = await this.table();
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        try {
          const entity = await client.getEntity<Record<string, unknown>>(partitionOf(key), ROW_KEY);
          items[key] = { ...fromChunkedProperties<object>(entity), eTag: entity.etag };
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const client = await this.table();
    await Promise.all(Object.entries(changes).map(([key, item]) => writeOne(client, key, item)));
  }

  async delete(keys: string[]): Promise<void> {
    const client = await this.table();
    await Promise.all(
      keys.map(async (key) => {
        try {
          await client.deleteEntity(partitionOf(key), ROW_KEY);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }),
    );
  }
}

async function writeOne(client: TableClient, key: string, item: Record<string, unknown>): Promise<void> {
  const { eTag, ...state } = item as { eTag?: string };
  const entity = {
    partitionKey: partitionOf(key),
    rowKey: ROW_KEY,
    ...toChunkedProperties(`state for "${key}"`, state),
  };
  if (!eTag || eTag === '*') {
    await client.upsertEntity(entity, 'Replace');
    return;
  }
  try {
    await client.updateEntity(entity, 'Replace', { etag: eTag });
  } catch (err) {
    if (isPreconditionFailed(err)) throw new ConcurrencyError(key);
    if (!isNotFound(err)) throw err;
    // Nothing stored yet under this key: an eTag cannot conflict with nothing, but a racing creator can.
    await client.createEntity(entity).catch((createErr: unknown) => {
      throw isAlreadyExists(createErr) ? new ConcurrencyError(key) : createErr;
    });
  }
}

function partitionOf(key: string): string {
  const partition = toTableKey(key);
  if (partition.length > MAX_KEY_LENGTH)
    throw new Error(`Storage: key is longer than ${MAX_KEY_LENGTH} characters`);
  return partition;
}
