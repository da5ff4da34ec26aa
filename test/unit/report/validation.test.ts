import assert from 'node:assert/strict';
import { FIELD_IDS, REPORT_STEPS } from '../../../src/report/domain/bilaga4';
import { firstInvalidStep, validateStep, type ReportValues } from '../../../src/report/domain/validation';
import { policeSheet } from '../../../src/report/domain/policeSheet';
import { problemTexts } from '../../../src/report/messages';
import { COMPLETE_ANSWERS } from '../../support/reportFlow';
import { shippedOrganisation } from '../../support/organisation';

const lists = { bodies: ['Socialnämnden', 'Kultur-, fritids- och tekniknämnden'], parties: ['S', 'M'] };
const NOW = new Date('2026-11-29T12:00:00Z');
const stepOf = (id: string) => REPORT_STEPS.find((step) => step.fields.some((field) => field.id === id))!;
const complete: ReportValues = Object.assign({}, ...COMPLETE_ANSWERS);

describe('Bilaga 4 model and validation', () => {
  it('has every field of Bilaga 4 and no personnummer or victim-characteristics field', () => {
    for (const id of [
      'reporterName',
      'reporterFunction',
      'relationToVictim',
      'victimName',
      'victimBody',
      'victimParty',
      'kinds',
      'channel',
      'description',
      'date',
      'place',
      'witnesses',
      'reachedRecipient',
      'perpetratorKnown',
      'perpetratorCount',
      'gender',
      'approximateAge',
      'build',
      'dialect',
      'distinguishingMarks',
      'targetedOthers',
      'groupAffiliation',
      'groupWhich',
      'trigger',
      'decidedMeasures',
      'experience',
      'policeContacted',
      'policeContactedDate',
      'policeReported',
      'wantsPoliceReport',
      'needsSupport',
      'supportNeeds',
      'receivedSupport',
      'supportDescription',
      'relativesInformed',
      'relativesWho',
      'partyInformed',
      'municipalServicesInformed',
      'municipalServicesWho',
      'hateCrimeMotive',
    ]) {
      assert.ok(FIELD_IDS.includes(id), id);
    }
    assert.ok(!FIELD_IDS.some((id) => /personnummer|ssn|ethnic|religion|orientation/i.test(id)));
    assert.equal(REPORT_STEPS.length, 8);
  });

  const followUps: Array<[string, string, string]> = [
    ['reportingFor', 'other', 'relationToVictim'],
    ['groupAffiliation', 'yes', 'groupWhich'],
    ['trigger', 'decision', 'triggerDetails'],
    ['policeContacted', 'yes', 'policeContactedDate'],
    ['policeReported', 'no', 'wantsPoliceReport'],
    ['needsSupport', 'yes', 'supportNeeds'],
    ['receivedSupport', 'yes', 'supportDescription'],
    ['relativesInformed', 'yes', 'relativesWho'],
    ['municipalServicesInformed', 'yes', 'municipalServicesWho'],
  ];
  for (const [question, answer, followUp] of followUps) {
    it(`shows "${followUp}" from the start and requires it only when ${question} = ${answer}`, () => {
      const step = stepOf(question);
      const base = { ...complete };
      delete base[followUp];
      // The follow-up was on the card from the start ("Om ja, …"): no second Nästa to reveal it, and a
      // required one left empty is an error at once, beside the field.
      const answered = validateStep(step, { ...base, [question]: answer }, {}, lists, NOW);
      assert.deepEqual(answered.revealed, [], 'nothing to reveal: the card already showed it');
      const definition = step.fields.find((f) => f.id === followUp)!;
      assert.equal(answered.problems[followUp] !== undefined, definition.required === true);
      assert.match(definition.label.sv, /^Om /, 'the label says when it applies');
      const other = step.fields.find((f) => f.id === question)!.showIf
        ? []
        : ['no', 'yes', 'other', 'self', 'none'];
      const notRelevant = other.find(
        (value) =>
          value !== answer &&
          !stepOf(followUp)
            .fields.find((f) => f.id === followUp)!
            .showIf!.equals.includes(value),
      );
      if (notRelevant) {
        const hidden = validateStep(
          step,
          { ...base, [question]: notRelevant, [followUp]: 'old answer' },
          base,
          lists,
          NOW,
        );
        assert.equal(hidden.values[followUp], undefined, 'a follow-up that no longer applies is dropped');
        assert.ok(!hidden.revealed.includes(followUp));
      }
    });
  }

  it('validates required answers, lengths, dates, times and choices from the allowed lists', () => {
    const when = stepOf('date');
    const result = validateStep(when, { date: '2026-11-30', time: '7:5', place: '' }, {}, lists, NOW);
    assert.deepEqual(result.problems, {
      date: { code: 'future' },
      time: { code: 'time' },
      place: { code: 'required' },
    });
    const texts = problemTexts(result.problems, 'sv');
    assert.match(texts.date!, /framtiden/);
    assert.match(texts.time!, /TT:MM/);
    assert.match(texts.place!, /Fyll i/);
    const victim = stepOf('victimBody');
    assert.match(
      problemTexts(
        validateStep(victim, { victimBody: 'Påhittad nämnd', victimParty: 'X' }, {}, lists, NOW).problems,
        'en',
      ).victimBody!,
      /Choose/,
    );
    assert.equal(
      validateStep(
        victim,
        { victimBody: 'Kultur-, fritids- och tekniknämnden', victimParty: 'M' },
        {},
        lists,
        NOW,
      ).problems.victimBody,
      undefined,
    );
    const incident = stepOf('kinds');
    const bad = validateStep(
      incident,
      { kinds: 'hot,bomb', channel: 'brev', description: 'å'.repeat(4_001), hateCrimeMotive: 'no' },
      {},
      lists,
      NOW,
    );
    assert.ok(bad.problems.kinds);
    assert.deepEqual(bad.problems.description, { code: 'tooLong', max: 4000, got: 4001 });
    assert.equal(
      problemTexts(bad.problems, 'sv').description,
      'Högst 4000 tecken – du har skrivit 4001. Korta gärna texten.',
    );
    assert.equal(bad.values.description!.length, 4_001, 'an over-long text is kept for correction');
  });

  it('judges "not in the future" on the Swedish calendar', () => {
    const lateEvening = new Date('2026-11-29T23:30:00Z'); // 00:30 on the 30th in Sweden
    assert.equal(
      validateStep(stepOf('date'), { date: '2026-11-30', place: 'x' }, {}, lists, lateEvening).problems.date,
      undefined,
    );
  });

  it('ignores fields of other steps and non-string values in card data', () => {
    const result = validateStep(
      stepOf('reporterName'),
      { reporterName: 'Anna', reportingFor: 'self', victimParty: 'S', evil: 1 },
      {},
      lists,
      NOW,
    );
    assert.equal(result.values.victimParty, undefined);
    assert.equal(result.values.evil, undefined);
    const forged = validateStep(
      stepOf('reporterName'),
      { reporterName: { $gt: '' }, reportingFor: 'self' },
      {},
      lists,
      NOW,
    );
    assert.match(problemTexts(forged.problems, 'sv').reporterName!, /gick inte att läsa/);
  });

  it('finds the first incomplete step before submit', () => {
    assert.equal(firstInvalidStep(REPORT_STEPS, complete, lists, NOW), undefined);
    const missing = { ...complete };
    delete missing.place;
    assert.equal(firstInvalidStep(REPORT_STEPS, missing, lists, NOW), 3);
  });

  it('fills the police sheet from the answers (Bilaga 3), with a hate-crime motive and injuries when given', () => {
    const plain = policeSheet(complete, 'sv', shippedOrganisation());
    const text = JSON.stringify(plain);
    assert.match(text, /112/);
    assert.match(text, /114 14/);
    assert.match(text, /polisen\.se/);
    assert.match(text, /förtroendevald i Falkenbergs kommun \(Socialnämnden, S\)/);
    assert.match(text, /åtkomstskydd/);
    assert.match(text, /återkoppling/);
    assert.doesNotMatch(text, /hatbrottsmotiv/);
    const hate = JSON.stringify(
      policeSheet(
        { ...complete, hateCrimeMotive: 'yes', kinds: 'vald', channel: 'brev' },
        'sv',
        shippedOrganisation(),
      ),
    );
    assert.match(hate, /hatbrottsmotiv \(4\.7\)/);
    assert.match(hate, /dokumenterade hos sjukvården/);
    assert.match(hate, /oöppnade försändelser/);
  });
});
