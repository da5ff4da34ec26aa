import { randomUUID } from 'node:crypto';
import type { Recipient } from '../../src/alerts/domain/recipients';
import type { ReportSubmittedEvent } from '../../src/report/reportStore';
import type { RunningBot } from './botHarness';
import type { TestUser } from './activities';

/** A report's "submitted" event as the report capability writes it (no narrative), with a unique reference. */
export function reportEvent(number: number, kinds = 'hot'): ReportSubmittedEvent {
  return {
    type: 'report-submitted',
    reportId: randomUUID(),
    reference: `IR-2026-${String(number).padStart(4, '0')}`,
    party: 'S',
    body: 'Kommunfullmäktige',
    kinds,
    channel: 'epost',
    createdAt: new Date().toISOString(),
  };
}

export const asRecipient = (user: TestUser, role: Recipient['role'], party?: string): Recipient => ({
  aadObjectId: user.aadObjectId,
  role,
  ...(party ? { party } : {}),
});

/** POSTs (new messages, not card updates) into a chat whose JSON contains `marker`, with when they arrived. */
export function arrivals(bot: RunningBot, conversationId: string, marker: string): number[] {
  return bot.connector.calls
    .filter((c) => c.method === 'POST' && c.conversationId === conversationId && c.activity)
    .filter((c) => JSON.stringify(c.activity).includes(marker))
    .map((c) => c.at);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
