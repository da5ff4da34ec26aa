import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/core/paths';
import { KnowledgeBase, type Topic } from '../../../src/guidance/domain/knowledgeBase';
import { FirstActions } from '../../../src/guidance/firstActions';

const guidelineLines = fs
  .readFileSync(
    path.join(projectRoot, 'assets', 'guideline', 'sakerhet-och-trygghet-for-fortroendevalda.txt'),
    'utf8',
  )
  .split('\n')
  .map((line) => line.trim());

const isNumberedHeading = (line: string): boolean => /^\d(\.\d)?\.? \S/.test(line) && line.length < 80;
const isAnnexHeading = (line: string): boolean => /^Bilaga \d – /.test(line);

/**
 * The lines of the guideline a topic's section covers: "3.2" from its heading to the next numbered heading,
 * "3.2–3.4" up to the heading after 3.4, "Bilaga 5" + "Telefon" from the sub-heading to the next sub-heading.
 */
function sectionLines(topic: Topic, subHeadings: ReadonlySet<string>): string[] {
  const [first, last = first] = topic.section.split('–') as [string, string?];
  if (first.startsWith('Bilaga')) {
    const annex = guidelineLines.findIndex((line) => line.startsWith(`${first} – `));
    const annexEnd = indexAfter(annex, isAnnexHeading);
    if (guidelineLines[annex]!.includes(topic.sectionTitle.sv))
      return guidelineLines.slice(annex + 1, annexEnd);
    const start = guidelineLines.indexOf(topic.sectionTitle.sv, annex);
    assert.ok(
      start > annex && start < annexEnd,
      `${topic.id}: "${topic.sectionTitle.sv}" is not in ${first}`,
    );
    const end = indexAfter(start, (line) => subHeadings.has(line) || isAnnexHeading(line));
    return guidelineLines.slice(start + 1, end);
  }
  const headingOf = (number: string): number =>
    guidelineLines.findIndex(
      (line) => isNumberedHeading(line) && line.split(' ')[0]!.replace(/\.$/, '') === number,
    );
  const start = headingOf(first);
  const lastHeading = headingOf(last);
  assert.ok(start >= 0 && lastHeading >= start, `${topic.id}: section ${topic.section} not found`);
  const end = indexAfter(lastHeading, (line) => isNumberedHeading(line) || isAnnexHeading(line));
  return guidelineLines.slice(start + 1, end);
}

function indexAfter(from: number, isEnd: (line: string) => boolean): number {
  const index = guidelineLines.findIndex((line, i) => i > from && isEnd(line));
  return index < 0 ? guidelineLines.length : index;
}

/**
 * The section's sentences and whole lines (a bullet without its dash, a Bilaga 4 question): paragraphs are
 * split at blank lines (a page break is one), sentences at ". " before a capital letter.
 */
function sentencesOf(lines: string[]): Set<string> {
  const paragraphs = lines.join('\n').split(/\n\s*\n/);
  const units = new Set<string>();
  for (const paragraph of paragraphs) {
    for (const line of paragraph.split('\n')) units.add(line.replace(/^- /, '').trim());
    const flat = paragraph.replace(/^- /gm, '').replace(/\s+/g, ' ').trim();
    for (const sentence of flat.split(/(?<=[.!?:])\s+(?=[A-ZÅÄÖ])/)) units.add(sentence.trim());
  }
  units.delete('');
  return units;
}

describe('first actions (what an answer shows first)', () => {
  const knowledgeBase = KnowledgeBase.load();
  const firstActions = FirstActions.load();
  const subHeadings = new Set(knowledgeBase.topics.map((topic) => topic.sectionTitle.sv));

  it('gives every topic of the knowledge base its first actions, and names no other topic', () => {
    assert.deepEqual(firstActions.topicIds().sort(), knowledgeBase.topics.map((topic) => topic.id).sort());
  });

  for (const topic of KnowledgeBase.load().topics) {
    it(`${topic.id}: each first action is a sentence of the guideline's ${topic.section}, ${topic.sectionTitle.sv}`, () => {
      const sentences = sentencesOf(sectionLines(topic, subHeadings));
      const actions = firstActions.of(topic.id, 'sv');
      // 2–3 actions, unless the section itself has fewer sentences (4.1 is one sentence).
      assert.ok(
        actions.length >= Math.min(2, sentences.size) && actions.length <= 3,
        `${actions.length} actions`,
      );
      for (const action of actions)
        assert.ok(sentences.has(action), `not a sentence of ${topic.section}: "${action}"`);
      assert.equal(
        firstActions.of(topic.id, 'en').length,
        actions.length,
        'one English line per Swedish one',
      );
    });
  }

  it('catches a sentence from another section and a sentence changed by one word', () => {
    const socialMedia = sentencesOf(sectionLines(knowledgeBase.require('social-media'), subHeadings));
    assert.ok(!socialMedia.has('Gör en skärmdump på det du kan.'), 'Internet, not Sociala medier');
    assert.ok(!socialMedia.has('Undvik att berätta var du befinner dig.'));
    assert.ok(
      socialMedia.has('Undvik att i förväg eller under ett pågående möte, berätta var du befinner dig.'),
    );
  });
});
