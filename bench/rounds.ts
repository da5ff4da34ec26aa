import type { Scenario } from './scenarios';
import { percentile } from './stats';

/** Runs `turns` measured turns of a scenario at a concurrency on its bot (after `warmup` unmeasured ones). */
export type RunMeasured = (
  scenario: Scenario,
  concurrency: number,
  turns: number,
  warmup: number,
) => Promise<number[]>;

/** One comparison with echo, over all rounds, and each round's own numbers. */
export interface RoundsResult {
  name: string;
  /** The bar's number: see RoundsPlan.combine. */
  ratio: number;
  /** The scenario's and echo's statistic (median or p99, ms) of all rounds' turns together. */
  pooled: number;
  echoPooled: number;
  /** Each round's ratio, and the statistic of each round alone. */
  ratios: number[];
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
  /** The median of the rounds' ratios, or the statistic of all rounds' turns pooled, against echo's pooled. */
  combine: 'medianOfRatios' | 'pooled';
  /** Odd rounds run the scenarios before echo: whatever one side leaves behind on the machine lands on both. */
  alternate: boolean;
}

/** The c=1 bar: median latency against echo's, in short rounds (each bot sat idle meanwhile, so each warms up). */
export const C1_ROUNDS: RoundsPlan = {
  rounds: 7,
  concurrency: 1,
  turns: 100,
  warmup: 30,
  percentile: 50,
  combine: 'medianOfRatios',
  alternate: false,
};

/**
 * The c=50 bar: p99 against echo's p99. One phase's p99 of 2 000 turns at 50 conversations is decided by one or
 * two stalls (a garbage collection or a descheduled process delays every turn in flight, i.e. ~50 of the 20 that
 * make the p99), so it moved by a factor of two between two phases of the same code (echo's own p99 ranged
 * 28–88 ms in one run). The p99 of five rounds' 10 000 turns is one estimate from five times the turns: every
 * stall stays in it (a median of the rounds' ratios would drop the worst rounds), and the alternating order keeps
 * the machine's drift and one side's aftermath off either side alone.
 */
export const C50_ROUNDS: RoundsPlan = {
  rounds: 5,
  concurrency: 50,
  turns: 2_000,
  warmup: 250,
  percentile: 99,
  combine: 'pooled',
  alternate: true,
};

/** Runs echo and each other scenario back to back in every round (see RoundsPlan.alternate for the order). */
export async function interleavedRounds(
  run: RunMeasured,
  echo: Scenario,
  others: Scenario[],
  plan: RoundsPlan,
): Promise<RoundsResult[]> {
  const measure = (scenario: Scenario) => run(scenario, plan.concurrency, plan.turns, plan.warmup);
  const echoRounds: number[][] = [];
  const otherRounds: number[][][] = others.map(() => []);
  for (let round = 0; round < plan.rounds; round++) {
    const echoFirst = !plan.alternate || round % 2 === 0;
    if (echoFirst) echoRounds.push(await measure(echo));
    for (const [i, scenario] of others.entries()) otherRounds[i]!.push(await measure(scenario));
    if (!echoFirst) echoRounds.push(await measure(echo));
  }
  const statistic = (latencies: number[]) => percentile(latencies, plan.percentile);
  const echoValues = echoRounds.map(statistic);
  const echoPooled = statistic(echoRounds.flat());
  return others.map(({ name }, i) => {
    const values = otherRounds[i]!.map(statistic);
    const ratios = values.map((value, round) => value / echoValues[round]!);
    const pooled = statistic(otherRounds[i]!.flat());
    const ratio = plan.combine === 'pooled' ? pooled / echoPooled : percentile(ratios, 50);
    return { name, ratio, pooled, echoPooled, ratios, values, echoValues: [...echoValues] };
  });
}

/**
 * "report-dialog 2.41× (p99 of all rounds' turns: 95.0 against echo's 39.4 ms) [each round: ratio (p99 ms
 * report-dialog/echo): 2.10 (104.0/49.5), …; worst round 2.95×]"
 */
export function describeRounds(result: RoundsResult, statistic: string): string {
  const rounds = result.ratios
    .map(
      (ratio, i) =>
        `${ratio.toFixed(2)} (${result.values[i]!.toFixed(1)}/${result.echoValues[i]!.toFixed(1)})`,
    )
    .join(', ');
  return (
    `${result.name} ${result.ratio.toFixed(2)}× (${statistic} of all rounds' turns: ${result.pooled.toFixed(1)} ` +
    `against echo's ${result.echoPooled.toFixed(1)} ms) [each round: ratio (${statistic} ms ${result.name}/echo): ` +
    `${rounds}; worst round ${Math.max(...result.ratios).toFixed(2)}×]`
  );
}
