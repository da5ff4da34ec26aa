import assert from 'node:assert/strict';
import sinon from 'sinon';
import { anyPattern } from '../../../src/core/text/anyPattern';
import { normalizeText } from '../../../src/core/text/normalize';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import {
  DANGER_EN,
  DANGER_SV,
  DISTANCING,
  isAcuteDanger,
  loadAcuteExamples,
} from '../../../src/guidance/domain/acuteDanger';
import { INCIDENT_STATEMENTS } from '../../../src/report/domain/quickReport';
import { seeded } from '../../support/seeded';

/** Texts the rules meet: every labelled message and example question, normalised, and seeded mixes of their words. */
function texts(): string[] {
  const real = [
    ...loadAcuteExamples().map((example) => example.q),
    ...KnowledgeBase.load().exampleQuestions(),
  ].map(normalizeText);
  const words = [...new Set(real.flatMap((text) => text.split(' ')))];
  const random = seeded(112);
  const mixes = Array.from({ length: 20_000 }, () =>
    Array.from(
      { length: 2 + Math.floor(random() * 10) },
      () => words[Math.floor(random() * words.length)],
    ).join(' '),
  );
  return [...real, ...mixes];
}

describe('anyPattern: a list of rules tried in a few joined expressions', () => {
  const all = texts();
  const lists: Array<[string, readonly RegExp[]]> = [
    ['acute danger', [...DANGER_SV, ...DANGER_EN]],
    ['distancing', DISTANCING],
    ['incident statements', INCIDENT_STATEMENTS],
  ];

  for (const [name, rules] of lists) {
    it(`matches exactly where one of the ${name} rules matches, on every labelled message and 20 000 mixes`, () => {
      const joined = anyPattern(rules);
      let matched = 0;
      for (const text of all) {
        const expected = rules.some((rule) => rule.test(text));
        assert.equal(joined.test(text), expected, JSON.stringify(text));
        if (expected) matched++;
      }
      // Both answers occur often, so the comparison is not one-sided.
      assert.ok(matched > 50 && all.length - matched > 50, `${matched} of ${all.length} matched`);
    });
  }

  it('refuses what would not be the same: flags, backreferences, no pattern', () => {
    assert.throws(() => anyPattern([/a/, /b/g]), /has flags/);
    assert.throws(() => anyPattern([/a/i]), /has flags/);
    assert.throws(() => anyPattern([/(a)\1/]), /backreference/);
    assert.throws(() => anyPattern([/(?<x>a)\k<x>/]), /backreference/);
    assert.throws(() => anyPattern([]), /at least one/);
  });

  it('tries the acute-danger rules in a few joined expressions, not one by one', () => {
    const tried = sinon.spy(RegExp.prototype, 'test');
    try {
      assert.equal(isAcuteDanger('när är nästa möte i fullmäktige, och var'), false);
    } finally {
      tried.restore();
    }
    // The rules are some 140 expressions; one by one, a calm message tried every one of them (141 tests).
    assert.ok(tried.callCount <= 25, `${tried.callCount} expressions tried`);
  });
});
