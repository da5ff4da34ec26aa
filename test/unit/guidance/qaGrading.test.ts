import assert from 'node:assert/strict';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import {
  gradeAnswer,
  holdsPhrase,
  sectionKey,
  topicSections,
  type HeldoutItem,
} from '../../../scripts/qaGrading';

const item = (section: string | undefined, expectedFacts: string[]): HeldoutItem => ({
  id: 'T-1',
  text: 'fråga',
  lang: 'sv',
  kind: 'question',
  section,
  expectedFacts,
});

describe('held-out grading (scripts/qaGrading.ts)', () => {
  const kb = KnowledgeBase.load();

  it('compares sections by their number or annex, whatever the title or dash', () => {
    assert.equal(sectionKey('Bilaga 5 – Telefon'), 'bilaga 5');
    assert.equal(sectionKey('3.4 Polisens ansvar'), '3.4');
    assert.equal(sectionKey('4.'), '4');
    assert.deepEqual(topicSections({ section: '4.4–4.7' }), ['4.4', '4.5', '4.6', '4.7']);
    assert.deepEqual(topicSections({ section: '1–2' }), ['1', '2']);
    assert.deepEqual(topicSections({ section: 'Bilaga 1' }), ['bilaga 1']);
  });

  it('finds a phrase regardless of case, diacritics and word forms, and not a different one', () => {
    const text = 'Försäkringen omfattar upp till tio behandlingar inklusive resekostnader.';
    assert.ok(holdsPhrase(text, 'Upp till TIO behandlingar'));
    assert.ok(holdsPhrase(text, 'forsakringen omfattar'));
    assert.ok(holdsPhrase('Kontakta säkerhetssamordnaren', 'samordnare'), 'a compound holds its last word');
    assert.ok(!holdsPhrase(text, 'personlarm eller bevakning'));
  });

  it('grades by the expected facts, or by the section when that section has one topic', () => {
    const insurance = kb.require('insurance');
    assert.ok(gradeAnswer(item('3.1', ['tio behandlingar']), insurance, kb).correct);
    // 3.1 has two topics: the section alone does not tell, a fact must.
    assert.ok(!gradeAnswer(item('3.1', ['undantag för kommunråden']), insurance, kb).correct);
    assert.ok(
      gradeAnswer(item('3.1', ['undantag för kommunråden']), kb.require('work-environment-act'), kb).correct,
    );
    // 3.8 is answered by one topic only: the section decides.
    const screening = kb.require('security-screening');
    assert.ok(gradeAnswer(item('3.8', ['något helt annat']), screening, kb).correct);
    // Every fact held counts whatever section the answer names.
    assert.ok(gradeAnswer(item('Bilaga 3', ['114 14', '112']), kb.require('police-role'), kb).correct);
    // A wrong topic holding no fact is wrong.
    assert.ok(!gradeAnswer(item('Bilaga 5', ['skärmdumpa inläggen']), kb.require('hate-crime'), kb).correct);
  });
});
