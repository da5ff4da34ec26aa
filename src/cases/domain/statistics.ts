import { swedishDate } from '../../core/i18n/time';
/**
 * Statistics for kommunstyrelsen: counts for a period by month, kind, channel, party and body. The input holds
 * only these codes and dates (no names, no narrative), so nothing personal can reach a chart or table.
 */
export interface StatisticsRow {
  /** Submission time (ISO); the month is taken in Swedish time. */
  createdAt: string;
  /** Comma-separated kind codes (a report may be several kinds: each counts once per kind). */
  kinds: string;
  channel: string;
  party: string;
  body: string;
}

export interface Period {
  /** Inclusive dates, YYYY-MM-DD, Swedish calendar. */
  from: string;
  to: string;
}

export interface Count {
  key: string;
  count: number;
}

export interface Statistics {
  period: Period;
  total: number;
  byMonth: Count[];
  byKind: Count[];
  byChannel: Count[];
  byParty: Count[];
  byBody: Count[];
}

/** Every month from the period's first to its last, so empty months show as zero. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let [year, month] = period.from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last || months.length > 120) break;
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

function tally(values: string[], order: string[] = []): Count[] {
  const counts = new Map<string, number>(order.map((key) => [key, 0]));
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const listed = order.map((key) => ({ key, count: counts.get(key) ?? 0 }));
  const rest = [...counts.entries()]
    .filter(([key]) => !order.includes(key))
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return [...listed, ...rest];
}

export interface StatisticsOrder {
  kinds?: string[];
  channels?: string[];
  parties?: string[];
  bodies?: string[];
}

/** Counts the rows submitted within the period; category orders keep known codes in form order, zeros included. */
export function computeStatistics(
  rows: StatisticsRow[],
  period: Period,
  order: StatisticsOrder = {},
): Statistics {
  const inPeriod = rows.filter((row) => {
    const day = swedishDate(row.createdAt);
    return day >= period.from && day <= period.to;
  });
  const blankAsUnknown = (value: string) => value.trim() || '–';
  return {
    period,
    total: inPeriod.length,
    byMonth: tally(
      inPeriod.map((row) => swedishDate(row.createdAt).slice(0, 7)),
      monthsOf(period),
    ),
    byKind: tally(
      inPeriod.flatMap((row) =>
        row.kinds
          .split(',')
          .map((kind) => kind.trim())
          .filter(Boolean),
      ),
      order.kinds,
    ),
    byChannel: tally(
      inPeriod.map((row) => blankAsUnknown(row.channel)),
      order.channels,
    ),
    byParty: tally(
      inPeriod.map((row) => blankAsUnknown(row.party)),
      order.parties,
    ),
    byBody: tally(
      inPeriod.map((row) => blankAsUnknown(row.body)),
      order.bodies,
    ),
  };
}

/** A quarter's period: "2026-Q3" style (1–4) → 2026-07-01 … 2026-09-30. */
export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  const startMonth = (quarter - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(startMonth)}-01`, to: `${year}-${pad(endMonth)}-${pad(lastDay)}` };
}

/** The quarter before the one `today` (YYYY-MM-DD) lies in: what the chief reports on. */
export function previousQuarter(today: string): Period {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return quarter === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, (quarter - 1) as 1 | 2 | 3);
}
