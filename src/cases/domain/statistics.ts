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
  /** Months, or quarters once the statistics are coarsened and a month was small (see `coarsen`). */
  byMonth: Count[];
  /** 'quarter' when `byMonth` holds quarters. */
  timeUnit?: 'month' | 'quarter';
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

/**
 * The smallest count shown for one party, one body or one month. In a municipality of a few dozen elected
 * officials, "one report, party M, Valnämnden, March" points at a person; three of each does not.
 */
export const MIN_CELL = 3;

export interface CoarseLabels {
  /** The row that holds the merged small cells, e.g. "Övriga (färre än 3 var)". */
  other: string;
  quarter: (year: string, quarter: number) => string;
}

/**
 * Statistics fit to leave the security function: parties and bodies with fewer than `k` reports are merged
 * into one "other" row (and parties with none are not listed, so the merged row cannot be told apart by
 * elimination); when any month has fewer than `k`, the period is counted by quarter. Kinds and channels and
 * the total stay exact: none of them names a group of people.
 */
export function coarsen(statistics: Statistics, labels: CoarseLabels, k = MIN_CELL): Statistics {
  const smallMonth = statistics.byMonth.some((c) => c.count > 0 && c.count < k);
  return {
    ...statistics,
    byMonth: smallMonth ? byQuarter(statistics.byMonth, labels.quarter) : statistics.byMonth,
    timeUnit: smallMonth ? 'quarter' : 'month',
    byParty: mergeSmall(statistics.byParty, k, labels.other),
    byBody: mergeSmall(statistics.byBody, k, labels.other),
  };
}

function mergeSmall(counts: Count[], k: number, other: string): Count[] {
  const kept = counts.filter((c) => c.count >= k);
  const merged = counts.filter((c) => c.count < k).reduce((sum, c) => sum + c.count, 0);
  return merged > 0 ? [...kept, { key: other, count: merged }] : kept;
}

function byQuarter(months: Count[], label: CoarseLabels['quarter']): Count[] {
  const quarters = new Map<string, number>();
  for (const { key, count } of months) {
    const quarter = `${key.slice(0, 4)}|${Math.floor((Number(key.slice(5, 7)) - 1) / 3) + 1}`;
    quarters.set(quarter, (quarters.get(quarter) ?? 0) + count);
  }
  return [...quarters].map(([quarter, count]) => {
    const [year = '', n = ''] = quarter.split('|');
    return { key: label(year, Number(n)), count };
  });
}
