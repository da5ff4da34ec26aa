import type { Scenario } from './scenarios';
import { percentile } from './stats';

/** Runs `turns` measured turns of a scenario at a concurrency on its bot (after `warmup` unmeasured ones). */
export type RunMeasured = (
  scenario: Scenario,
  concurrency: number,
  turns: number,
  warmup: number,
) => Promise<number[]>;

/** One comparison with echo: the median over the rounds of each round's ratio, and each round's numbers. */
export interface RoundsResult {
  name: string;
  ratio: number;
  ratios: number[];
  /** The scenario's and echo's statistic (median or p99, ms) in each round. */
  values: number[];
  echoValues: number[];
}

export interface RoundsPlan {
  rounds: number;
  concurrency: number;
  turns: number;
  warmup: number;
  /** Which statistic is compared: 50 for the median, 99 for the p99. */
  percentile: number;
}

/** The c=1 bar: median latency against echo's, in short rounds (each bot sat idle meanwhile, so each warms up). */
export const C1_ROUNDS: RoundsPlan = { rounds: 7, concurrency: 1, turns: 100, warmup: 30, percentile: 50 };

/**
 * The c=50 bar: p99 against echo's, in rounds of the table's own phase size. One phase's p99 of 2 000 turns at
 * 50 conversations is decided by one or two stalls (a garbage collection or a descheduled process delays every
 * turn in flight, i.e. ~50 of the 20 that make the p99), so it moves by a factor of two between two phases of
 * the same code (echo's own p99 ranged 28–88 ms in one run). Five rounds give five such draws; their median
 * ratio is the bar, and every round is printed.
 */
export const C50_ROUNDS: RoundsPlan = {
  rounds: 5,
  concurrency: 50,
  turns: 2_000,
  warmup: 250,
  percentile: 99,
};

/**
 * Each round runs echo, then each other scenario, back to back, so slow drift of the shared machine lands on
 * both sides of every ratio; the median of the rounds' ratios is reported (one slow round does not decide it).
 */
export async function interleavedRounds(
  run: RunMeasured,
  echo: Scenario,
  others: Scenario[],
  plan: RoundsPlan,
): Promise<RoundsResult[]> {
  const results: RoundsResult[] = others.map(({ name }) => ({
    name,
    ratio: NaN,
    ratios: [],
    values: [],
    echoValues: [],
  }));
  for (let round = 0; round < plan.rounds; round++) {
    const echoValue = percentile(await run(echo, plan.concurrency, plan.turns, plan.warmup), plan.percentile);
    for (const [i, scenario] of others.entries()) {
      const value = percentile(
        await run(scenario, plan.concurrency, plan.turns, plan.warmup),
        plan.percentile,
      );
      const result = results[i]!;
      result.values.push(value);
      result.echoValues.push(echoValue);
      result.ratios.push(value / echoValue);
    }
  }
  for (const result of results) result.ratio = percentile(result.ratios, 50);
  return results;
}

/** "report-dialog 2.41× (rounds: 2.10 2.41 2.95 …; p99 ms 104/43 …)" */
export function describeRounds(result: RoundsResult, statistic: string): string {
  const rounds = result.ratios
    .map(
      (ratio, i) =>
        `${ratio.toFixed(2)} (${result.values[i]!.toFixed(1)}/${result.echoValues[i]!.toFixed(1)})`,
    )
    .join(', ');
  return `${result.name} ${result.ratio.toFixed(2)}× [each round: ratio (${statistic} ms ${result.name}/echo): ${rounds}]`;
}
