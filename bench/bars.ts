/**
 * The bars of issue #17 ("Lean and fast"), checked against what one bench run measured. A bar whose number
 * the run did not measure (e.g. `--memory-only`) is listed as not measured, never as passed.
 */
export interface Measured {
  readyMs?: number;
  rssAfter10kMb?: number;
  /** RSS growth from 5 000 to 10 000 mixed turns, in per cent. */
  rssGrowthPct?: number;
  /**
   * Report-dialog p99 at 50 conversations divided by echo's p99 at 50, from the same run: each the p99 of the
   * interleaved rounds' turns together (bench/rounds.ts).
   */
  reportP99VsEcho?: number;
  /** Guidance median at c=1 against echo's, from the interleaved rounds. */
  guidanceMedianVsEcho?: number;
  submitToAlertsMedianMs?: number;
}

interface Bar {
  label: string;
  key: keyof Measured;
  limit: number;
  /** `<=` unless the bar is strict. */
  strict?: boolean;
  format: (value: number) => string;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const times = (value: number) => `${value.toFixed(2)}×`;

export const BARS: Bar[] = [
  { label: 'ready (/healthz 200) after start', key: 'readyMs', limit: 2_000, format: ms },
  { label: 'RSS after 10 000 mixed turns', key: 'rssAfter10kMb', limit: 250, format: (v) => `${v} MB` },
  {
    label: 'RSS growth 5 000 → 10 000',
    key: 'rssGrowthPct',
    limit: 10,
    strict: true,
    format: (v) => `${v.toFixed(1)} %`,
  },
  {
    label: 'report-dialog p99 at c=50 vs echo (interleaved)',
    key: 'reportP99VsEcho',
    limit: 3,
    format: times,
  },
  {
    label: 'guidance median at c=1 vs echo (interleaved)',
    key: 'guidanceMedianVsEcho',
    limit: 1.5,
    format: times,
  },
  { label: 'submit → both alert cards, median', key: 'submitToAlertsMedianMs', limit: 300, format: ms },
];

/** One row per bar: label, bar, measured value, PASS / FAIL / not measured. */
export function barRows(measured: Measured): string[][] {
  return BARS.map(({ label, key, limit, strict, format }) => {
    const value = measured[key];
    const bar = `${strict ? '<' : '≤'} ${format(limit)}`;
    if (value === undefined || !Number.isFinite(value)) return [label, bar, '–', 'not measured'];
    const passed = strict ? value < limit : value <= limit;
    return [label, bar, format(value), passed ? 'PASS' : 'FAIL'];
  });
}

export const BAR_HEADER = ['bar (issue #17)', 'bar', 'measured', 'result'];
