import assert from 'node:assert/strict';
import { KnowledgeBase } from '../../../src/guidance/domain/knowledgeBase';
import { QUICK_STEP, REPORT_STEPS } from '../../../src/report/domain/bilaga4';
import { dateFrom, factsFrom, isIncidentStatement } from '../../../src/report/domain/quickReport';
import { validateStep } from '../../../src/report/domain/validation';
import { problemTexts } from '../../../src/report/messages';
import { normalizeText } from '../../../src/core/text/normalize';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/core/paths';

// Sunday 29 November 2026, 12:00 in Sweden.
const NOW = new Date('2026-11-29T11:00:00Z');
const lists = { bodies: ['Socialnämnden'], parties: ['S', 'M'] };

describe('quick report: recognising an incident told in her own words, and what the words say', () => {
  it('recognises first-person incident statements in Swedish and English', () => {
    for (const text of [
      'jag blev hotad efter mötet igår',
      'någon skrev hot på min facebook',
      'Nån hotade mig i telefon i morse',
      'jag har fått ett hotbrev',
      'I was threatened after the meeting yesterday',
      'someone posted threats on my instagram',
    ])
      assert.ok(isIncidentStatement(text), text);
  });

  it('leaves questions, hypotheticals and questions about an incident to the guidance', () => {
    for (const text of [
      'vad gör jag om jag blir hotad?',
      'jag blev hotad igår, vad ska jag göra nu',
      'om någon hotar mig på facebook',
      'han slog mig efter mötet, räknas det som våld',
      'I was threatened yesterday, what should I do now',
      'hur rapporterar jag en incident',
      '',
    ])
      assert.ok(!isIncidentStatement(text), text);
  });

  it('takes at most 1 % of the guidance questions (dev set and the knowledge base examples)', () => {
    const questions = [
      ...(
        JSON.parse(fs.readFileSync(path.join(projectRoot, 'test', 'guidance', 'qa-set.json'), 'utf8')) as {
          qa: Array<{ q: string }>;
        }
      ).qa.map((item) => item.q),
      ...KnowledgeBase.load().exampleQuestions(),
    ];
    const taken = questions.filter(isIncidentStatement);
    assert.ok(taken.length / questions.length <= 0.01, `${taken.length} of ${questions.length}`);
  });

  it('prefills kind, channel, day, place, the text and "myself" from "jag blev hotad efter mötet igår"', () => {
    assert.deepEqual(factsFrom('jag blev hotad efter mötet igår', NOW), {
      description: 'jag blev hotad efter mötet igår',
      reportingFor: 'self',
      kinds: 'hot',
      channel: 'personligen',
      date: '2026-11-28',
      place: 'efter mötet',
    });
    const facebook = factsFrom('någon skrev hot på min facebook', NOW);
    assert.equal(facebook.kinds, 'hot');
    assert.equal(facebook.channel, 'sociala-medier');
    assert.equal(facebook.date, undefined, 'no day in the words: none is guessed');
    assert.equal(factsFrom('jag har fått ett hotbrev', NOW).channel, 'brev');
    assert.equal(factsFrom('nån slog mig på stan', NOW).kinds, 'vald');
  });

  it('reads the day: igår, i förrgår, i morse, i kväll, weekday names (the last one before today)', () => {
    const day = (text: string) => dateFrom(normalizeText(text), NOW);
    assert.equal(day('i morse'), '2026-11-29');
    assert.equal(day('i kväll'), '2026-11-29');
    assert.equal(day('igar'), '2026-11-28');
    assert.equal(day('i går'), '2026-11-28');
    assert.equal(day('i förrgår'), '2026-11-27');
    assert.equal(day('i fredags'), '2026-11-27');
    assert.equal(day('i måndags'), '2026-11-23');
    assert.equal(day('i söndags'), '2026-11-22', 'on a Sunday, "i söndags" is a week ago');
    assert.equal(day('last Tuesday'), '2026-11-24');
    assert.equal(day('förra året'), undefined);
  });

  it('requires only what the quick card asks, and says "at least one" for the kinds', () => {
    const result = validateStep(QUICK_STEP, { kinds: '', channel: 'sms' }, {}, lists, NOW);
    assert.equal(problemTexts(result.problems, 'sv').kinds, 'Välj minst ett alternativ.');
    assert.ok(result.problems.description && result.problems.date && result.problems.victimParty);
    assert.equal(result.problems.place, undefined, 'the place can be added later');
    const incident = REPORT_STEPS.find((step) => step.id === 'incident')!;
    const full = validateStep(incident, { kinds: '' }, {}, lists, NOW);
    assert.equal(problemTexts(full.problems, 'en').kinds, 'Choose at least one option.');
  });
});
