import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SimpleObjectMemory } from 'adaptive-expressions';
import { Template } from 'adaptivecards-templating';
import sinon from 'sinon';
import { CardRenderer } from '../../../src/core/cards';
import { CompiledTemplate } from '../../../src/core/cards/compiledTemplate';
import { projectRoot } from '../../../src/core/paths';
import { sampleDataFor } from '../cardSamples';
import { seeded } from '../../support/seeded';

/** What adaptivecards-templating itself makes of the data: the card, or the error it throws. */
function libraryOutcome(payload: unknown, data: unknown): unknown {
  try {
    return { card: new Template(payload).expand({ $root: data }) };
  } catch (err) {
    return { threw: (err as Error).constructor.name };
  }
}

function compiledOutcome(template: CompiledTemplate, data: unknown): unknown {
  try {
    return { card: template.expand(data) };
  } catch (err) {
    return { threw: (err as Error).constructor.name };
  }
}

/** Equal as values and as JSON text (key order included: the card goes out as that text). */
function assertSame(actual: unknown, expected: unknown, label: string): void {
  assert.deepStrictEqual(actual, expected, label);
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), label);
}

const ODD_VALUES: unknown[] = [
  null,
  undefined,
  '',
  0,
  1,
  false,
  true,
  '${title}',
  'Åsa {{x}} ${',
  [],
  ['a', 'b'],
  [{ text: 'x' }, null, { label: 'y' }],
  {},
  { Title: 'capital T' },
  new Map([['Text', 'from a map']]),
];

/** A copy of `data` with a few values changed, removed, emptied, re-cased or replaced by odd ones. */
function altered(data: unknown, random: () => number, depth = 0): unknown {
  if (Array.isArray(data)) {
    const items = data.map((item) => altered(item, random, depth + 1));
    const roll = random();
    if (roll < 0.05) return [];
    if (roll < 0.1 && items.length > 0) return [...items, items[0]];
    return items;
  }
  if (typeof data !== 'object' || data === null || data instanceof Map) return data;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const roll = random();
    if (roll < 0.06) continue; // removed
    if (roll < 0.12) copy[key] = ODD_VALUES[Math.floor(random() * ODD_VALUES.length)];
    else if (roll < 0.14)
      copy[key.toUpperCase()] = value; // another case: the library matches it anyway
    else copy[key] = depth < 6 ? altered(value, random, depth + 1) : value;
  }
  return copy;
}

function templateJson(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'cards', `${name}.json`), 'utf8'));
}

describe('CompiledTemplate: the same cards as adaptivecards-templating', () => {
  const names = new CardRenderer().names();

  it('expands every template with the data the real card builders give it exactly as the library does', () => {
    let compared = 0;
    for (const name of names) {
      const payload = templateJson(name);
      const compiled = new CompiledTemplate(payload);
      const samples = sampleDataFor(name);
      assert.ok(samples.length > 0, `${name}: no sample data`);
      for (const [i, data] of samples.entries()) {
        assertSame(compiledOutcome(compiled, data), libraryOutcome(payload, data), `${name} sample ${i}`);
        compared++;
      }
    }
    assert.ok(compared > 300, `${compared} samples compared`);
  });

  it('expands altered copies of every sample (removed, null, odd, re-cased values) as the library does', () => {
    const random = seeded(4711);
    let compared = 0;
    let threw = 0;
    for (const name of names) {
      const payload = templateJson(name);
      const compiled = new CompiledTemplate(payload);
      for (const [i, data] of sampleDataFor(name).entries()) {
        for (let round = 0; round < 12; round++) {
          const changed = altered(data, random);
          const expected = libraryOutcome(payload, changed);
          if ((expected as { threw?: string }).threw) threw++;
          assertSame(compiledOutcome(compiled, changed), expected, `${name} sample ${i} round ${round}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 4_000, `${compared} altered copies compared`);
    // The alterations reach the library's error paths too (a null in an interpolated string throws there).
    assert.ok(threw > 0, 'no altered copy made the library throw');
  });

  it('keeps the library rules a card template can lean on', () => {
    const payload = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${title}', $when: '${title != null}' },
        { type: 'TextBlock', text: 'Hej ${name}, ${missing}!' },
        {
          type: 'TextBlock',
          $data: '${items}',
          text: '${$index}: ${label} (${$root.owner})',
          $when: '${keep}',
        },
        { type: 'TextBlock', text: '${staff[0].value} ${staff[5].value}' },
        { type: 'TextBlock', text: "${if(count(items) > 1, 'many', 'few')}" },
        { type: 'TextBlock', $data: '${words}', text: '- ${$data}' },
        { type: 'Container', $when: "${'x'}", items: [] },
        { type: 'Container', $when: 'not an expression', items: [] },
        { type: 'TextBlock', text: '${count}', wrap: '${flag}', maxLines: '${nothing}' },
        { selectAction: { $when: '${false}', type: 'Action.Submit' } },
        {
          type: 'FactSet',
          isVisible: '${none > 2}',
          spacing: '${pair.a == pair.b}',
          separator: '${pair.a != pair.c}',
        },
      ],
    };
    const data = {
      Title: 'first in key order',
      title: 'second',
      name: 'Åsa',
      owner: 'Nämnden',
      items: [
        { label: 'a', keep: true },
        { label: 'b', keep: false },
        { label: 'c', keep: true },
      ],
      staff: [{ VALUE: 'upper-case key' }],
      words: ['ett', 'två'],
      count: 3,
      flag: false,
      none: null,
      pair: { a: [1, { x: 'y' }], b: [1, { x: 'y' }], c: [2] },
    };
    const compiled = new CompiledTemplate(payload);
    const expected = libraryOutcome(payload, data);
    assertSame(compiledOutcome(compiled, data), expected, 'rules');
    // The rules themselves, so a change of both sides is seen too.
    const card = (expected as { card: { body: Array<Record<string, unknown>> } }).card;
    assert.equal(card.body[0]!.text, 'first in key order');
    assert.equal(card.body[1]!.text, 'Hej Åsa, ${missing}!');
    assert.deepEqual(
      card.body.filter((block) => String(block.text).includes('Nämnden')).map((block) => block.text),
      ['0: a (Nämnden)', '2: c (Nämnden)'],
    );
    // A comparison with null is false, not an error; == compares lists and objects by content.
    assert.deepEqual(card.body.at(-1), { type: 'FactSet', isVisible: false, spacing: true, separator: true });
  });

  it('reads plain paths and their null checks without adaptive-expressions (the cost it removes)', () => {
    const payload = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', $data: '${rows}', text: '${label}: ${$root.who}', $when: '${label != null}' },
      ],
    };
    const data = { who: 'Kim', rows: Array.from({ length: 20 }, (_, i) => ({ label: `rad ${i}` })) };
    const getValue = sinon.spy(SimpleObjectMemory.prototype, 'getValue');
    try {
      new Template(payload).expand({ $root: data });
      const libraryReads = getValue.callCount;
      getValue.resetHistory();
      const card = new CompiledTemplate(payload).expand(data) as { body: unknown[] };
      assert.equal(card.body.length, 20);
      assert.ok(libraryReads > 60, `the library read ${libraryReads} paths through adaptive-expressions`);
      assert.equal(getValue.callCount, 0);
    } finally {
      getValue.restore();
    }
  });
});
