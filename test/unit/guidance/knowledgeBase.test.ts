import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/core/paths';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import { fold } from '../../../src/core/text/normalize';
import { MENU_TOPIC_IDS } from '../../../src/guidance/guidanceCards';

const guideline = fs.readFileSync(
  path.join(projectRoot, 'assets', 'guideline', 'sakerhet-och-trygghet-for-fortroendevalda.txt'),
  'utf8',
);

describe('knowledge base (the guideline as data)', () => {
  const kb = KnowledgeBase.load();

  it('covers every section and annex of the guideline', () => {
    const sections = new Set(kb.topics.map((topic) => topic.section));
    for (const section of [
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '3.6',
      '3.7',
      '3.8',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '4.5',
      '4.6',
      '4.7',
    ]) {
      assert.ok(sections.has(section), `section ${section}`);
    }
    for (const annex of ['Bilaga 1', 'Bilaga 2', 'Bilaga 3', 'Bilaga 5']) {
      assert.ok(
        [...sections].some((s) => s.startsWith(annex)),
        annex,
      );
    }
  });

  it('names sections that exist in the guideline text', () => {
    for (const topic of kb.topics) {
      const first = topic.section.split(/[–, ]/)[0]!;
      if (/^\d/.test(first))
        assert.ok(guideline.includes(`${first}.`) || guideline.includes(`${first} `), topic.id);
    }
  });

  it('states the facts exactly as the guideline does', () => {
    const all = JSON.stringify(kb.topics);
    for (const fact of ['112', '114 14', 'polisen.se', 'TFA-KL', 'SFS 2010:294'])
      assert.ok(all.includes(fact), fact);
    assert.match(kb.require('insurance').steps.sv.join(' '), /tio behandlingar/);
    assert.match(
      kb.require('police-role').steps.sv.join(' ') + kb.require('contacts').steps.sv.join(' '),
      /114 14/,
    );
  });

  it('lists every suspicious-parcel warning sign of Bilaga 5', () => {
    const text = fold(kb.require('suspicious-parcel').steps.sv.join(' '));
    for (const sign of [
      'buckligt',
      'vikt',
      'fettflack',
      'lukt',
      'frimarken',
      'aterforslut',
      'metallband',
      'tickande',
      'anonymitet',
    ]) {
      assert.ok(text.includes(sign), sign);
    }
  });

  it('puts every topic in the menu exactly once', () => {
    assert.deepEqual([...MENU_TOPIC_IDS].sort(), kb.topics.map((topic) => topic.id).sort());
  });

  it('has many varied example questions per topic in both languages', () => {
    for (const topic of kb.topics) {
      assert.ok(topic.examples.sv.length >= 30, `${topic.id} sv`);
      assert.ok(topic.examples.en.length >= 10, `${topic.id} en`);
    }
  });

  it("loads the authors' training questions beside topics.json: every topic and point asked about", () => {
    const questions = kb.trainingQuestions;
    assert.ok(questions.length >= 2000, `${questions.length} questions`);
    assert.deepEqual(new Set(questions.map((q) => q.author)), new Set(['t1', 't2', 't3', 't4']));
    for (const topic of kb.topics) {
      const asked = questions.filter((q) => q.topic === topic.id);
      assert.ok(
        asked.some((q) => q.point === null),
        `${topic.id}: a question about the whole topic`,
      );
      const points = new Set(asked.map((q) => q.point).filter((point) => point !== null));
      assert.ok(points.size >= topic.steps.sv.length - 1, `${topic.id}: ${points.size} points asked about`);
    }
    assert.ok(questions.filter((q) => q.lang === 'en').length >= 200, 'English questions');
  });

  it('rejects a training question naming a topic or a point the knowledge base does not have', () => {
    const question = {
      author: 'x',
      topic: 'insurance',
      point: 0,
      lang: 'sv' as const,
      text: 'betalar kommunen?',
    };
    assert.doesNotThrow(() => new KnowledgeBase(kb.topics, [question]));
    const points = kb.require('insurance').steps.sv.length;
    assert.throws(() => new KnowledgeBase(kb.topics, [{ ...question, point: points }]), /has no point/);
    assert.throws(() => new KnowledgeBase(kb.topics, [{ ...question, topic: 'nothing' }]), /does not exist/);
  });

  it('rejects two topics with one id (a search keeps one topic per id)', () => {
    const copy = { ...kb.topics[1]!, id: kb.topics[0]!.id };
    assert.throws(() => new KnowledgeBase([...kb.topics, copy]), new RegExp(`topic id "${copy.id}" twice`));
  });
});
