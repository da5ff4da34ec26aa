import type { Versioned } from '../core/storage';
import type { Draft } from './reportService';

/** A step card is rarely open longer than this; an older copy is read again (it costs one read, nothing more). */
export const DRAFT_CACHE_TTL_MS = 5 * 60_000;
/** People in a dialog at once per instance, with room to spare; the least recently used copy goes first. */
export const DRAFT_CACHE_ENTRIES = 2_000;

/**
 * The last version of each person's draft that THIS process read or wrote, with its ETag, so a step can be one
 * conditional write instead of a read and a write. Never the truth: another instance (or device) may have
 * written since. The service only uses a copy for a write that carries its ETag (a 412 then sends it back to
 * storage) or when the card's draft and step tell it the copy is the one she sees; it never shows a copy as it
 * is, and never writes one unconditionally, so nothing deleted or submitted elsewhere comes back.
 */
export class DraftCache {
  private readonly entries = new Map<string, { draft: Versioned<Draft>; storedAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = DRAFT_CACHE_TTL_MS,
    private readonly capacity = DRAFT_CACHE_ENTRIES,
  ) {}

  /** Her draft as this process last saw it, if that was recently. */
  get(ownerKey: string): Versioned<Draft> | undefined {
    const entry = this.entries.get(ownerKey);
    if (!entry) return undefined;
    this.entries.delete(ownerKey);
    if (this.now() - entry.storedAt > this.ttlMs) return undefined;
    this.entries.set(ownerKey, entry); // most recently used last
    return entry.draft;
  }

  set(draft: Versioned<Draft>): void {
    const key = draft.value.ownerKey;
    this.entries.delete(key);
    this.entries.set(key, { draft, storedAt: this.now() });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(ownerKey: string): void {
    this.entries.delete(ownerKey);
  }

  get size(): number {
    return this.entries.size;
  }
}
