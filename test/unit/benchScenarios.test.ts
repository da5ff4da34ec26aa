import assert from 'node:assert/strict';
import { reportButton } from '../../bench/scenarios';
import { REPORT_VERBS } from '../../src/report/domain/verbs';

/** The bench's report-dialog scenario presses the button that keeps the conversation in the steps. */
describe('bench: the report-dialog scenario', () => {
  const card = (...data: object[]) => ({
    type: 'AdaptiveCard',
    actions: data.map((d) => ({ type: 'Action.Submit', title: 'x', data: d })),
  });

  it('presses "Nästa" on a step card', () => {
    const next = { verb: REPORT_VERBS.step, draftId: 'd1', step: 2, move: 'next' };
    const back = { verb: REPORT_VERBS.step, draftId: 'd1', step: 2, move: 'back' };
    assert.deepEqual(reportButton(card(back, next)), next);
  });

  it('presses "Börja om" on the offer to go on with a draft, so the steps are walked again', () => {
    // "Fortsätt" on a finished draft shows only the review (read-only, no "Nästa"): the old choice.
    const offer = card({ verb: REPORT_VERBS.resume, lang: 'sv' }, { verb: REPORT_VERBS.restart, lang: 'sv' });
    assert.deepEqual(reportButton(offer), { verb: REPORT_VERBS.restart, lang: 'sv', step: -1 });
  });

  it('has nothing to press on the review', () => {
    assert.equal(reportButton(card({ verb: REPORT_VERBS.submit, draftId: 'd1' })), undefined);
  });
});
