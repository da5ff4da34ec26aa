import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import {
  capitalise,
  localDateTime,
  messagesFor,
  roleNames,
  type RoleNames,
  type RoleTitle,
} from '../core/i18n';
import type { ChiefQuestion } from './domain/deliveryPayload';
import { QUESTION_VERBS } from './domain/verbs';

export const QUESTION_MAX_CHARS = 1_000;
export const ANSWER_MAX_CHARS = 2_000;

export { QUESTION_VERBS };

const TEXT = {
  sv: {
    askTitle: (role: RoleNames) => `Fråga ${role.definite}`,
    askIntro: (role: RoleNames) =>
      `Skriv din fråga. ${capitalise(role.definite)} får den i Teams och svaret kommer här i chatten. Skriv inga känsliga personuppgifter.`,
    askLabel: 'Din fråga',
    send: 'Skicka frågan',
    chiefTitle: (role: RoleNames) => `Fråga till ${role.definite}`,
    from: 'Från',
    answerLabel: 'Ditt svar',
    answerButton: 'Skicka svar',
    answeredBy: (name: string, at: string) => `Besvarad av ${name} (${at}).`,
    answerTitle: (role: RoleNames) => `Svar från ${role.definite}`,
    yourQuestion: 'Din fråga:',
    theAnswer: (name: string, at: string) => `Svar från ${name} (${at}):`,
  },
  en: {
    askTitle: (role: RoleNames) => `Ask ${role.definite}`,
    askIntro: (role: RoleNames) =>
      `Write your question. ${capitalise(role.definite)} gets it in Teams and the answer arrives here in this chat. Do not include sensitive personal details.`,
    askLabel: 'Your question',
    send: 'Send the question',
    chiefTitle: (role: RoleNames) => `Question to ${role.definite}`,
    from: 'From',
    answerLabel: 'Your answer',
    answerButton: 'Send answer',
    answeredBy: (name: string, at: string) => `Answered by ${name} (${at}).`,
    answerTitle: (role: RoleNames) => `Answer from ${role.definite}`,
    yourQuestion: 'Your question:',
    theAnswer: (name: string, at: string) => `Answer from ${name} (${at}):`,
  },
} as const;

/** The card on which the asker writes the question (prefilled with what they asked the bot, if known). */
export function askCard(
  cards: CardRenderer,
  locale: Locale,
  role: RoleTitle,
  question = '',
  error: string | null = null,
): AdaptiveCard {
  const t = TEXT[locale];
  const names = roleNames(role, locale);
  return cards.render('ask-chief', {
    title: t.askTitle(names),
    intro: t.askIntro(names),
    error,
    label: t.askLabel,
    maxLength: QUESTION_MAX_CHARS,
    question: asUserText(question, QUESTION_MAX_CHARS),
    acuteFooter: messagesFor(locale).acuteFooter,
    send: t.send,
    payload: { verb: QUESTION_VERBS.send, lang: locale },
  });
}

/** The security role's card: the question, an answer field, and once answered who answered and when. */
export function chiefQuestionCard(
  cards: CardRenderer,
  question: ChiefQuestion,
  locale: Locale,
  role: RoleTitle,
  error: string | null = null,
  draft = '',
): AdaptiveCard {
  const t = TEXT[locale];
  const answer = question.answer;
  return cards.render('chief-question', {
    title: questionSummary(locale, role),
    fromLabel: t.from,
    asker: asUserText(question.asker.name, 100),
    askedAt: localDateTime(question.askedAt),
    question: asUserText(question.text, QUESTION_MAX_CHARS),
    answered: answer ? t.answeredBy(asUserText(answer.by.name, 100), localDateTime(answer.at)) : null,
    answer: answer ? asUserText(answer.text, ANSWER_MAX_CHARS) : '',
    error,
    draft: asUserText(draft, ANSWER_MAX_CHARS),
    answerLabel: t.answerLabel,
    maxLength: ANSWER_MAX_CHARS,
    actions: answer
      ? []
      : [
          {
            title: t.answerButton,
            payload: { verb: QUESTION_VERBS.answer, questionId: question.id, lang: locale },
          },
        ],
  });
}

/** What the asker receives: their question and the security role's answer. */
export function answerCard(cards: CardRenderer, question: ChiefQuestion, role: RoleTitle): AdaptiveCard {
  const t = TEXT[question.locale];
  const answer = question.answer!;
  return cards.render('chief-answer', {
    title: answerSummary(question.locale, role),
    questionLabel: t.yourQuestion,
    question: asUserText(question.text, QUESTION_MAX_CHARS),
    answerLabel: t.theAnswer(asUserText(answer.by.name, 100), localDateTime(answer.at)),
    answer: asUserText(answer.text, ANSWER_MAX_CHARS),
    acuteFooter: messagesFor(question.locale).acuteFooter,
  });
}

export function questionSummary(locale: Locale, role: RoleTitle): string {
  return TEXT[locale].chiefTitle(roleNames(role, locale));
}

export function answerSummary(locale: Locale, role: RoleTitle): string {
  return TEXT[locale].answerTitle(roleNames(role, locale));
}
