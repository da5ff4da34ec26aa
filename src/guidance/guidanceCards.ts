import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { messagesFor } from '../core/i18n';
import type { KnowledgeBase, Topic } from './domain/knowledgeBase';
import { TRIAGE_CHANNELS, type TriageAnswers } from './domain/triage';
import { guidanceText } from './messages';

/** A card button: its title and the data the card posts back (a verb and its data). */
export interface CardButton {
  title: string;
  payload: Record<string, unknown>;
}

export const VERBS = {
  topic: 'guidance.topic',
  triage: 'guidance.triage',
  menu: 'guidance.menu',
} as const;

const topicButton = (topic: Topic, locale: Locale): CardButton => ({
  title: topic.title[locale],
  payload: { verb: VERBS.topic, topicId: topic.id, lang: locale },
});

/** The menu groups, by topic id; every topic of the knowledge base appears in exactly one group. */
const MENU_GROUPS: Record<'now' | 'channels' | 'meetings' | 'roles' | 'definitions', string[]> = {
  now: [
    'during-incident',
    'after-incident',
    'before-incident',
    'police-report',
    'incident-report',
    'contacts',
    'is-it-a-crime',
  ],
  channels: [
    'social-media',
    'phone-threat',
    'internet-threat',
    'threat-letter',
    'suspicious-parcel',
    'stalking',
  ],
  meetings: ['meeting-checklist', 'meeting-threat', 'council-order', 'board-meetings', 'security-screening'],
  roles: ['municipality-role', 'party-role', 'police-role', 'insurance', 'work-environment-act', 'purpose'],
  definitions: [
    'scope',
    'who-is-fortroendevald',
    'undue-influence',
    'threat-definition',
    'violence-definition',
    'harassment-definition',
    'hate-crime',
  ],
};
export const MENU_TOPIC_IDS = Object.values(MENU_GROUPS).flat();

/** Builds the guidance cards from the knowledge base; every string comes from data or the dictionaries. */
export class GuidanceCards {
  constructor(
    private readonly cards: CardRenderer,
    private readonly knowledgeBase: KnowledgeBase,
  ) {}

  /** "Källa: Bilaga 5, Sociala medier" / "Källa: avsnitt 3.4 Polisens ansvar". */
  source(topic: Topic, locale: Locale): string {
    const t = guidanceText(locale);
    const where = topic.section.startsWith('Bilaga')
      ? `${topic.section}, ${topic.sectionTitle[locale]}`
      : `${t.section} ${topic.section} ${topic.sectionTitle[locale]}`;
    return `${t.sourceLabel}: ${where}`;
  }

  /**
   * `question`: what the person asked, to prefill "Fråga säkerhetschefen" with. `point`: the step that answers
   * the question, shown first (then the whole topic, so nothing of the section is hidden).
   */
  answer(
    topic: Topic,
    locale: Locale,
    options: { preface?: string; closing?: string; question?: string; point?: number } = {},
  ): AdaptiveCard {
    const pointText = options.point !== undefined ? topic.steps[locale][options.point] : undefined;
    return this.cards.render('guidance-answer', {
      preface: options.preface ?? null,
      title: topic.title[locale],
      point: pointText ? { label: guidanceText(locale).closestPoint, text: pointText } : null,
      summary: topic.summary[locale],
      steps: topic.steps[locale].map((text, i) => ({ number: i + 1, text })),
      closing: options.closing ?? null,
      source: this.source(topic, locale),
      acuteFooter: messagesFor(locale).acuteFooter,
      actions: this.nextSteps(topic, locale, options.question),
    });
  }

  /** Next steps: ask the security chief, report, the police report, related topics, the menu (≤ 5 buttons). */
  private nextSteps(topic: Topic, locale: Locale, question?: string): CardButton[] {
    const t = guidanceText(locale);
    // Handled by alerts: the question goes to the security chief, the answer comes back in this chat.
    const ask = {
      verb: 'alerts.ask',
      lang: locale,
      // Links are left out of the prefill: a card never carries a user's link back, even as data.
      ...(question
        ? { question: asUserText(question.replace(/\b(?:https?:\/\/|www\.)\S+/gi, '…'), 1_000) }
        : {}),
    };
    const buttons: CardButton[] = [{ title: t.askChief, payload: ask }];
    // Bilaga 2 and the meeting topics: start the interactive checklist (the meeting capability), first.
    if (topic.actions.includes('meetingChecklist'))
      buttons.unshift({ title: t.startChecklist, payload: { verb: 'meeting.form', lang: locale } });
    if (topic.actions.includes('report'))
      buttons.push({ title: t.report, payload: { verb: 'report.start', lang: locale } });
    if (topic.actions.includes('policeReport') && topic.id !== 'police-report') {
      buttons.push({
        title: t.policeReport,
        payload: { verb: VERBS.topic, topicId: 'police-report', lang: locale },
      });
    }
    for (const id of topic.related.slice(0, buttons.length >= 2 ? 1 : 2)) {
      buttons.push(topicButton(this.knowledgeBase.require(id), locale));
    }
    buttons.push({ title: t.menu, payload: { verb: VERBS.menu, lang: locale } });
    return buttons;
  }

  /** Low confidence: say so, and offer the closest topics plus the menu. */
  choices(topicIds: string[], locale: Locale, message?: string): AdaptiveCard {
    const t = guidanceText(locale);
    return this.cards.render('guidance-choices', {
      message: message ?? t.uncertain,
      choices: topicIds.map((id) => topicButton(this.knowledgeBase.require(id), locale)),
      acuteFooter: messagesFor(locale).acuteFooter,
      actions: [{ title: t.menu, payload: { verb: VERBS.menu, lang: locale } }],
    });
  }

  menu(locale: Locale): AdaptiveCard {
    const t = guidanceText(locale);
    return this.cards.render('guidance-menu', {
      title: t.menuTitle,
      intro: t.menuIntro,
      acuteFooter: messagesFor(locale).acuteFooter,
      groups: Object.entries(MENU_GROUPS).map(([group, ids]) => ({
        heading: t.groups[group as keyof typeof MENU_GROUPS],
        topics: ids.map((id) => topicButton(this.knowledgeBase.require(id), locale)),
      })),
    });
  }

  /** The acute-danger card: Bilaga 1 "under en händelse", with a way on once the person is safe. */
  /**
   * Bilaga 1's advice for during an event, under the one-line "Ring 112 nu." sent before it (not repeated
   * here). `alarmRole` offers "Larma <role>" (the alerts capability's urgent alert); `draftSaved` tells her
   * that an unfinished report is kept.
   */
  acute(locale: Locale, options: { alarmRole?: string; draftSaved?: boolean } = {}): AdaptiveCard {
    const t = guidanceText(locale);
    const during = this.knowledgeBase.require('during-incident');
    const closing = [
      ...(options.draftSaved ? [t.draftSaved] : []),
      ...(options.alarmRole ? [t.alarmNote(options.alarmRole)] : []),
    ];
    return this.cards.render('guidance-answer', {
      preface: t.acuteCardPreface,
      title: during.title[locale],
      point: null,
      summary: during.summary[locale],
      steps: during.steps[locale].map((text, i) => ({ number: i + 1, text })),
      closing: closing.length > 0 ? closing.join('\n\n') : null,
      source: this.source(during, locale),
      acuteFooter: messagesFor(locale).acuteFooter,
      actions: [
        ...(options.alarmRole
          ? [{ title: t.alarm(options.alarmRole), payload: { verb: 'alerts.urgent', lang: locale } }]
          : []),
        { title: t.afterSafe, payload: { verb: VERBS.topic, topicId: 'after-incident', lang: locale } },
        { title: t.menu, payload: { verb: VERBS.menu, lang: locale } },
      ],
    });
  }

  triageQuestion(
    question: 'happeningNow' | 'hurt' | 'channel',
    answers: TriageAnswers,
    locale: Locale,
  ): AdaptiveCard {
    const t = guidanceText(locale);
    const step = (answer: TriageAnswers, title: string): CardButton => ({
      title,
      payload: { verb: VERBS.triage, answers: { ...answers, ...answer }, lang: locale },
    });
    const choices =
      question === 'channel'
        ? TRIAGE_CHANNELS.map((channel) => step({ channel }, t.channels[channel]))
        : [step({ [question]: true }, t.yes), step({ [question]: false }, t.no)];
    const questionText = { happeningNow: t.triageNow, hurt: t.triageHurt, channel: t.triageChannel }[
      question
    ];
    return this.cards.render('guidance-question', {
      title: t.triageTitle,
      question: questionText,
      choices,
      acuteFooter: messagesFor(locale).acuteFooter,
    });
  }
}
