import assert from 'node:assert/strict';
import { CardRenderer, asUserText, type CardData, type CardName } from '../../src/core/cards';
import { validateCard } from '../../src/core/cards/cardValidation';
import { welcomeCardData } from '../../src/bot/welcome';
import { sampleDataFor } from './cardSamples';
import { INTENTIONAL_USER_TEXTS } from './reportCardSamples';
import { shippedOrganisation } from '../support/organisation';

describe('card templates', () => {
  const cards = new CardRenderer();

  it('has sample data for every template in cards/', () => {
    for (const name of cards.names()) assert.ok(sampleDataFor(name).length > 0, `no sample data for ${name}`);
  });

  for (const name of new CardRenderer().names()) {
    it(`${name}: every sample expands to a valid card (schema, version ≤ 1.5, < 28 KB)`, () => {
      for (const data of sampleDataFor(name)) {
        const card = cards.expand(name, data);
        assert.deepEqual(validateCard(card), []);
        // Sample user texts contain "${…}" on purpose: they must come out verbatim, everything else expanded.
        let json = JSON.stringify(card);
        for (const text of INTENTIONAL_USER_TEXTS)
          json = json.split(JSON.stringify(text).slice(1, -1)).join('');
        assert.ok(!json.includes('${'), 'no unexpanded template expression');
      }
    });
  }

  it('has a data interface in CardData for every template in cards/ (and no interface without a template)', () => {
    // A Record over CardName: the build fails when a template name is missing here or is not in CardData.
    const typed: Record<CardName, true> = {
      'alert-digest': true,
      'alert-meeting-risk': true,
      'alert-notice': true,
      'alert-owner': true,
      'alert-report': true,
      'alert-status': true,
      'alert-urgent': true,
      'ask-chief': true,
      'case-detail': true,
      'case-export': true,
      'case-list': true,
      'case-menu': true,
      'case-message': true,
      'case-stats': true,
      'chief-answer': true,
      'chief-question': true,
      'guidance-answer': true,
      'guidance-choices': true,
      'guidance-menu': true,
      'guidance-question': true,
      'guidance-situations': true,
      'meeting-checklist': true,
      'meeting-form': true,
      'meeting-list': true,
      'meeting-record': true,
      'party-contacts': true,
      'report-confirmation': true,
      'report-list': true,
      'report-message': true,
      'report-police-sheet': true,
      'report-review': true,
      'report-step': true,
      welcome: true,
    };
    assert.deepEqual(Object.keys(typed).sort(), cards.names().sort());
  });

  it("checks each typed template's data at compile time (the build fails if a wrong shape compiles)", () => {
    const message = { title: 'Utkastet är sparat', lines: ['Du kan fortsätta senare.'], actions: [] };
    const button = { title: 'Meny', payload: {}, associatedInputs: 'none', style: 'default' } as const;
    const checklist = {} as CardData['meeting-checklist'];
    assert.deepEqual(validateCard(cards.render('report-message', message)), []);
    const wrongShapes = () => [
      // @ts-expect-error -- 'report-message' takes { title, lines, actions }, not a title alone
      cards.render('report-message', { title: 'x' }),
      // @ts-expect-error -- not a template in cards/
      cards.render('no-such-card', {}),
      // @ts-expect-error -- the urgent alert needs who, when and "Larmet ersätter aldrig 112"
      cards.render('alert-urgent', { title: 'AKUT LARM' }),
      // @ts-expect-error -- a case button's style is positive, default or destructive
      cards.render('case-message', { title: 'x', lines: [], actions: [{ ...button, style: 'loud' }] }),
      // @ts-expect-error -- the checklist's risk block is an object, not a string
      cards.render('meeting-checklist', { ...checklist, risk: 'elevated' }),
    ];
    assert.equal(typeof wrongShapes, 'function');
  });

  it('flags a card that Teams would refuse', () => {
    assert.match(validateCard({ type: 'AdaptiveCard', version: '1.6', body: [] }).join(), /above 1\.5/);
    const huge = {
      type: 'AdaptiveCard' as const,
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x'.repeat(30_000) }],
    };
    assert.match(validateCard(huge).join(), /over the 28672/);
    assert.match(
      validateCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Nope' }] }).join(),
      /Unknown element/,
    );
  });

  it('keeps hostile user text as data: no JSON or template injection', () => {
    const hostile =
      '${title}"},{"type":"Action.OpenUrl","url":"https://evil"} {{DATE(2020-01-01T00:00:00Z)}}';
    const card = cards.render('welcome', welcomeCardData('sv', shippedOrganisation(), asUserText(hostile)));
    assert.deepEqual(validateCard(card), []);
    const notice = (card.body as Array<{ text?: string }>).find((block) =>
      block.text?.includes('Action.OpenUrl'),
    );
    assert.ok(notice, 'the hostile text is shown as one string');
    assert.ok(!notice.text!.includes('{{DATE'), 'Teams date macros are broken up');
    assert.equal(JSON.stringify(card).includes('"type":"Action.OpenUrl"'), false);
  });

  it('clips user text by characters without splitting emoji', () => {
    const clipped = asUserText('😀'.repeat(20), 10);
    assert.equal(Array.from(clipped).length, 10);
    assert.ok(!/[\ud800-\udbff]$/.test(clipped.slice(0, -1)));
  });
});
