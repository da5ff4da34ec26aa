import { FirstActions } from '../../src/guidance/firstActions';
import { welcomeCardData } from '../../src/bot/welcome';
import { CardRenderer, type AdaptiveCard } from '../../src/core/cards';
import { KnowledgeBase } from '../../src/guidance/domain/knowledgeBase';
import { GuidanceCards, MENU_TOPIC_IDS } from '../../src/guidance/guidanceCards';
import { DEFAULT_BODIES, DEFAULT_PARTIES, DEFAULT_SECURITY_ROLE } from '../../src/core/config';
import { QUICK_FIELD_IDS, QUICK_STEP_INDEX, REPORT_STEPS } from '../../src/report/domain/bilaga4';
import { ReportCards } from '../../src/report/reportCards';
import { alertCard, digestCard, ownerCard } from '../../src/alerts/alertCards';
import { MAX_DIGEST_REPORTS } from '../../src/alerts/deliveryCards';
import { alertStatusCard } from '../../src/alerts/alertStatus';
import { contactsCard } from '../../src/alerts/contactsCards';
import type { ChiefQuestion } from '../../src/alerts/domain/deliveryPayload';
import { meetingRiskCard } from '../../src/alerts/meetingRiskCards';
import { unreachableCard } from '../../src/alerts/noticeCards';
import { urgentCard } from '../../src/alerts/urgentCards';
import { answerCard, askCard, chiefQuestionCard } from '../../src/alerts/questionCards';
import type { StoredReport } from '../../src/report/reportStore';
import { COMPLETE_ANSWERS, completeDraft } from '../support/reportFlow';
import { reportCardSamples } from './reportCardSamples';
import { recordMeetingCards } from './meetingCardSamples';
import { CaseCards } from '../../src/cases/caseCards';
import type { CaseView } from '../../src/cases/caseRepository';
import { computeStatistics } from '../../src/cases/domain/statistics';
import { shippedOrganisation } from '../support/organisation';

/** Records the data every card is rendered with, so the real card builders supply the samples. */
class RecordingRenderer extends CardRenderer {
  readonly samples = new Map<string, object[]>();
  override expand(name: string, data: object): AdaptiveCard {
    this.samples.set(name, [...(this.samples.get(name) ?? []), data]);
    return super.expand(name, data);
  }
}

function collectSamples(): Map<string, object[]> {
  const recorder = new RecordingRenderer();
  recorder.samples.set('welcome', [
    welcomeCardData('sv', shippedOrganisation()),
    welcomeCardData('en', shippedOrganisation()),
    welcomeCardData('sv', shippedOrganisation(), 'Jag förstod inte riktigt. Det här kan jag hjälpa dig med:'),
  ]);
  const knowledgeBase = KnowledgeBase.load();
  const guidance = new GuidanceCards(recorder, knowledgeBase, { firstActions: FirstActions.load() });
  for (const locale of ['sv', 'en'] as const) {
    for (const topic of knowledgeBase.topics) {
      guidance.answer(topic, locale, { preface: 'x', closing: 'y' });
      // The point that answers the question first: the longest step, so the size check sees the worst case.
      const longest = topic.steps[locale].reduce(
        (best, step, i, all) => (step.length > all[best]!.length ? i : best),
        0,
      );
      // The question goes onto a copy of the shared card, never through the template: its data with the
      // question in it is what the size check needs.
      const longestQuestion = { point: longest, question: 'x'.repeat(1_000) };
      recorder.expand('guidance-answer', guidance.answerData(topic, locale, longestQuestion));
    }
    guidance.menu(locale);
    guidance.allTopics(locale);
    guidance.acute(locale);
    guidance.acute(locale, { alarmRole: 'säkerhetssamordnaren', draftSaved: true });
    guidance.choices(MENU_TOPIC_IDS.slice(0, 3), locale);
    guidance.choices([], locale, 'empty');
    guidance.triageQuestion('happeningNow', {}, locale);
    guidance.triageQuestion('hurt', { happeningNow: false }, locale);
    guidance.triageQuestion('channel', { happeningNow: false, hurt: true }, locale);
  }
  recordReportCards(recorder);
  recordCaseCards(recorder);
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
      alertCard(recorder, summary, locale, { viewerIds: ['29:sara'] }); // new alert: button and refresh
      alertCard(recorder, summary, locale, { escalation: true }); // escalation reminder
      alertCard(recorder, summary, locale, { resent: true }); // resent after an unknown outcome
      alertCard(recorder, summary, locale, { owner }); // taken: who and when, no button
    }
    // A digest of two (one a reminder) and the largest one the outbox sends (longest labels, 20 reports).
    const event = (n: number, kinds: string) => ({
      reportId: `4b1f3c1e-0000-4000-8000-${String(n).padStart(12, '0')}`,
      reference: `IR-2026-${String(n).padStart(4, '0')}`,
      kinds,
      channel: 'sociala-medier,telefon,brev,epost,mote',
      party: 'Sverigedemokraterna',
      body: 'Kultur-, fritids- och tekniknämnden',
      createdAt: '2026-11-29T10:00:00.000Z',
    });
    const taken = { reference: 'IR-2026-0042', reportId: event(42, 'hot').reportId, owner };
    ownerCard(
      recorder,
      { ...taken, staff: [{ title: 'David (Ställföreträdande säkerhetssamordnare)', value: 'x' }] },
      locale,
    );
    ownerCard(recorder, { ...taken, staff: [] }, locale); // nobody else to give it to: only "Ta över"
    digestCard(
      recorder,
      [{ event: event(1, 'hot') }, { event: event(2, 'vald'), escalation: true }],
      locale,
      true,
    );
    digestCard(
      recorder,
      Array.from({ length: MAX_DIGEST_REPORTS }, (_, n) => ({
        event: event(n, 'vald,hot,trakasserier,skadegorelse'),
      })),
      locale,
    );
  }
  recordMeetingCards(recorder, knowledgeBase);
  recordAlertCards(recorder);
  for (const [name, data] of Object.entries(reportCardSamples)) {
    recorder.samples.set(name, [...(recorder.samples.get(name) ?? []), ...data]);
  }
  return recorder.samples;
}

/** Meeting risk, "could not be reached", ask-the-chief (each state) and party contacts, both languages. */
function recordAlertCards(recorder: RecordingRenderer): void {
  const long =
    'Får jag ta med min sambo till sammanträdet när jag har fått hot? [länk](https://x) {{DATE(x)}} '.repeat(
      12,
    );
  const question: ChiefQuestion = {
    id: '4b1f3c1e-0000-4000-8000-00000000000a',
    asker: { aadObjectId: '5cb1eecd-f6e0-4d5a-a3f0-fbc4179822b1', name: 'Anna Förtroendevald' },
    text: long,
    askedAt: '2026-11-29T10:00:00.000Z',
    locale: 'sv',
    status: 'open',
  };
  const answered: ChiefQuestion = {
    ...question,
    status: 'answered',
    answer: {
      text: 'Ja. Ring mig på 0346-88 60 00 så går vi igenom det. '.repeat(30),
      by: { aadObjectId: '99221864-d75d-4157-b8d0-88b47ba07258', name: 'Sara Säkerhetschef' },
      at: '2026-11-29T10:20:00.000Z',
    },
  };
  const contacts = {
    S: [
      { aadObjectId: '80d86fff-f5b9-4fa5-b4e7-4250cf9c478f', name: 'Karl Kontaktperson (S)' },
      { aadObjectId: '80d86fff-f5b9-4fa5-b4e7-4250cf9c4780', name: '' },
    ],
    M: [{ aadObjectId: '420f54af-8f63-4a81-b8df-2403221cc79b', name: 'Maria Kontaktperson (M)' }],
  };
  const parties = DEFAULT_PARTIES.split(',');
  for (const locale of ['sv', 'en'] as const) {
    const risk = {
      meetingId: 'kf-2026-12-01',
      body: 'Kommunfullmäktige',
      date: '2026-12-01',
      place: 'Stadshuset, sessionssalen',
      raisedBy: { name: 'Olof Ledamot', aadObjectId: '2f2111a6-86bb-49bf-94c6-1caa56d38b48' },
      raisedAt: '2026-11-29T10:00:00.000Z',
    };
    meetingRiskCard(recorder, risk, locale);
    meetingRiskCard(recorder, risk, locale, { name: 'Sara Säkerhetschef', at: '2026-11-29T10:05:00.000Z' });
    for (const role of ['securityChief', 'partyContact', 'asker'] as const) {
      unreachableCard(
        recorder,
        {
          who: { aadObjectId: 'x', role, ...(role === 'partyContact' ? { party: 'S', name: 'Karl' } : {}) },
          about: role === 'asker' ? 'answer' : 'report',
          reference: 'IR-2026-0042',
          outcome: role === 'asker' ? 'dead' : 'unreachable',
        },
        locale,
        DEFAULT_SECURITY_ROLE,
      );
    }
    const alert = { id: 'u1', name: 'Anna Förtroendevald', aadObjectId: 'x', at: '2026-11-29T21:05:00.000Z' };
    urgentCard(recorder, alert, locale);
    urgentCard(recorder, { ...alert, name: 'Anna-Karin Förtroendevald '.repeat(6), party: 'S' }, locale);
    unreachableCard(
      recorder,
      {
        who: { aadObjectId: 'x', role: 'securityChief' },
        about: 'report',
        reference: 'IR-2026-0042',
        outcome: 'delayed',
      },
      locale,
      DEFAULT_SECURITY_ROLE,
    );
    alertStatusCard(
      recorder,
      [
        { recipient: { aadObjectId: 'c1', role: 'securityChief', name: 'Sara' }, reach: 'chat' },
        { recipient: { aadObjectId: 'd1', role: 'securityDeputy' }, reach: 'none' },
        {
          recipient: { aadObjectId: 'p1', role: 'partyContact', party: 'S', name: 'Karl' },
          reach: 'openable',
        },
      ],
      locale,
      DEFAULT_SECURITY_ROLE,
    );
    alertStatusCard(recorder, [], locale, DEFAULT_SECURITY_ROLE);
    askCard(recorder, locale, DEFAULT_SECURITY_ROLE);
    askCard(recorder, locale, DEFAULT_SECURITY_ROLE, long, 'Frågan får vara högst 1000 tecken.');
    chiefQuestionCard(recorder, question, locale, DEFAULT_SECURITY_ROLE);
    chiefQuestionCard(recorder, question, locale, DEFAULT_SECURITY_ROLE, 'Skriv ett svar först.', 'utkast');
    chiefQuestionCard(recorder, answered, locale, DEFAULT_SECURITY_ROLE);
    answerCard(recorder, { ...answered, locale }, DEFAULT_SECURITY_ROLE);
    contactsCard(recorder, locale, DEFAULT_SECURITY_ROLE, parties, contacts);
    contactsCard(
      recorder,
      locale,
      DEFAULT_SECURITY_ROLE,
      parties,
      {},
      { text: 'Välj ett parti i listan.', ok: false },
      {
        party: 'S',
        aadObjectId: 'inte-ett-guid',
        name: 'Karl',
      },
    );
  }
}

/** Every report card from the real builders: each step (with errors and a revealed follow-up), the review. */
function recordReportCards(recorder: RecordingRenderer): void {
  const lists = { bodies: DEFAULT_BODIES.split(';'), parties: DEFAULT_PARTIES.split(',') };
  const contact = {
    title: { sv: 'säkerhetssamordnare', en: 'security coordinator' },
    name: 'Säkerhetsfunktionen',
    phone: '+46 346 00 00 00',
    hours: 'vardagar 08–16',
    responseHours: 24,
  };
  const cards = new ReportCards(recorder, lists, shippedOrganisation(), contact);
  const values = Object.assign({}, ...COMPLETE_ANSWERS, { description: 'x'.repeat(4_000) });
  const at = '2026-11-29T10:00:00.000Z';
  const draft = completeDraft({
    id: 'd1',
    ownerKey: 'u',
    step: 0,
    values,
    createdAt: at,
    updatedAt: at,
    expiresAt: at,
  });
  const report: StoredReport = {
    id: 'd1',
    reference: 'IR-2026-0042',
    status: 'Mottagen',
    createdAt: at,
    updatedAt: at,
    reporter: { userId: '29:a', name: 'Anna' },
    values: { ...values, hateCrimeMotive: 'yes', kinds: 'vald' },
  };
  const taken: StoredReport = {
    ...report,
    status: 'Under handläggning',
    takenBy: { name: 'Sara Säkerhetschef', at },
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
    // The quick report's card (prefilled, and with every quick field in error) and a "Komplettera" step.
    cards.step({ ...draft, step: QUICK_STEP_INDEX, quick: true }, locale);
    cards.step(
      {
        ...draft,
        step: QUICK_STEP_INDEX,
        quick: true,
        values: {},
        errors: Object.fromEntries(QUICK_FIELD_IDS.map((id) => [id, 'Fyll i det här.'])),
      },
      locale,
    );
    cards.step({ ...draft, step: 3, quick: true }, locale);
    cards.review(draft, locale);
    cards.review(
      { ...draft, values: { ...values, groupAffiliation: '', trigger: '', experience: '' } },
      locale,
    );
    cards.review({ ...draft, quick: true, values: { description: 'x', kinds: 'hot' } }, locale);
    cards.resumeOffer(draft, locale);
    cards.saved(locale, 30);
    cards.confirmCancel(draft, locale);
    cards.cancelled(locale);
    cards.stale(locale);
    cards.confirmation(report, locale);
    cards.policeSheet(report, locale);
    cards.list([taken, report], locale);
    cards.list([], locale);
  }
}

/** Every case-management card from the real builder, with a full report of long answers (size check). */
function recordCaseCards(recorder: RecordingRenderer): void {
  const lists = { bodies: DEFAULT_BODIES.split(';'), parties: DEFAULT_PARTIES.split(',') };
  const cards = new CaseCards(recorder, lists, DEFAULT_SECURITY_ROLE);
  const at = '2026-11-29T10:00:00.000Z';
  const long = 'x'.repeat(4_000);
  const values = Object.assign({}, ...COMPLETE_ANSWERS, {
    description: long,
    witnesses: long,
    experience: long,
    distinguishingMarks: long,
    gender: 'Man',
    build: 'Kraftig, ca 185 cm',
  });
  const report: StoredReport = {
    id: '4b1f3c1e-0000-4000-8000-000000000001',
    reference: 'IR-2026-0042',
    status: 'Under handläggning',
    createdAt: at,
    updatedAt: at,
    reporter: { userId: '29:a', name: 'Anna' },
    values,
    caseFile: { measures: 'Personlarm via polisen. ' + 'y'.repeat(3_000) },
  };
  const history = Array.from({ length: 20 }, (_, i) => ({
    at,
    by: 'Sara Säkerhetschef',
    action: i % 2 ? 'note' : 'status',
    detail: 'z'.repeat(500),
  }));
  const summary = {
    id: report.id,
    reference: report.reference,
    createdAt: at,
    status: report.status,
    party: 'S',
    body: 'Socialnämnden',
    kinds: 'hot,trakasserier',
    channel: 'sociala-medier',
  };
  const security: CaseView = {
    report,
    etag: 'W/"datetime\'2026-11-29T10%3A00%3A00Z\'"',
    access: 'security',
    history,
  };
  const statistics = computeStatistics(
    [{ createdAt: at, kinds: 'hot', channel: 'epost', party: 'S', body: 'Socialnämnden' }],
    { from: '2026-01-01', to: '2026-12-31' },
    { parties: lists.parties },
  );
  for (const locale of ['sv', 'en'] as const) {
    cards.menu(locale, { from: '2026-01-01', to: '2026-11-29' });
    cards.list(
      Array.from({ length: 20 }, () => summary),
      42,
      locale,
    );
    cards.list([], 0, locale, 'Rapporter om partiets förtroendevalda (S)', false);
    cards.detail(security, locale, {
      notice: { text: 'Någon annan ändrade ärendet', style: 'attention' },
      suggested: [
        { id: 'b', reference: 'IR-2026-0041', reasons: ['sameVictim', 'similarPerpetrator'] },
        { id: 'c', reference: 'IR-2026-0040', reasons: ['sameTrigger', 'sameChannel'] },
      ],
      linked: [summary],
      drafts: { reason: 'Ringt upp', measures: 'Ny åtgärd', note: 'Anteckning' },
    });
    cards.detail({ ...security, access: 'party' }, locale);
    cards.detail({ ...security, access: 'reporter', history: [] }, locale);
    cards.statistics(statistics, locale, { imageUrl: 'https://bot.example/api/cases/files/abc.def' });
    cards.statistics(statistics, locale, null);
    cards.exportLink('IR-2026-0042', 'https://bot.example/api/cases/files/abc.def', 15, locale);
    cards.message('Ärenden', ['Du har ingen roll som ger tillgång till det här ärendet.'], []);
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
