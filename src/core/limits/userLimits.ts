import { createHash } from 'node:crypto';
import type { Repository } from '../storage';

/** At most `max` events in `windowMs`; with `duplicateMs`, the same fingerprint again within it is a duplicate. */
export interface LimitRule {
  max: number;
  windowMs: number;
  duplicateMs?: number;
}

export type LimitKind = 'question' | 'report' | 'riskMark';

/**
 * What one person may trigger towards the security chief. Questions: a handful an hour (the same question
 * again within a day is dropped as a duplicate). Reports are never refused; past their limit they are
 * summed up for the chief instead of alerting one by one. Risk marks: a few meetings a day.
 */
export const DEFAULT_LIMITS: Record<LimitKind, LimitRule> = {
  question: { max: 5, windowMs: 60 * 60_000, duplicateMs: 24 * 60 * 60_000 },
  report: { max: 3, windowMs: 10 * 60_000 },
  riskMark: { max: 3, windowMs: 24 * 60 * 60_000 },
};

export type LimitOutcome = { kind: 'ok' } | { kind: 'duplicate' } | { kind: 'limited'; retryAfterMs: number };

/** The stored recent events of one person and one kind: times and fingerprints (hashes), never text. */
export interface LimitRecord {
  events: Array<{ at: number; fp?: string }>;
}

/** Events kept per record: enough for any rule's window, small enough to stay one entity. */
const MAX_KEPT = 64;

/**
 * Per-person limits, counted in Table Storage (so every instance counts the same events; the write is
 * ETag-conditional). Turns of one person are counted one at a time in this process, and once the stored
 * count shows the limit is reached, further attempts are refused from memory without a storage round trip
 * (events are only ever added, so a reached limit stays reached until the window moves on).
 */
export class UserLimits {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly lastSeen = new Map<string, LimitRecord>();

  constructor(
    private readonly records: Repository<LimitRecord>,
    private readonly rules: Record<LimitKind, LimitRule> = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts one event of `kind` for `userKey` when it is within the limit and not a duplicate of
   * `fingerprintOf` text (normalised, hashed); otherwise counts nothing and says why.
   */
  take(kind: LimitKind, userKey: string, text?: string): Promise<LimitOutcome> {
    const key = `${kind}|${userKey}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.takeNow(kind, key, text));
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  private async takeNow(kind: LimitKind, key: string, text: string | undefined): Promise<LimitOutcome> {
    const rule = this.rules[kind];
    const fp = text === undefined ? undefined : fingerprint(text);
    const known = this.lastSeen.get(key);
    if (known) {
      const early = this.judge(rule, known, fp);
      if (early.kind !== 'ok') return early;
    }
    let outcome: LimitOutcome = { kind: 'ok' };
    const saved = await this.records.update('limits', key, (current) => {
      const record = this.pruned(rule, current ?? { events: [] });
      outcome = this.judge(rule, record, fp);
      if (outcome.kind !== 'ok') return record;
      return { events: [...record.events, { at: this.now(), ...(fp ? { fp } : {}) }].slice(-MAX_KEPT) };
    });
    this.lastSeen.set(key, saved.value);
    if (this.lastSeen.size > 10_000) this.lastSeen.delete(this.lastSeen.keys().next().value!);
    return outcome;
  }

  private judge(rule: LimitRule, record: LimitRecord, fp: string | undefined): LimitOutcome {
    const now = this.now();
    if (fp && rule.duplicateMs && record.events.some((e) => e.fp === fp && now - e.at < rule.duplicateMs!))
      return { kind: 'duplicate' };
    const inWindow = record.events.filter((e) => now - e.at < rule.windowMs);
    if (inWindow.length < rule.max) return { kind: 'ok' };
    return { kind: 'limited', retryAfterMs: inWindow[0]!.at + rule.windowMs - now };
  }

  private pruned(rule: LimitRule, record: LimitRecord): LimitRecord {
    const keepMs = Math.max(rule.windowMs, rule.duplicateMs ?? 0);
    return { events: record.events.filter((e) => this.now() - e.at < keepMs) };
  }
}

/** The same question in other case, spacing or punctuation is the same question. */
function fingerprint(text: string): string {
  const folded = text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
  return createHash('sha256').update(folded).digest('base64url').slice(0, 22);
}
