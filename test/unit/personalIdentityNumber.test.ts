import assert from 'node:assert/strict';
import { REPORT_STEPS } from '../../src/report/domain/bilaga4';
import { firstInvalidStep, validateStep, type ReportValues } from '../../src/report/domain/validation';
import { containsPersonalIdentityNumber } from '../../src/core/text/personalIdentityNumber';
import { problemTexts } from '../../src/report/messages';
import { COMPLETE_ANSWERS } from '../support/reportFlow';

const lists = { bodies: ['Socialnämnden'], parties: ['S', 'M'] };
const NOW = new Date('2026-11-29T12:00:00Z');
const complete: ReportValues = Object.assign({}, ...COMPLETE_ANSWERS);
const stepOf = (id: string) => REPORT_STEPS.find((step) => step.fields.some((field) => field.id === id))!;

/** Finding 10 (issue 13): a personnummer in free text is found on the server and must be removed. */
describe('personnummer in free text', () => {
  it('finds the usual ways of writing one', () => {
    for (const text of [
      'Han heter Per, 19800101-1234, och bor här',
      'pnr 800101-1234',
      'hennes nummer är 811218-9876',
      'samordningsnummer 701063-2391',
      '198112189876',
      'personnummer 8112189876',
    ])
      assert.ok(containsPersonalIdentityNumber(text), text);
  });

  it('leaves dates, times, phone numbers, references and amounts alone', () => {
    for (const text of [
      'Det hände 2026-11-20 kl. 21:30',
      'ring mig på 0701234567 eller 070-123 45 67',
      'referens IR-2026-0001',
      'det kostade 12 500 kr, konto 1234-5678',
      'polisens ärende 5000-K123456-26',
      'postnummer 311 80 Falkenberg',
    ])
      assert.equal(containsPersonalIdentityNumber(text), false, text);
  });

  it('sends a report step back with a message, keeping what was typed, and blocks submitting it', () => {
    const step = stepOf('description');
    const description = 'Mannen (19800101-1234) skrev att han vet var jag bor.';
    const values = { ...complete, description };
    const result = validateStep(step, values, complete, lists, NOW);
    assert.deepEqual(result.problems.description, { code: 'personalIdentityNumber' });
    assert.match(problemTexts(result.problems, 'sv').description!, /personnumret/);
    assert.equal(result.values.description, description, 'nothing typed is lost');
    assert.equal(firstInvalidStep(REPORT_STEPS, values, lists, NOW), REPORT_STEPS.indexOf(step));
    assert.match(
      problemTexts(validateStep(step, values, complete, lists, NOW).problems, 'en').description!,
      /identity number/,
    );
  });
});
