import assert from 'node:assert/strict';
import { sideBySideSummary, type Block } from '../../bench/sideBySide';

describe('bench --ab: two builds side by side in alternating blocks', () => {
  it("sums each build's main-thread CPU per turn and counts the blocks this build was faster in", () => {
    const blocks: Block[] = [
      { thisMs: 1.0, otherMs: 1.25, thisCpuMs: 30, otherCpuMs: 40, turns: 20 },
      { thisMs: 1.5, otherMs: 1.2, thisCpuMs: 34, otherCpuMs: 36, turns: 20 },
      { thisMs: 1.1, otherMs: 1.3, thisCpuMs: 32, otherCpuMs: 44, turns: 20 },
    ];

    const summary = sideBySideSummary('guidance', '../old', blocks);

    assert.match(summary, /3 alternating blocks of 20 turns, this build \/ \.\.\/old/);
    // (30 + 34 + 32) / 60 and (40 + 36 + 44) / 60 ms per turn: 20 % less.
    assert.match(summary, /CPU per turn 1\.600 \/ 2\.000 ms \(-20\.0 %\)/);
    assert.match(summary, /medians 1\.100 \/ 1\.250 ms/);
    assert.match(summary, /median block ratio 0\.846, this build faster in 2 of 3/);
  });
});
