import assert from 'node:assert/strict';
import {
  C1_ROUNDS,
  C50_ROUNDS,
  describeRounds,
  interleavedRounds,
  type RoundsPlan,
  type RunMeasured,
} from '../../bench/rounds';
import type { Scenario } from '../../bench/scenarios';

const scenario = (name: string): Scenario => ({
  name,
  bot: name === 'echo' ? 'echo' : 'project',
  next: () => ({ activity: {} }),
});
const plan: RoundsPlan = {
  rounds: 3,
  concurrency: 50,
  turns: 100,
  warmup: 10,
  percentile: 99,
  combine: 'medianOfRatios',
  alternate: false,
};

/** 100 latencies of `base` ms, the slowest two at `slow` ms: the nearest-rank p99 of 100 is the 99th value. */
const phase = (base: number, slow: number) => [...Array.from({ length: 98 }, () => base), slow, slow];

describe('bench: interleaved rounds against echo', () => {
  it('runs echo and then each scenario in every round, with the plan, and can take the median of the ratios', async () => {
    const calls: string[] = [];
    // p99s per round: echo 40, 20, 50; report 100, 90, 110 → ratios 2.5, 4.5, 2.2 → median 2.5.
    const p99s: Record<string, number[]> = { echo: [40, 20, 50], report: [100, 90, 110] };
    const run: RunMeasured = async (s, concurrency, turns, warmup) => {
      calls.push(`${s.name}:${concurrency}:${turns}:${warmup}`);
      return phase(1, p99s[s.name]!.shift()!);
    };

    const [result] = await interleavedRounds(run, scenario('echo'), [scenario('report')], plan);

    assert.deepEqual(calls, [
      'echo:50:100:10',
      'report:50:100:10',
      'echo:50:100:10',
      'report:50:100:10',
      'echo:50:100:10',
      'report:50:100:10',
    ]);
    assert.deepEqual(result!.values, [100, 90, 110]);
    assert.deepEqual(result!.echoValues, [40, 20, 50]);
    assert.deepEqual(result!.ratios, [2.5, 4.5, 2.2]);
    assert.equal(result!.ratio, 2.5, 'the median of the rounds');
    assert.match(
      describeRounds(result!, 'p99'),
      /^report 2\.50× .*2\.50 \(100\.0\/40\.0\), 4\.50 \(90\.0\/20\.0\).*worst round 4\.50×/,
    );
  });

  it("pooled: the p99 of all rounds' turns against echo's, so one bad round is never dropped", async () => {
    // Three rounds of 100 turns each side; the report's slow turns all fall in one round (5 of its 100 at
    // 300 ms), echo's are spread (2 per round at 60 ms). Of the 300 pooled turns the p99 is the 297th: 300 ms
    // for the report, 60 ms for echo, so 5×, although two of the three rounds alone give 1×.
    const report = [
      phase(30, 30),
      [...Array.from({ length: 95 }, () => 30), ...Array(5).fill(300)],
      phase(30, 30),
    ];
    const echo = [phase(10, 60), phase(10, 60), phase(10, 60)];
    const order: string[] = [];
    const run: RunMeasured = async (s) => {
      order.push(s.name);
      return (s.name === 'echo' ? echo : report).shift()!;
    };

    const [result] = await interleavedRounds(run, scenario('echo'), [scenario('report')], {
      ...plan,
      combine: 'pooled',
      alternate: true,
    });

    assert.deepEqual(
      order,
      ['echo', 'report', 'report', 'echo', 'echo', 'report'],
      'echo first every other round',
    );
    assert.equal(result!.pooled, 300);
    assert.equal(result!.echoPooled, 60);
    assert.equal(result!.ratio, 5);
    assert.deepEqual(result!.ratios, [0.5, 5, 0.5]);
  });

  it('compares each scenario with the echo phase of its own round, and the median statistic when asked', async () => {
    let echoRound = 0;
    const run: RunMeasured = async (s) => {
      if (s.name === 'echo') echoRound++;
      // Echo's median doubles every round; each scenario stays at twice and three times echo's.
      const echoMedian = 2 ** echoRound;
      return phase(s.name === 'echo' ? echoMedian : s.name === 'a' ? 2 * echoMedian : 3 * echoMedian, 999);
    };

    const results = await interleavedRounds(run, scenario('echo'), [scenario('a'), scenario('b')], {
      ...plan,
      percentile: 50,
    });

    assert.deepEqual(
      results.map(({ name, ratios }) => [name, ratios]),
      [
        ['a', [2, 2, 2]],
        ['b', [3, 3, 3]],
      ],
    );
  });

  it('measures the c=1 bar as the issue defines it, and the c=50 bar on all its turns', () => {
    assert.deepEqual(
      [C1_ROUNDS.percentile, C1_ROUNDS.combine, C1_ROUNDS.concurrency],
      [50, 'medianOfRatios', 1],
    );
    assert.deepEqual([C50_ROUNDS.percentile, C50_ROUNDS.combine, C50_ROUNDS.concurrency], [99, 'pooled', 50]);
  });
});
