import { createHash, randomBytes } from 'node:crypto';
import { ConcurrencyError, type Repository } from '../core/storage';
import type { LinkClaim, SignedLinks } from './signedLinks';

/** One issued link: the signed claim (integrity and expiry), and when it was handed out, if it was. */
export interface StoredLink {
  signed: string;
  /** When the link stops working (ISO); lets the retention job remove it afterwards. */
  expiresAt: string;
  redeemedAt?: string;
}

const PARTITION = 'link';

/**
 * Links to files the bot serves itself (a report export, a statistics chart), bound to their use rather than
 * reusable bearer links. The URL holds only a random 256-bit id in its path (no query string, so it is not
 * kept in proxies' query logs); the claim stays on the server, signed, under a hash of the id (read access
 * to the table does not give working links). An export is handed out once; a chart (aggregated numbers
 * only, fetched by Teams' image proxy, so it cannot be bound to a person) works until it expires.
 *
 * Why not Teams sign-in or the file-consent upload: both need an Entra app registration with an exposed
 * API (sign-in) or a personal-scope FileConsent flow, neither available in the Agents Playground; a
 * one-time link works in both, and it is only ever posted into the requester's 1:1 chat.
 */
export class DownloadLinks {
  constructor(
    private readonly links: SignedLinks,
    private readonly stored: Repository<StoredLink>,
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new link id for `claim`. */
  async issue(claim: LinkClaim): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.stored.create(PARTITION, rowOf(id), {
      signed: this.links.sign(claim),
      expiresAt: new Date(this.now() + this.lifetimeMs).toISOString(),
    });
    return id;
  }

  /** The claim while the link works (genuine, not expired, not yet handed out); undefined otherwise. */
  async peek(id: string): Promise<LinkClaim | undefined> {
    const found = await this.find(id);
    return found && !found.value.redeemedAt ? this.links.verify(found.value.signed) : undefined;
  }

  /** Hands the link out: the claim the first time (an ETag-conditional write decides), undefined after. */
  async redeem(id: string): Promise<LinkClaim | undefined> {
    const found = await this.find(id);
    if (!found || found.value.redeemedAt) return undefined;
    const claim = this.links.verify(found.value.signed);
    if (!claim) return undefined;
    try {
      const redeemedAt = new Date(this.now()).toISOString();
      await this.stored.replace(PARTITION, rowOf(id), { ...found.value, redeemedAt }, found.etag);
    } catch (err) {
      if (err instanceof ConcurrencyError) return undefined; // someone else opened it at the same moment
      throw err;
    }
    return claim;
  }

  /** Removes links that stopped working before `before`; returns how many. */
  async removeExpired(before: Date): Promise<number> {
    let removed = 0;
    for (const row of await this.stored.listPartition(PARTITION)) {
      if (row.value.expiresAt < before.toISOString()) {
        await this.stored.delete(PARTITION, row.row, row.etag).catch((err: unknown) => {
          if (!(err instanceof ConcurrencyError)) throw err;
        });
        removed++;
      }
    }
    return removed;
  }

  private async find(id: string) {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    return this.stored.get(PARTITION, rowOf(id));
  }
}

const rowOf = (id: string): string => createHash('sha256').update(id).digest('hex');
