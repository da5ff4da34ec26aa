import { DEFAULT_SECURITY_ROLE } from '../../../src/core/config';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CardRenderer } from '../../../src/core/cards';
import { projectRoot } from '../../../src/core/paths';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import { CHECKLIST, CHECKLIST_ITEMS } from '../../../src/meeting/domain/checklist';
import { MeetingCards } from '../../../src/meeting/meetingCards';
import { SAMPLE_MEETING } from '../meetingCardSamples';

const guideline = fs.readFileSync(
  path.join(projectRoot, 'assets', 'guideline', 'sakerhet-och-trygghet-for-fortroendevalda.txt'),
  'utf8',
);

/** Bilaga 2 of the guideline as heading → items, read from the text itself. */
function bilaga2(): Map<string, string[]> {
  const start = guideline.indexOf('Bilaga 2 –');
  const end = guideline.indexOf('Bilaga 3 –', start);
  const sections = new Map<string, string[]>();
  let heading = '';
  for (const line of guideline.slice(start, end).split('\n').slice(1)) {
    const text = line.trim();
    if (!text) continue;
    if (text.startsWith('- ')) sections.get(heading)!.push(text.slice(2));
    else sections.set((heading = text), []);
  }
  return sections;
}

/** The knowledge base abbreviates two words of Bilaga 2; everything else must match word for word. */
const kbSpelling = (text: string): string =>
  text.toLowerCase().replace('etcetera', 'etc.').replace('exempelvis', 'till exempel');

/** The items as the checklist card shows them (its TextBlocks), without the state mark. */
function cardItems(locale: 'sv' | 'en'): string[] {
  const card = new MeetingCards(
    new CardRenderer(),
    KnowledgeBase.load(),
    ['Kommunfullmäktige'],
    DEFAULT_SECURITY_ROLE,
  ).checklist(SAMPLE_MEETING, [], [], locale);
  const texts: string[] = [];
  JSON.stringify(card, (key, value) => {
    if (key === 'text' && typeof value === 'string' && value.startsWith('⬜ ')) texts.push(value.slice(2));
    return value;
  });
  return texts;
}

describe('meeting checklist: every item traces to the guideline (Bilaga 2)', () => {
  const knowledgeBase = KnowledgeBase.load();
  const entry = knowledgeBase.require('meeting-checklist');

  it('has exactly Bilaga 2’s headings and items, in its order and wording', () => {
    const fromGuideline = bilaga2();
    assert.deepEqual(
      CHECKLIST.map((section) => section.heading.sv),
      [...fromGuideline.keys()],
    );
    for (const section of CHECKLIST) {
      assert.deepEqual(
        section.items.map((item) => item.text.sv),
        fromGuideline.get(section.heading.sv),
        section.heading.sv,
      );
      for (const item of section.items) assert.equal(item.source.heading, section.heading.sv);
    }
    assert.equal(CHECKLIST_ITEMS.length, 17);
  });

  it('the card shows exactly these items, in both languages', () => {
    assert.deepEqual(
      cardItems('sv'),
      CHECKLIST_ITEMS.map((item) => item.text.sv),
    );
    assert.deepEqual(
      cardItems('en'),
      CHECKLIST_ITEMS.map((item) => item.text.en),
    );
  });

  it('each card item is in the knowledge base entry for Bilaga 2, under the same heading (sv and en)', () => {
    assert.equal(entry.section, 'Bilaga 2');
    for (const item of CHECKLIST_ITEMS) {
      const svStep = entry.steps.sv[item.source.kbStep]!;
      const enStep = entry.steps.en[item.source.kbStep]!;
      assert.ok(svStep.toLowerCase().startsWith(item.source.heading.toLowerCase()), `${item.id}: ${svStep}`);
      assert.ok(
        kbSpelling(svStep).includes(kbSpelling(item.text.sv)),
        `${item.id}: "${item.text.sv}" ∉ "${svStep}"`,
      );
      assert.ok(
        enStep.toLowerCase().includes(item.text.en.toLowerCase()),
        `${item.id}: "${item.text.en}" ∉ "${enStep}"`,
      );
    }
  });

  it('every step of the knowledge base entry is covered by some item', () => {
    const covered = new Set(CHECKLIST_ITEMS.map((item) => item.source.kbStep));
    assert.deepEqual(
      [...covered].sort((a, b) => a - b),
      entry.steps.sv.map((_, i) => i),
    );
  });

  it('item ids are unique short ASCII codes', () => {
    const ids = CHECKLIST_ITEMS.map((item) => item.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]{2,20}$/);
  });
});
