import { createHmac, randomBytes } from 'node:crypto';

/**
 * Keyed pseudonyms for ids in telemetry: the same id gives the same pseudonym (so one conversation's turns can
 * be followed), but without the key nobody can test a guessed id against it, as they could with a plain hash.
 */
export class Pseudonymiser {
  private readonly key: Buffer;

  /** Without a key, a random one: pseudonyms then hold within this process only. */
  constructor(key?: string) {
    this.key = key ? Buffer.from(key, 'utf8') : randomBytes(32);
  }

  of(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('base64url').slice(0, 16);
  }
}
