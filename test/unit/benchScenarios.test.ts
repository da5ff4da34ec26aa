import assert from 'node:assert/strict';
import { reportButton } from '../../bench/scenarios';
import { CardRenderer } from '../../src/core/cards';
import { DEFAULT_BODIES, DEFAULT_PARTIES } from '../../src/core/config';
import { REPORT_VERBS } from '../../src/report/domain/verbs';
import { ReportCards } from '../../src/report/reportCards';
import { REVIEW_STEP } from '../../src/report/reportService';
import { shippedOrganisation } from '../support/organisation';
import { completeDraft } from '../support/reportFlow';

/** The bench's report-dialog scenario presses, on the real report cards, the button that keeps it in the steps. */
describe('bench: the report-dialog scenario', () => {
  const cards = new ReportCards(
    new CardRenderer(),
    { bodies: DEFAULT_BODIES.split(';'), parties: DEFAULT_PARTIES.split(',') },
    shippedOrganisation(),
    { title: { sv: 'säkerhetssamordnare', en: 'security coordinator' }, name: 'S', responseHours: 24 },
  );
  const draft = (step: number) => completeDraft({ id: 'd1', ownerKey: 'u', step });

  it('presses "Nästa" on a step card', () => {
    const pressed = reportButton(cards.step(draft(2), 'sv'));
    assert.equal(pressed?.verb, REPORT_VERBS.step);
    assert.equal(pressed?.move, 'next');
    assert.equal(pressed?.step, 2);
  });

  it('presses "Börja om" on the offer to go on with a finished draft, so the steps are walked again', () => {
    // "Fortsätt" (the old choice) shows only the review: read-only, and no "Nästa" on it.
    const offer = cards.resumeOffer(draft(REVIEW_STEP), 'sv');
    assert.equal(reportButton(offer)?.verb, REPORT_VERBS.restart);
    assert.equal(reportButton(cards.review(draft(REVIEW_STEP), 'sv')), undefined);
  });
});
