import assert from 'node:assert/strict';
import { CardRenderer, type AdaptiveCard, type CardData, type CardName } from '../../../src/core/cards';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import { FirstActions } from '../../../src/guidance/firstActions';
import { GuidanceCards } from '../../../src/guidance/guidanceCards';
import { welcomeCard, welcomeCardData } from '../../../src/bot/welcome';
import { shippedOrganisation } from '../../support/organisation';
import { QUESTION_VERBS } from '../../../src/alerts/domain/verbs';

/** A renderer that counts template expansions. */
class CountingRenderer extends CardRenderer {
  expansions = 0;
  override expand(name: string, data: object): AdaptiveCard {
    this.expansions++;
    return super.expand(name, data);
  }
}

/** The oracle: every card expanded afresh from its data, nothing shared. */
class FreshRenderer extends CardRenderer {
  override renderShared<K extends CardName>(name: K, _key: string, data: () => CardData[K]): AdaptiveCard {
    return this.render(name, data());
  }
}

const ASK = (card: AdaptiveCard) =>
  (card.actions as Array<{ data?: Record<string, unknown> }>).find(
    (action) => action.data?.verb === QUESTION_VERBS.ask,
  );

describe('shared cards: guidance and welcome cards are expanded once, and are the same as a fresh expansion', () => {
  const knowledgeBase = KnowledgeBase.load();
  const firstActions = FirstActions.load();
  const questions = [
    undefined,
    'nån hotar mig på fejsbuk',
    'se https://example.org/x och www.example.org {{ $root }}',
    'x'.repeat(1_200),
  ];

  it('gives every answer, with or without a question, exactly what a full expansion with the question gives', () => {
    const shared = new GuidanceCards(new CardRenderer(), knowledgeBase, { firstActions });
    const fresh = new CardRenderer();
    let compared = 0;
    for (const topic of knowledgeBase.topics)
      for (const locale of ['sv', 'en'] as const)
        for (const question of questions)
          for (const variant of [{}, { point: 0 }, { preface: 'P', closing: 'C' }]) {
            const options = { ...variant, ...(question !== undefined ? { question } : {}) };
            const expected = fresh.render('guidance-answer', shared.answerData(topic, locale, options));
            assert.deepEqual(shared.answer(topic, locale, options), expected, `${topic.id} ${locale}`);
            compared++;
          }
    assert.ok(compared > 500, `${compared} answers compared`);
  });

  it('gives the acute card, the menus and the choices exactly as a fresh expansion, in both languages', () => {
    const shared = new GuidanceCards(new CardRenderer(), knowledgeBase, { firstActions });
    const oracle = new GuidanceCards(new FreshRenderer(), knowledgeBase, { firstActions });
    for (const locale of ['sv', 'en'] as const) {
      for (const options of [{}, { alarmRole: 'säkerhetschefen' }, { draftSaved: true }])
        assert.deepEqual(shared.acute(locale, options), oracle.acute(locale, options));
      assert.deepEqual(shared.menu(locale), oracle.menu(locale));
      assert.deepEqual(shared.allTopics(locale), oracle.allTopics(locale));
      const ids = knowledgeBase.topics.slice(0, 3).map((topic) => topic.id);
      assert.deepEqual(shared.choices(ids, locale), oracle.choices(ids, locale));
      assert.deepEqual(shared.choices(ids, locale, 'M'), oracle.choices(ids, locale, 'M'));
      assert.notDeepEqual(shared.choices(ids, locale, 'M'), shared.choices(ids, locale));
    }
  });

  it('expands the answer template once per topic and variant, however many ask (each with their own question)', () => {
    const renderer = new CountingRenderer();
    const guidance = new GuidanceCards(renderer, knowledgeBase, { firstActions });
    const topic = knowledgeBase.require('social-media');
    const first = guidance.answer(topic, 'sv', { question: 'hot på facebook' });
    const second = guidance.answer(topic, 'sv', { question: 'någon skriver elakt om mig' });
    assert.equal(renderer.expansions, 1);
    assert.equal(ASK(first)?.data?.question, 'hot på facebook');
    assert.equal(ASK(second)?.data?.question, 'någon skriver elakt om mig');
    guidance.answer(topic, 'en');
    guidance.answer(topic, 'sv', { point: 1 });
    assert.equal(renderer.expansions, 3, 'another language or point is another card');
  });

  it("never lets one person's question reach the next card: the shared card is frozen and has no question", () => {
    const guidance = new GuidanceCards(new CardRenderer(), knowledgeBase, { firstActions });
    const topic = knowledgeBase.require('stalking');
    guidance.answer(topic, 'sv', { question: 'han står utanför mitt hus' });
    const plain = guidance.answer(topic, 'sv');
    assert.equal(ASK(plain)?.data?.question, undefined);
    assert.ok(Object.isFrozen(plain) && Object.isFrozen(plain.actions) && Object.isFrozen(ASK(plain)?.data));
    assert.throws(() => (plain.actions as unknown[]).push({}), TypeError);
  });

  it('expands the welcome card once per language and notice', () => {
    const renderer = new CountingRenderer();
    const organisation = shippedOrganisation();
    const a = welcomeCard(renderer, organisation, 'sv');
    assert.equal(welcomeCard(renderer, organisation, 'sv'), a);
    assert.deepEqual(a, new CardRenderer().render('welcome', welcomeCardData('sv', organisation)));
    welcomeCard(renderer, organisation, 'en');
    welcomeCard(renderer, organisation, 'sv', 'Notis');
    assert.equal(renderer.expansions, 3);
  });

  it('keeps at most 1 000 shared cards, dropping the least recently used', () => {
    const renderer = new CountingRenderer();
    const guidance = new GuidanceCards(renderer, knowledgeBase, { firstActions });
    const ids = knowledgeBase.topics.map((topic) => topic.id);
    const choices = (i: number) => guidance.choices([ids[i % ids.length]!], 'sv', `m${i}`);
    for (let i = 0; i < 1_000; i++) choices(i);
    assert.equal(renderer.expansions, 1_000);
    choices(0);
    assert.equal(renderer.expansions, 1_000, 'kept, and now the most recently used');
    choices(1_000);
    assert.equal(renderer.expansions, 1_001);
    choices(0);
    assert.equal(renderer.expansions, 1_001, 'the one used again stayed');
    choices(1);
    assert.equal(renderer.expansions, 1_002, 'the least recently used went');
  });

  it('does not share a card between two GuidanceCards with another security role on one renderer', () => {
    const renderer = new CardRenderer();
    const topic = knowledgeBase.require('social-media');
    const role = (name: string) =>
      new GuidanceCards(renderer, knowledgeBase, { firstActions, securityRole: () => name });
    const a = role('säkerhetschefen').answer(topic, 'sv');
    const b = role('trygghetssamordnaren').answer(topic, 'sv');
    assert.match(JSON.stringify(a), /säkerhetschefen/);
    assert.match(JSON.stringify(b), /trygghetssamordnaren/);
  });
});
