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
    const timed = async (length: number) => {
      const text = `${'Hej. Hur mår du i dag? '.repeat(Math.ceil(length / 23)).slice(0, length - DANGER.length)}${DANGER}`;
      const started = performance.now();
      const level = await dangerDetector.assess(text);
      return { level, ms: performance.now() - started };
    };
    await timed(10_000); // warm up
    const half = await timed(50_000);
    const full = await timed(100_000);
    console.log(`      50 000 chars: ${half.ms.toFixed(0)} ms, 100 000 chars: ${full.ms.toFixed(0)} ms`);
    assert.equal(full.level, 'acute');
    assert.ok(full.ms < 2_000, `${full.ms.toFixed(0)} ms at 100 000 characters`);
    assert.ok(full.ms < half.ms * 3 + 50, 'twice the text costs about twice the time, not four times');
  });

  it('weighs the last part of a long calm message like the first (no acute card for small talk)', async () => {
    const { dangerDetector } = await sharedGuidance();
    const calm = 'Hej. Jag undrar hur jag anmäler ett hot som kom via mejl förra månaden. ';
    assert.equal(await dangerDetector.assess(calm.repeat(200)), 'none');
  });
});
