import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { Storage, StoreItems } from 'botbuilder';
import { MAX_KEY_LENGTH, toTableKey } from './keys';
import { toAsciiJson } from './asciiJson';
import { ConcurrencyError, isAlreadyExists, isNotFound, isPreconditionFailed } from './tableErrors';

/**
 * A Table Storage string property holds at most 64 KiB (32 K UTF-16 units). State is JSON split across
 * numbered properties of ONE entity, so a write stays atomic and ETag-checked; an entity holds at most 1 MiB.
 */
const CHUNK_CHARS = 30_000;
const MAX_CHUNKS = 15;
const ROW_KEY = 'state';

type StateEntity = { partitionKey: string; rowKey: string; chunks: number } & Record<string, unknown>;

export class StateTooLargeError extends Error {
  constructor(key: string, chars: number) {
    super(
      `Storage: state for "${key}" is ${chars} characters, over the ${CHUNK_CHARS * MAX_CHUNKS} that fit one table entity`,
    );
    this.name = 'StateTooLargeError';
  }
}

/**
 * botbuilder `Storage` over Azure Table Storage with botbuilder's eTag semantics: no eTag or "*" writes
 * unconditionally; any other eTag must match the stored one, else the write fails with a conflict error.
 */
export class TableStateStorage implements Storage {
  constructor(private readonly table: () => Promise<TableClient>) {}

  async read(keys: string[]): Promise<StoreItems> {
    const client = await this.table();
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        try {
          const entity = await client.getEntity<StateEntity>(partitionOf(key), ROW_KEY);
          items[key] = { ...JSON.parse(joinChunks(entity)), eTag: entity.etag };
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
  const entity = toEntity(key, toAsciiJson(state));
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

function toEntity(key: string, json: string): StateEntity {
  const parts = splitChunks(json);
  if (parts.length > MAX_CHUNKS) throw new StateTooLargeError(key, json.length);
  const entity: StateEntity = { partitionKey: partitionOf(key), rowKey: ROW_KEY, chunks: parts.length };
  parts.forEach((part, i) => (entity[`d${i}`] = part));
  return entity;
}

/** Splits ASCII JSON into property-sized pieces. */
export function splitChunks(text: string): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length || parts.length === 0; start += CHUNK_CHARS) {
    parts.push(text.slice(start, start + CHUNK_CHARS));
  }
  return parts;
}

function joinChunks(entity: TableEntityResult<StateEntity>): string {
  let json = '';
  for (let i = 0; i < entity.chunks; i++) json += String(entity[`d${i}`] ?? '');
  return json;
}
