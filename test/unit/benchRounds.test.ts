import assert from 'node:assert/strict';
import { describeRounds, interleavedRounds, type RoundsPlan, type RunMeasured } from '../../bench/rounds';
import type { Scenario } from '../../bench/scenarios';

const scenario = (name: string): Scenario => ({
  name,
  bot: name === 'echo' ? 'echo' : 'project',
  next: () => ({ activity: {} }),
});
const plan: RoundsPlan = { rounds: 3, concurrency: 50, turns: 100, warmup: 10, percentile: 99 };

/** 100 latencies of `base` ms, the slowest two at `slow` ms: the nearest-rank p99 of 100 is the 99th value. */
const phase = (base: number, slow: number) => [...Array.from({ length: 98 }, () => base), slow, slow];

describe('bench: interleaved rounds against echo', () => {
  it('runs echo and then each scenario in every round, with the plan, and takes the median of the ratios', async () => {
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
    assert.equal(result!.ratio, 2.5, 'the one slow round (4.5×) does not decide it');
    assert.match(
      describeRounds(result!, 'p99'),
      /^report 2\.50× .*2\.50 \(100\.0\/40\.0\), 4\.50 \(90\.0\/20\.0\)/,
    );
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
});
