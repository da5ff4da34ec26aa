import assert from 'node:assert/strict';
import sinon from 'sinon';

/**
 * The Swedish-time formatters are made on first use, not when the module loads: making them was 15–30 ms of
 * every start (the bot was not ready meanwhile), and a start formats no date.
 */
describe('Swedish time: formatters made on first use', () => {
  const modulePath = require.resolve('../../src/core/i18n/time');

  it('loading the module makes no Intl.DateTimeFormat; the first use makes it and formats as before', () => {
    delete require.cache[modulePath];
    const made = sinon.spy(Intl, 'DateTimeFormat');
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load of the module, spied on
      const time = require(modulePath) as typeof import('../../src/core/i18n/time');
      assert.equal(made.callCount, 0, 'no formatter at load');
      // 23:30 UTC on 31 December is already New Year's Day in Sweden (UTC+1 in winter); summer is UTC+2.
      assert.equal(time.swedishDate('2026-12-31T23:30:00Z'), '2027-01-01');
      assert.equal(time.swedishDate(new Date('2026-07-01T22:10:00Z')), '2026-07-02');
      assert.equal(time.localDateTime('2026-11-29T09:05:00Z'), '2026-11-29 10:05');
      assert.equal(time.localDateTime('2026-06-15T21:59:00Z'), '2026-06-15 23:59');
      assert.equal(time.localDateTime('not a date'), 'not a date');
      assert.equal(made.callCount, 2, 'one formatter each, made once');
      time.swedishDate('2026-01-01T00:00:00Z');
      time.localDateTime('2026-01-01T00:00:00Z');
      assert.equal(made.callCount, 2, 'and reused');
    } finally {
      made.restore();
      delete require.cache[modulePath];
    }
  });
});
