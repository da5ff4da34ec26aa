import assert from 'node:assert/strict';
import { CardRenderer, type AdaptiveCard } from '../../../src/core/cards';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import { FirstActions } from '../../../src/guidance/firstActions';
import { GuidanceCards, MENU_TOPIC_IDS } from '../../../src/guidance/guidanceCards';

interface Element {
  type?: string;
  text?: string;
  title?: string;
  items?: Element[];
  card?: { body?: Element[]; actions?: Element[] };
  selectAction?: Element;
  data?: Record<string, unknown>;
}

/** The texts of the visible body, in order (a ShowCard's card is not visible until pressed). */
function visibleTexts(elements: Element[] = []): string[] {
  return elements.flatMap((element) => [
    ...(element.text ? [element.text] : []),
    ...visibleTexts(element.items),
  ]);
}
const showCardOf = (card: AdaptiveCard) =>
  (card.actions as Element[] | undefined)?.find((action) => action.type === 'Action.ShowCard');

describe('guidance answers: what to do now first, the rest behind "Visa mer"', () => {
  const knowledgeBase = KnowledgeBase.load();
  const firstActions = FirstActions.load();
  const guidance = new GuidanceCards(new CardRenderer(), knowledgeBase, { firstActions });

  it("opens the answer with the topic's first actions, right under the title", () => {
    const card = guidance.answer(knowledgeBase.require('social-media'), 'sv');
    const texts = visibleTexts(card.body as Element[]);
    assert.equal(texts[0], knowledgeBase.require('social-media').title.sv);
    assert.equal(texts[1], 'Gör det här först');
    assert.match(texts[2]!, /^1\. Vid direkt hot ska du skärmdumpa inläggen/);
    assert.match(texts[3]!, /^2\. Undvik att i förväg/);
  });

  it('keeps the whole section, summary and every step, behind "Visa mer" and not on the card itself', () => {
    const topic = knowledgeBase.require('suspicious-parcel');
    const card = guidance.answer(topic, 'sv');
    const visible = visibleTexts(card.body as Element[]).join('\n');
    assert.ok(!visible.includes(topic.summary.sv), 'the summary is not on the card');
    const more = showCardOf(card);
    assert.equal(more?.title, 'Visa mer');
    const hidden = visibleTexts(more!.card!.body).join('\n');
    assert.ok(hidden.includes(topic.summary.sv));
    topic.steps.sv.forEach((step, i) => assert.ok(hidden.includes(`${i + 1}. ${step}`), step));
  });

  it('says it in English too', () => {
    const card = guidance.answer(knowledgeBase.require('phone-threat'), 'en');
    const texts = visibleTexts(card.body as Element[]);
    assert.equal(texts[1], 'Do this first');
    assert.equal(texts[2], '1. Listen carefully and do not interrupt the caller.');
    assert.equal(showCardOf(card)?.title, 'Show more');
  });

  it('loses no button: what does not fit beside "Visa mer" is under it', () => {
    for (const topic of knowledgeBase.topics) {
      const card = guidance.answer(topic, 'sv', { question: 'x' });
      const outer = (card.actions as Element[]).filter((action) => action.type === 'Action.Submit');
      const inner = showCardOf(card)?.card?.actions ?? [];
      assert.ok(outer.length + 1 <= 5, topic.id);
      assert.ok(
        [...outer, ...inner].some((action) => action.data?.['verb'] === 'guidance.topics'),
        `${topic.id}: "Alla ämnen" is somewhere`,
      );
    }
  });

  it("starts the acute card with Bilaga 1's first actions for during an event, once each", () => {
    const card = guidance.acute('sv', { alarmRole: 'säkerhetssamordnaren', draftSaved: true });
    const texts = visibleTexts(card.body as Element[]);
    assert.deepEqual(texts.slice(0, 3), [
      'Gör så här medan du väntar på hjälp:',
      knowledgeBase.require('during-incident').title.sv,
      'Gör det här först',
    ]);
    assert.equal(texts[3], '1. Ta inga personliga risker i onödan.');
    assert.equal(texts.filter((text) => /risker/i.test(text)).length, 1, 'no risk line said twice');
  });
});

describe('guidance menu: the situations people come with', () => {
  const knowledgeBase = KnowledgeBase.load();
  const guidance = new GuidanceCards(new CardRenderer(), knowledgeBase, {
    firstActions: FirstActions.load(),
  });
  const situationsOf = (card: AdaptiveCard) =>
    (card.body as Element[]).flatMap((element) => (element.selectAction ? [element.selectAction] : []));

  it('offers six situations, not every topic', () => {
    const situations = situationsOf(guidance.menu('sv'));
    assert.deepEqual(
      situations.map((action) => action.title),
      [
        'Hot i sociala medier',
        'Hotbrev eller misstänkt paket',
        'Någon förföljer mig',
        'Inför ett sammanträde',
        'Rapportera',
        'Fler ämnen',
      ],
    );
    assert.deepEqual(
      situations.map((action) => action.data?.['topicId'] ?? action.data?.['verb']),
      ['social-media', 'threat-letter', 'stalking', 'meeting-checklist', 'report.start', 'guidance.topics'],
    );
    assert.equal(situationsOf(guidance.menu('en'))[0]?.title, 'Threats on social media');
  });

  it('"Fler ämnen" lists every topic', () => {
    const card = JSON.stringify(guidance.allTopics('sv'));
    for (const id of MENU_TOPIC_IDS) assert.ok(card.includes(`"topicId":"${id}"`), id);
  });
});
