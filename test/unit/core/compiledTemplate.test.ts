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
  { toString: 'a key someone chose' },
  Object.assign(Object.create(null) as object, { title: 'no prototype' }),
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
    // Another case, which the library matches anyway (the Kelvin sign lower-cases to "k").
    else if (roll < 0.13) copy[key.toUpperCase()] = value;
    else if (roll < 0.14) copy[key.replace(/k/g, '\u212a')] = value;
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
        const expected = libraryOutcome(payload, data);
        // A real sample is a card in the library too: two failures alike would prove nothing here.
        assert.ok('card' in (expected as object), `${name} sample ${i}: the library failed on it`);
        assertSame(compiledOutcome(compiled, data), expected, `${name} sample ${i}`);
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
        { type: 'TextBlock', text: '${!flag}', wrap: '${flag || count > 2}', $when: '${!(count < 3)}' },
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
    assert.deepEqual(card.body.at(-2), { type: 'FactSet', isVisible: false, spacing: true, separator: true });
  });

  it("gives the library's result for the edge cases an independent review found", () => {
    const cases: Array<[string, unknown, unknown]> = [
      // A concat inside another expression is adaptive-expressions' own (null as '', lists joined as lists).
      [
        'nested concat',
        { text: "${if(show, concat(first, ' ', last), '')}" },
        { show: true, first: 'Kim', last: null },
      ],
      ['concat in a string', { text: "Till: ${concat(first, ' ', last)}" }, { first: 'Kim', last: null }],
      ['concat of lists', { t: "${if(true, concat(a, b), 'x')}" }, { a: [1], b: [2] }],
      ['concat of an object', { t: "${if(true, concat(a, b), 'x')}" }, { a: { k: 1 }, b: 'y' }],
      ['count of a concat', { t: '${count(concat(a, b))}' }, { a: [1, 2], b: [3] }],
      // A value that cannot be written as text, compared: false there, not an exception.
      ['hostile toString in $when', { a: { $when: '${x > 1}', b: 1 } }, { x: { toString: 'user' } }],
      ['hostile toString in &&', { a: { $when: '${true && x > 1}', b: 1 } }, { x: { toString: 'user' } }],
      // A __proto__ key sets the prototype there, whose $when is then inherited.
      ['__proto__ key', JSON.parse('{"__proto__":{"$when":"${false}"},"a":1}'), {}],
      // Keys are the data's own keys in Object.keys' order: an inherited key is never read, an integer-like key
      // comes first, a re-cased twin later in the order loses.
      [
        'inherited keys',
        { a: '${name}', b: '${Title}', c: '${x.title}' },
        Object.assign(Object.create({ name: 'inherited', title: 'inherited' }), {
          title: 'own',
          x: Object.create({ Title: 'inherited' }),
        }),
      ],
      ['integer-like keys first', { a: '${KEY}' }, { key: 'later', 10: 'x', Key: 'last' }],
      ['re-cased twins', { a: '${TITLE}', b: '${title}' }, { Title: 'first', title: 'second' }],
      ['a string as the object', { a: '${s.length}', b: '${s[0]}' }, { s: 'abc' }],
      ['a class instance', { a: '${p.size}', b: '${p.own}' }, { p: Object.assign(new Map(), { own: 1 }) }],
      [
        'a non-enumerable own key, and a null-prototype object with its own hasOwnProperty',
        { a: '${hidden}', b: '${x.hasOwnProperty}', c: '${x.title}' },
        Object.defineProperty(
          { x: Object.assign(Object.create(null), { hasOwnProperty: 'own', title: 't' }) },
          'hidden',
          {
            value: 'not enumerable',
            enumerable: false,
          },
        ),
      ],
    ];
    for (const [label, payload, data] of cases)
      assertSame(compiledOutcome(new CompiledTemplate(payload), data), libraryOutcome(payload, data), label);
  });

  it('expands a list of 150 000 items as the library does (no argument spread that overflows the stack)', () => {
    const payload = { body: [{ $data: '${items}', t: '${v}' }] };
    const data = { items: Array.from({ length: 150_000 }, (_, v) => ({ v })) };
    assertSame(
      compiledOutcome(new CompiledTemplate(payload), data),
      libraryOutcome(payload, data),
      'long list',
    );
  });

  it('gives each expansion its own $_acTemplateVersion, so one card cannot change the next', () => {
    const change = { t: "${setProperty($_acTemplateVersion, 'major', 9)}" };
    const read = { u: '${$_acTemplateVersion.major}' };
    const compiledChange = new CompiledTemplate(change);
    const compiledRead = new CompiledTemplate(read);
    compiledChange.expand({});
    new Template(change).expand({ $root: {} });
    assertSame(compiledRead.expand({}), new Template(read).expand({ $root: {} }), 'version after a change');
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

  it('compiles every template ahead with prepare(), so no card of any kind is compiled in a turn', async () => {
    const renderer = new CardRenderer();
    const samples = names.map((name) => [name, sampleDataFor(name)] as const); // read before the spy
    const read = sinon.spy(fs, 'readFileSync');
    try {
      await renderer.prepare();
      const templatesRead = read.callCount;
      read.resetHistory();
      for (const [name, data] of samples) for (const one of data) renderer.expand(name, one);
      assert.equal(templatesRead, names.length, 'prepare read each template once');
      assert.equal(read.callCount, 0, 'a card after prepare() read a template');
    } finally {
      read.restore();
    }
  });
});
