import fs from 'node:fs';
import { percentile } from './stats';

/**
 * `npm run bench -- --ab=<dir>`: this build against another build (`<dir>/dist/src/index.js`, e.g. a git worktree of
 * another commit after its own `npm run build`), one scenario at c=1 in many short blocks that alternate between
 * the two (the order flips every block). The rounds of `--ratios-only` run each bot for 130 turns at a time, and a
 * shared 2-core VM drifts by more than a 5 % change within that; blocks of 20 turns see the same machine. Session 12
 * measured an A/A of this kind at 0.986 (two copies of one build) and found the bundle's `__name` cost with it.
 */
export interface Block {
  /** Each build's median latency in the block, ms, and the main thread's CPU over it, ms. */
  thisMs: number;
  otherMs: number;
  thisCpuMs: number;
  otherCpuMs: number;
  turns: number;
}

/** The main thread's CPU time so far, ms (Linux: the first field of its schedstat is nanoseconds on the CPU). */
export function mainThreadCpuMs(pid: number): number {
  const schedstat = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8');
  return Number(schedstat.split(' ')[0]) / 1e6;
}

export function sideBySideSummary(scenario: string, other: string, blocks: Block[]): string {
  const turns = blocks.reduce((sum, block) => sum + block.turns, 0);
  const cpu = (pick: (block: Block) => number) => blocks.reduce((sum, block) => sum + pick(block), 0) / turns;
  const [thisCpu, otherCpu] = [cpu((b) => b.thisCpuMs), cpu((b) => b.otherCpuMs)];
  const ratios = blocks.map((block) => block.thisMs / block.otherMs);
  const faster = ratios.filter((ratio) => ratio < 1).length;
  const median = (pick: (block: Block) => number) => percentile(blocks.map(pick), 50).toFixed(3);
  return (
    `${scenario} at c=1, ${blocks.length} alternating blocks of ${turns / blocks.length} turns, this build / ${other}:\n` +
    `  main-thread CPU per turn ${thisCpu.toFixed(3)} / ${otherCpu.toFixed(3)} ms (${percentChange(thisCpu, otherCpu)})\n` +
    `  median of the blocks' medians ${median((b) => b.thisMs)} / ${median((b) => b.otherMs)} ms, ` +
    `median block ratio ${percentile(ratios, 50).toFixed(3)}, this build faster in ${faster} of ${blocks.length}`
  );
}

function percentChange(value: number, base: number): string {
  const change = (value / base - 1) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`;
}
