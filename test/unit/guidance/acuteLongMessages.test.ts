import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { sharedGuidance } from '../../support/botHarness';

const DANGER = 'Han står utanför min dörr med en kniv nu';

/**
 * Finding 8 (issue 13): the acute-danger check reads the whole message, in time linear in its length, and
 * the last part of a long message counts at least as much as the first.
 */
describe('acute-danger check over long messages', function () {
  this.timeout(120_000);

  it('finds danger after 1 250 characters of small talk ("Hej. " × 250)', async () => {
    const { dangerDetector } = await sharedGuidance();
    assert.equal(await dangerDetector.assess(`${'Hej. '.repeat(250)}${DANGER}`), 'acute');
    assert.equal(await dangerDetector.assess(`${DANGER}. ${'Hej. '.repeat(250)}`), 'acute');
  });

  it('finds it at the end of 100 000 characters, in linear time', async () => {
    const { dangerDetector } = await sharedGuidance();
    // The best of three runs each: the machine is shared, and a single run measures its neighbours too.
    const timed = async (length: number) => {
      const text = `${'Hej. Hur mår du i dag? '.repeat(Math.ceil(length / 23)).slice(0, length - DANGER.length)}${DANGER}`;
      let best = { level: 'none' as string, ms: Infinity };
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        const level = await dangerDetector.assess(text);
        best = { level, ms: Math.min(best.ms, performance.now() - started) };
      }
      return best;
    };
    await timed(10_000); // warm up
    const quarter = await timed(25_000);
    const full = await timed(100_000);
    console.log(`      25 000 chars: ${quarter.ms.toFixed(0)} ms, 100 000 chars: ${full.ms.toFixed(0)} ms`);
    assert.equal(full.level, 'acute');
    assert.ok(full.ms < 2_000, `${full.ms.toFixed(0)} ms at 100 000 characters`);
    // Four times the text: about four times the time when linear, sixteen when quadratic.
    assert.ok(
      full.ms < quarter.ms * 8 + 100,
      'four times the text costs about four times the time, not sixteen',
    );
  });

  it('weighs the last part of a long calm message like the first (no acute card for small talk)', async () => {
    const { dangerDetector } = await sharedGuidance();
    const calm = 'Hej. Jag undrar hur jag anmäler ett hot som kom via mejl förra månaden. ';
    assert.equal(await dangerDetector.assess(calm.repeat(200)), 'none');
  });
});
