import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { localDateTime, messagesFor, roleNames, type RoleTitle } from '../core/i18n';
import type { KnowledgeBase, Topic } from '../guidance/domain/knowledgeBase';
import { CHECKLIST, CHECKLIST_ITEMS } from './domain/checklist';
import { progressOf, sectionsOf, type ItemMark, type Meeting, type MeetingRecord } from './domain/meeting';
import type { MeetingFormErrors, MeetingFormValues } from './domain/meetingForm';
import { PLACE_MAX_CHARS } from './domain/meetingForm';
import type { Participant } from './meetingStore';
import { meetingText } from './messages';
import type {
  ChecklistRiskBlock,
  ChecklistSection,
  GuidanceBlock,
  MeetingButton,
  MeetingFormButton,
  ScreeningBlock,
} from './meetingCardData';
import { MEETING_VERBS } from './domain/verbs';
import { GUIDANCE_VERBS } from '../guidance/domain/verbs';

export { MEETING_VERBS };

/**
 * A button on the checklist card. With Universal Actions it is an Action.Execute (verb + data, an invoke that
 * Teams answers in place); the data also carries the verb, so the same press works as an Action.Submit.
 */
type ButtonMaker = (
  title: string,
  verb: string,
  data: Record<string, unknown>,
  style?: MeetingButton['style'],
) => MeetingButton;

/** Knowledge-base lines shown on the card: 3.5 and 3.8 on screening, 3.6 and 3.7 on order. */
export const SCREENING_LINES: ReadonlyArray<{ topic: string; step: number }> = [
  { topic: 'meeting-threat', step: 0 },
  { topic: 'meeting-threat', step: 1 },
  { topic: 'meeting-threat', step: 2 },
  { topic: 'meeting-threat', step: 3 },
  { topic: 'security-screening', step: 0 },
  { topic: 'security-screening', step: 1 },
  { topic: 'security-screening', step: 3 },
  { topic: 'security-screening', step: 4 },
];
export const ORDER_TOPICS = ['council-order', 'board-meetings'] as const;

/** Display names are Teams' but arbitrary text: clipped so 17 of them cannot push the card over 28 KB. */
const nameOf = (person: { name: string }): string => asUserText(person.name, 100);
/** Teams allows 60; 30 keeps the worst-case card (every item ticked by long names) under 28 KB. */
const REFRESH_IDS_ON_CARD = 30;

const SOURCE_WORDS = {
  sv: { label: 'Källa', section: 'avsnitt' },
  en: { label: 'Source', section: 'section' },
};

/** Builds the meeting cards from stored state; every fixed string from the dictionaries or the knowledge base. */
export class MeetingCards {
  constructor(
    private readonly cards: CardRenderer,
    private readonly knowledgeBase: KnowledgeBase,
    private readonly bodies: readonly string[],
    /** The configured security role's name (SECURITY_CONTACT_TITLE): who the risk alert goes to. */
    private readonly roleTitle: RoleTitle,
    private readonly actionType: MeetingButton['type'] = 'Action.Execute',
  ) {}

  /** "Källa: Bilaga 2, Vid sammanträden med kommunfullmäktige" / "Källa: avsnitt 3.6 Kommunfullmäktige". */
  source(topic: Topic, locale: Locale): string {
    const words = SOURCE_WORDS[locale];
    return topic.section.startsWith('Bilaga')
      ? `${words.label}: ${topic.section}, ${topic.sectionTitle[locale]}`
      : `${words.label}: ${words.section} ${topic.section} ${topic.sectionTitle[locale]}`;
  }

  form(
    locale: Locale,
    values: MeetingFormValues = { body: '', date: '', place: '' },
    errors: MeetingFormErrors = {},
  ): AdaptiveCard {
    const t = meetingText(locale);
    const submit = (
      title: string,
      payload: Record<string, unknown>,
      inputs: MeetingFormButton['associatedInputs'],
      style: MeetingFormButton['style'] = 'default',
    ): MeetingFormButton => ({
      title,
      payload: { ...payload, lang: locale },
      associatedInputs: inputs,
      style,
    });
    return this.cards.render('meeting-form', {
      title: t.formTitle,
      intro: t.formIntro,
      errorSummary: Object.keys(errors).length > 0 ? t.errorSummary : null,
      body: { label: t.body, value: values.body, choices: this.bodies, error: errors.body ?? null },
      date: { label: t.date, value: values.date, placeholder: t.datePlaceholder, error: errors.date ?? null },
      place: {
        label: t.place,
        // An input's value is shown as typed (not templated, no markdown), so it goes back unchanged.
        value: Array.from(values.place)
          .slice(0, PLACE_MAX_CHARS * 2)
          .join(''),
        placeholder: t.placePlaceholder,
        maxLength: PLACE_MAX_CHARS,
        error: errors.place ?? null,
      },
      source: this.source(this.knowledgeBase.require('meeting-checklist'), locale),
      acuteFooter: messagesFor(locale).acuteFooter,
      actions: [
        submit(t.start, { verb: MEETING_VERBS.create }, 'auto', 'positive'),
        submit(t.personalPrep, { verb: GUIDANCE_VERBS.topic, topicId: 'before-incident' }, 'none'),
        submit(t.pastMeetings, { verb: MEETING_VERBS.list }, 'none'),
      ],
    });
  }

  /** The shared checklist: every item with who ticked it, the risk question, screening and order guidance. */
  checklist(
    meeting: Meeting,
    marks: readonly ItemMark[],
    participants: readonly Participant[],
    locale: Locale,
    options: { readOnly?: boolean } = {},
  ): AdaptiveCard {
    const t = meetingText(locale);
    const open = !meeting.record && !options.readOnly;
    const progress = progressOf(meeting, marks);
    const button = this.buttonFor(meeting, locale);
    const card = this.cards.render('meeting-checklist', {
      refresh:
        this.actionType === 'Action.Execute' && open
          ? {
              title: t.refresh,
              verb: MEETING_VERBS.refresh,
              data: { verb: MEETING_VERBS.refresh, meetingId: meeting.id, lang: locale },
              userIds: participants.slice(0, REFRESH_IDS_ON_CARD).map((p) => p.userId),
            }
          : null,
      title: t.checklistTitle(meeting.body),
      subtitle: asUserText(`${meeting.date}, ${meeting.place}`),
      progress: t.progress(progress.done, progress.total, progress.requiredOpen),
      finished: meeting.record
        ? asUserText(t.finished(nameOf(meeting.record.finishedBy), localDateTime(meeting.record.finishedAt)))
        : null,
      risk: this.riskBlock(meeting, locale, open, button),
      screening: meeting.elevatedRisk ? this.screening(locale) : null,
      sections: this.sections(meeting, marks, locale, open, button),
      source: this.source(this.knowledgeBase.require('meeting-checklist'), locale),
      acuteFooter: messagesFor(locale).acuteFooter,
      actions: open
        ? [
            button(t.finish, MEETING_VERBS.finish, {}, 'positive'),
            button(t.refresh, MEETING_VERBS.refresh, {}),
          ]
        : [],
    });
    // Without Universal Actions there is nothing to refresh with; the template leaves the key as null.
    if (card.refresh == null) delete card.refresh;
    return card;
  }

  /** "Finns det förhöjd risk?": the answer, who gave it, the security role's alert and the two buttons. */
  private riskBlock(
    meeting: Meeting,
    locale: Locale,
    open: boolean,
    button: ButtonMaker,
  ): ChecklistRiskBlock {
    const t = meetingText(locale);
    const role = roleNames(this.roleTitle, locale);
    return {
      question: t.riskQuestion,
      elevated: meeting.elevatedRisk === true,
      answer: meeting.riskAnsweredBy
        ? asUserText(
            t.riskAnswer(
              meeting.elevatedRisk === true,
              nameOf(meeting.riskAnsweredBy.person),
              localDateTime(meeting.riskAnsweredBy.at),
            ),
          )
        : t.riskUnanswered,
      // "Alerted" only once the alerts outbox has the alert; until then, say so (and how to retry).
      alerted: meeting.riskAlert
        ? asUserText(
            meeting.riskAlert.notifiedAt
              ? t.riskAlerted(
                  role,
                  nameOf(meeting.riskAlert.raisedBy),
                  localDateTime(meeting.riskAlert.raisedAt),
                )
              : t.riskAlertPending(role),
          )
        : null,
      required: meeting.elevatedRisk ? t.riskRequired : null,
      buttons: open
        ? [
            button(
              t.riskYes,
              MEETING_VERBS.risk,
              { elevated: true },
              meeting.elevatedRisk ? 'positive' : 'default',
            ),
            button(t.riskNo, MEETING_VERBS.risk, { elevated: false }),
          ]
        : [],
    };
  }

  /** The checklist's sections, each item with who ticked it and when, and its button while the meeting is open. */
  private sections(
    meeting: Meeting,
    marks: readonly ItemMark[],
    locale: Locale,
    open: boolean,
    button: ButtonMaker,
  ): ChecklistSection[] {
    const t = meetingText(locale);
    const sections = sectionsOf(meeting, marks);
    let previousPhase: string | undefined;
    return CHECKLIST.map((section, index) => {
      const view = sections[index]!;
      const phase = t.phases[section.phase];
      const showPhase = phase !== previousPhase;
      previousPhase = phase;
      const note =
        section.requirement === 'ifElevatedRisk' && view.required
          ? t.requirement.ifElevatedRiskOn
          : t.requirement[section.requirement];
      return {
        phase: showPhase ? phase : null,
        heading: t.sections[section.id],
        note,
        items: section.items.map((item, i) => {
          const itemView = view.items[i]!;
          const done = itemView.state === 'done';
          const mark = itemView.mark;
          return {
            text: `${done ? '✅' : '⬜'} ${item.text[locale]}`,
            status: mark
              ? asUserText(
                  done
                    ? t.doneBy(nameOf(mark.by), localDateTime(mark.at))
                    : t.undoneBy(nameOf(mark.by), localDateTime(mark.at)),
                )
              : null,
            buttons: open
              ? [
                  button(
                    done ? t.undo : t.done,
                    MEETING_VERBS.tick,
                    { itemId: item.id, done: !done },
                    done ? 'default' : 'positive',
                  ),
                ]
              : [],
          };
        }),
        guidance: section.phase === 'during' ? this.order(locale) : null,
      };
    });
  }

  /** A button on the checklist: the verb and the meeting's id always travel with it. */
  private buttonFor(meeting: Meeting, locale: Locale): ButtonMaker {
    return (title, verb, data, style = 'default') => ({
      type: this.actionType,
      title,
      verb,
      data: { verb, meetingId: meeting.id, lang: locale, ...data },
      style,
    });
  }

  screening(locale: Locale): ScreeningBlock {
    const t = meetingText(locale);
    const threat = this.knowledgeBase.require('meeting-threat');
    const screening = this.knowledgeBase.require('security-screening');
    const words = SOURCE_WORDS[locale];
    return {
      title: t.screeningTitle,
      lines: SCREENING_LINES.map(({ topic, step }) => this.knowledgeBase.require(topic).steps[locale][step]!),
      source: `${words.label}: ${words.section} ${threat.section} ${threat.sectionTitle[locale]}, ${screening.section} ${screening.sectionTitle[locale]}`,
    };
  }

  order(locale: Locale): GuidanceBlock {
    return {
      title: meetingText(locale).orderTitle,
      blocks: ORDER_TOPICS.map((id) => {
        const topic = this.knowledgeBase.require(id);
        return { text: topic.summary[locale], source: this.source(topic, locale) };
      }),
    };
  }

  /** The meeting's record: done and not-done items with who and when. */
  record(meeting: Meeting, record: MeetingRecord, locale: Locale): AdaptiveCard {
    const t = meetingText(locale);
    const textOf = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item.text[locale]]));
    const groups = [
      { heading: t.recordDone, items: record.items.filter((item) => item.state === 'done') },
      { heading: t.recordNotDone, items: record.items.filter((item) => item.state === 'open') },
    ].filter((group) => group.items.length > 0);
    return this.cards.render('meeting-record', {
      title: t.recordTitle(meeting.body),
      subtitle: asUserText(`${meeting.date}, ${meeting.place}`),
      finished: asUserText(t.finished(record.finishedBy.name, localDateTime(record.finishedAt))),
      elevated: t.recordElevated(record.elevatedRisk),
      verdict: t.recordRequiredOpen(record.requiredOpen),
      complete: record.requiredOpen === 0,
      groups: groups.map((group) => ({
        heading: `${group.heading} (${group.items.length})`,
        items: group.items.map((item) => ({
          text: `${t.sections[item.section]}: ${textOf.get(item.itemId) ?? item.itemId}`,
          status:
            item.state === 'done' && item.by && item.at
              ? asUserText(`${item.by.name}, ${localDateTime(item.at)}`)
              : t.recordOpenItem(item.required),
        })),
      })),
      source: this.source(this.knowledgeBase.require('meeting-checklist'), locale),
    });
  }

  list(
    meetings: ReadonlyArray<{ meeting: Meeting; done: number; total: number }>,
    locale: Locale,
  ): AdaptiveCard {
    const t = meetingText(locale);
    return this.cards.render('meeting-list', {
      title: t.listTitle,
      empty: meetings.length === 0 ? t.listEmpty : null,
      show: t.show,
      meetings: meetings.map(({ meeting, done, total }) => ({
        heading: `${meeting.date} · ${meeting.body}`,
        place: asUserText(meeting.place),
        line: t.listLine(done, total, meeting.record !== undefined),
        payload: { verb: MEETING_VERBS.record, meetingId: meeting.id, lang: locale },
      })),
    });
  }
}
