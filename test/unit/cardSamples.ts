import { welcomeCardData } from '../../src/bot/welcome';
import { CardRenderer, type AdaptiveCard } from '../../src/core/cards';
import { KnowledgeBase } from '../../src/guidance/domain/knowledgeBase';
import { GuidanceCards, MENU_TOPIC_IDS } from '../../src/guidance/guidanceCards';
import { DEFAULT_BODIES, DEFAULT_PARTIES } from '../../src/core/config';
import { REPORT_STEPS } from '../../src/report/domain/bilaga4';
import { ReportCards } from '../../src/report/reportCards';
import { alertCard } from '../../src/alerts/alertCards';
import type { Draft } from '../../src/report/reportService';
import type { StoredReport } from '../../src/report/reportStore';
import { COMPLETE_ANSWERS } from '../support/reportFlow';
import { reportCardSamples } from './reportCardSamples';
import { recordMeetingCards } from './meetingCardSamples';

/** Records the data every card is rendered with, so the real card builders supply the samples. */
class RecordingRenderer extends CardRenderer {
  readonly samples = new Map<string, object[]>();
  override render<Data extends object>(name: string, data: Data): AdaptiveCard {
    this.samples.set(name, [...(this.samples.get(name) ?? []), data]);
    return super.render(name, data);
  }
}

function collectSamples(): Map<string, object[]> {
  const recorder = new RecordingRenderer();
  recorder.samples.set('welcome', [
    welcomeCardData('sv'),
    welcomeCardData('en'),
    welcomeCardData('sv', 'Jag förstod inte riktigt. Det här kan jag hjälpa dig med:'),
  ]);
  const knowledgeBase = KnowledgeBase.load();
  const guidance = new GuidanceCards(recorder, knowledgeBase);
  for (const locale of ['sv', 'en'] as const) {
    for (const topic of knowledgeBase.topics) guidance.answer(topic, locale, { preface: 'x', closing: 'y' });
    guidance.menu(locale);
    guidance.acute(locale);
    guidance.choices(MENU_TOPIC_IDS.slice(0, 3), locale);
    guidance.choices([], locale, 'empty');
    guidance.triageQuestion('happeningNow', {}, locale);
    guidance.triageQuestion('hurt', { happeningNow: false }, locale);
    guidance.triageQuestion('channel', { happeningNow: false, hurt: true }, locale);
  }
  recordReportCards(recorder);
  const owner = { name: 'Sara Säkerhetschef', at: '2026-11-29T10:05:00.000Z' };
  for (const locale of ['sv', 'en'] as const) {
    for (const kinds of ['vald,hot', 'hot', 'trakasserier', '']) {
      const summary = {
        reportId: '4b1f3c1e-0000-4000-8000-000000000001',
        reference: 'IR-2026-0042',
        kinds,
        channel: 'sociala-medier',
        party: 'S',
        body: 'Kultur-, fritids- och tekniknämnden',
        createdAt: '2026-11-29T10:00:00.000Z',
      };
      alertCard(recorder, summary, locale); // new alert, with the button
      alertCard(recorder, summary, locale, undefined, true); // escalation reminder
      alertCard(recorder, summary, locale, owner); // taken: who and when, no button
    }
  }
  recordMeetingCards(recorder, knowledgeBase);
  for (const [name, data] of Object.entries(reportCardSamples)) {
    recorder.samples.set(name, [...(recorder.samples.get(name) ?? []), ...data]);
  }
  return recorder.samples;
}

/** Every report card from the real builders: each step (with errors and a revealed follow-up), the review. */
function recordReportCards(recorder: RecordingRenderer): void {
  const lists = { bodies: DEFAULT_BODIES.split(';'), parties: DEFAULT_PARTIES.split(',') };
  const cards = new ReportCards(recorder, lists);
  const values = Object.assign({}, ...COMPLETE_ANSWERS, { description: 'x'.repeat(4_000) });
  const at = '2026-11-29T10:00:00.000Z';
  const draft: Draft = {
    id: 'd1',
    ownerKey: 'u',
    step: 0,
    values,
    errors: {},
    revealed: [],
    fromReview: false,
    createdAt: at,
    updatedAt: at,
    expiresAt: at,
  };
  const report: StoredReport = {
    id: 'd1',
    reference: 'IR-2026-0042',
    status: 'Mottagen',
    createdAt: at,
    updatedAt: at,
    reporter: { userId: '29:a', name: 'Anna' },
    values: { ...values, hateCrimeMotive: 'yes', kinds: 'vald' },
  };
  for (const locale of ['sv', 'en'] as const) {
    REPORT_STEPS.forEach((_, step) => {
      cards.step({ ...draft, step }, locale);
      cards.step(
        {
          ...draft,
          step,
          values: {},
          errors: { reporterName: 'Fyll i det här.' },
          revealed: ['relationToVictim'],
        },
        locale,
      );
    });
    cards.review(draft, locale);
    cards.resumeOffer(draft, locale);
    cards.saved(locale, 30);
    cards.confirmCancel(draft, locale);
    cards.cancelled(locale);
    cards.stale(locale);
    cards.confirmation(report, locale);
    cards.policeSheet(report, locale);
    cards.list([report, report], locale);
    cards.list([], locale);
  }
}

let samples: Map<string, object[]> | undefined;

/**
 * Sample data per card template, from the real card builders in both languages (every knowledge-base topic
 * included), so every template is expanded and validated. A new template without samples fails the suite.
 */
export function sampleDataFor(name: string): object[] {
  samples ??= collectSamples();
  return samples.get(name) ?? [];
}
