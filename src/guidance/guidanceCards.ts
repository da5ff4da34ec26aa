import {
  asUserText,
  type AdaptiveCard,
  type CardData,
  type CardName,
  type CardRenderer,
} from '../core/cards';
import { DEFAULT_SECURITY_ROLE, type Locale } from '../core/config';
import { messagesFor, roleNames } from '../core/i18n';
import type { KnowledgeBase, Topic } from './domain/knowledgeBase';
import { TRIAGE_CHANNELS, type TriageAnswers } from './domain/triage';
import { FirstActions } from './firstActions';
import { guidanceText } from './messages';
import { GUIDANCE_VERBS as VERBS } from './domain/verbs';
import type { AnswerCardData, CardButton } from './guidanceCardData';
import { ALERT_VERBS, QUESTION_VERBS } from '../alerts/domain/verbs';
import { MEETING_VERBS } from '../meeting/domain/verbs';
import { REPORT_VERBS } from '../report/domain/verbs';

export { VERBS };

export type { CardButton };

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

/** Teams shows at most five card-level buttons (the validator in src/core/cards checks the same). */
const MAX_CARD_ACTIONS = 5;

/** Numbers each GuidanceCards' shared cards apart (see `shared`). */
let nextScope = 0;

/** Builds the guidance cards from the knowledge base; every string comes from data or the dictionaries. */
export class GuidanceCards {
  private readonly firstActions: FirstActions;
  /**
   * The key of every card this instance shares starts with it: two instances on one renderer may differ in
   * role name, knowledge base or first actions, which a key of texts and ids would not tell apart.
   */
  private readonly scope = nextScope++;
  private readonly securityRole: (locale: Locale) => string;

  constructor(
    private readonly cards: CardRenderer,
    private readonly knowledgeBase: KnowledgeBase,
    options: { firstActions: FirstActions; securityRole?: (locale: Locale) => string },
  ) {
    this.firstActions = options.firstActions;
    this.securityRole =
      options.securityRole ?? ((locale) => roleNames(DEFAULT_SECURITY_ROLE, locale).definite);
  }

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
   * the question, shown first (then the whole topic, so nothing of the section is hidden). The card without
   * the question is expanded once per topic and variant and shared; the question goes onto a copy.
   */
  answer(topic: Topic, locale: Locale, options: AnswerOptions = {}): AdaptiveCard {
    const { question, ...variant } = options;
    const key = [topic.id, locale, variant.preface, variant.closing, variant.point];
    const card = this.shared('guidance-answer', key, () => this.answerData(topic, locale, variant));
    return question ? withQuestion(card, askQuestion(question)) : card;
  }

  /** What the answer card is expanded from (the tests compare the shared card with a full expansion of it). */
  answerData(topic: Topic, locale: Locale, options: AnswerOptions = {}): AnswerCardData {
    const pointText = options.point !== undefined ? topic.steps[locale][options.point] : undefined;
    return {
      preface: options.preface ?? null,
      title: topic.title[locale],
      ...this.firstThenMore(topic, locale),
      point: pointText ? { label: guidanceText(locale).closestPoint, text: pointText } : null,
      closing: options.closing ?? null,
      source: this.source(topic, locale),
      acuteFooter: messagesFor(locale).acuteFooter,
      ...this.splitActions(this.nextSteps(topic, locale, options.question), this.hasFirstActions(topic)),
    };
  }

  /** A card of this instance that `key` (texts and ids, no personal data) determines, expanded once. */
  private shared<K extends CardName>(name: K, key: unknown[], data: () => CardData[K]): AdaptiveCard {
    return this.cards.renderShared(name, JSON.stringify([this.scope, ...key]), data);
  }

  private hasFirstActions(topic: Topic): boolean {
    return this.firstActions.of(topic.id, 'sv').length > 0;
  }

  /**
   * A card shows at most five buttons (Teams' host config). With "Visa mer" taking one, the buttons that do
   * not fit move under "Visa mer" (the last ones: related topics, then the menu), so none is lost.
   */
  private splitActions(buttons: CardButton[], withMore: boolean) {
    const room = withMore ? MAX_CARD_ACTIONS - 1 : MAX_CARD_ACTIONS;
    return { actions: buttons.slice(0, room), moreActions: buttons.slice(room) };
  }

  /**
   * What to do now first (the topic's first actions, the guideline's own sentences), then the whole section
   * behind "Visa mer": on a phone the chat opens at the card's bottom, so a short card keeps them in view. A
   * topic without first actions shows the whole section as before.
   */
  private firstThenMore(topic: Topic, locale: Locale) {
    const t = guidanceText(locale);
    const first = this.firstActions.of(topic.id, locale);
    const numbered = (texts: readonly string[]) => texts.map((text, i) => ({ number: i + 1, text }));
    return {
      first: first.length > 0 ? { label: t.firstActions, actions: numbered(first) } : null,
      more: first.length > 0 ? { title: t.showMore } : null,
      summary: topic.summary[locale],
      steps: numbered(topic.steps[locale]),
    };
  }

  /** Next steps: ask the security chief, report, the police report, related topics, the menu (≤ 5 buttons). */
  private nextSteps(topic: Topic, locale: Locale, question?: string): CardButton[] {
    const t = guidanceText(locale);
    // Handled by alerts: the question goes to the security chief, the answer comes back in this chat.
    const ask = {
      verb: QUESTION_VERBS.ask,
      lang: locale,
      // Links are left out of the prefill: a card never carries a user's link back, even as data.
      ...(question ? { question: askQuestion(question) } : {}),
    };
    const buttons: CardButton[] = [{ title: t.askChief(this.securityRole(locale)), payload: ask }];
    // Bilaga 2 and the meeting topics: start the interactive checklist (the meeting capability), first.
    if (topic.actions.includes('meetingChecklist'))
      buttons.unshift({ title: t.startChecklist, payload: { verb: MEETING_VERBS.form, lang: locale } });
    if (topic.actions.includes('report'))
      buttons.push({ title: t.report, payload: { verb: REPORT_VERBS.start, lang: locale } });
    if (topic.actions.includes('policeReport') && topic.id !== 'police-report') {
      buttons.push({
        title: t.policeReport,
        payload: { verb: VERBS.topic, topicId: 'police-report', lang: locale },
      });
    }
    for (const id of topic.related.slice(0, buttons.length >= 2 ? 1 : 2)) {
      buttons.push(topicButton(this.knowledgeBase.require(id), locale));
    }
    buttons.push({ title: t.menu, payload: { verb: VERBS.allTopics, lang: locale } });
    return buttons;
  }

  /** Low confidence: say so, and offer the closest topics plus the menu. */
  choices(topicIds: string[], locale: Locale, message?: string): AdaptiveCard {
    const t = guidanceText(locale);
    return this.shared('guidance-choices', [topicIds, locale, message], () => ({
      message: message ?? t.uncertain,
      choices: topicIds.map((id) => topicButton(this.knowledgeBase.require(id), locale)),
      acuteFooter: messagesFor(locale).acuteFooter,
      actions: [{ title: t.menu, payload: { verb: VERBS.allTopics, lang: locale } }],
    }));
  }

  /**
   * "hjälp" / "meny": the five situations people come with, and "Fler ämnen" for every topic (a wall of 37
   * links is too much for someone frightened, on a phone).
   */
  menu(locale: Locale): AdaptiveCard {
    const t = guidanceText(locale);
    const topic = (topicId: string) => ({ verb: VERBS.topic, topicId, lang: locale });
    const situations: CardButton[] = [
      { title: t.situations.socialMedia, payload: topic('social-media') },
      { title: t.situations.letterOrParcel, payload: topic('threat-letter') },
      { title: t.situations.stalking, payload: topic('stalking') },
      { title: t.situations.meeting, payload: topic('meeting-checklist') },
      { title: t.situations.report, payload: { verb: REPORT_VERBS.start, lang: locale } },
      { title: t.situations.more, payload: { verb: VERBS.allTopics, lang: locale } },
    ];
    return this.shared('guidance-situations', [locale], () => ({
      title: t.menuTitle,
      intro: t.situationsIntro,
      acuteFooter: messagesFor(locale).acuteFooter,
      situations,
    }));
  }

  /** Every topic of the knowledge base, grouped ("Fler ämnen", "Alla ämnen"). */
  allTopics(locale: Locale): AdaptiveCard {
    const t = guidanceText(locale);
    return this.shared('guidance-menu', [locale], () => ({
      title: t.allTopicsTitle,
      intro: t.menuIntro,
      acuteFooter: messagesFor(locale).acuteFooter,
      groups: Object.entries(MENU_GROUPS).map(([group, ids]) => ({
        heading: t.groups[group as keyof typeof MENU_GROUPS],
        topics: ids.map((id) => topicButton(this.knowledgeBase.require(id), locale)),
      })),
    }));
  }

  /**
   * Bilaga 1's advice for during an event, under the one-line "Ring 112 nu." sent before it (not repeated
   * here). `alarmRole` offers "Larma <role>" (the alerts capability's urgent alert); `draftSaved` tells her
   * that an unfinished report is kept.
   */
  acute(locale: Locale, options: { alarmRole?: string; draftSaved?: boolean } = {}): AdaptiveCard {
    const key = ['acute', locale, options.alarmRole ?? null, options.draftSaved === true];
    return this.shared('guidance-answer', key, () => this.acuteData(locale, options));
  }

  private acuteData(locale: Locale, options: { alarmRole?: string; draftSaved?: boolean }): AnswerCardData {
    const t = guidanceText(locale);
    const during = this.knowledgeBase.require('during-incident');
    const closing = [
      ...(options.draftSaved ? [t.draftSaved] : []),
      ...(options.alarmRole ? [t.alarmNote(options.alarmRole)] : []),
    ];
    return {
      preface: t.acuteCardPreface,
      title: during.title[locale],
      ...this.firstThenMore(during, locale),
      point: null,
      closing: closing.length > 0 ? closing.join('\n\n') : null,
      source: this.source(during, locale),
      acuteFooter: messagesFor(locale).acuteFooter,
      ...this.splitActions(
        [
          ...(options.alarmRole
            ? [{ title: t.alarm(options.alarmRole), payload: { verb: ALERT_VERBS.urgent, lang: locale } }]
            : []),
          { title: t.afterSafe, payload: { verb: VERBS.topic, topicId: 'after-incident', lang: locale } },
          { title: t.menu, payload: { verb: VERBS.allTopics, lang: locale } },
        ],
        this.hasFirstActions(during),
      ),
    };
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

export interface AnswerOptions {
  preface?: string;
  closing?: string;
  question?: string;
  point?: number;
}

/** The question as the ask button carries it: links left out (a card never carries a user's link back). */
function askQuestion(question: string): string {
  return asUserText(question.replace(/\b(?:https?:\/\/|www\.)\S+/gi, '…'), 1_000);
}

interface CardActionJson {
  data?: { verb?: unknown };
  card?: { actions?: CardActionJson[] };
}

/**
 * A copy of a shared answer card whose "Fråga säkerhetschefen" button carries the question, as a full
 * expansion with the question in its data gives; only the path to the button is copied, the rest is shared.
 */
function withQuestion(card: AdaptiveCard, question: string): AdaptiveCard {
  const asking = (actions: CardActionJson[]): CardActionJson[] =>
    actions.map((action) => {
      if (action.data?.verb === QUESTION_VERBS.ask) return { ...action, data: { ...action.data, question } };
      if (action.card?.actions)
        return { ...action, card: { ...action.card, actions: asking(action.card.actions) } };
      return action;
    });
  return Array.isArray(card.actions) ? { ...card, actions: asking(card.actions as CardActionJson[]) } : card;
}
