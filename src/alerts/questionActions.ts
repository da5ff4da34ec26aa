import { isSecurityStaff } from '../core/identity';
import { z } from 'zod';
import { readCardData } from '../core/actionData';
import type { CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { capitalise, roleNames, type RoleNames, type RoleTitle } from '../core/i18n';
import type { ActionHandler } from '../core/turn';
import type { UserLimits } from '../core/limits/userLimits';
import { containsPersonalIdentityNumber } from '../core/text/personalIdentityNumber';
import type { AlertOutbox } from './alertOutbox';
import { questionPartition, type ChiefQuestions } from './chiefQuestions';
import {
  ANSWER_MAX_CHARS,
  askCard,
  chiefQuestionCard,
  QUESTION_MAX_CHARS,
  QUESTION_VERBS,
} from './questionCards';

const TEXT = {
  sv: {
    sent: (role: RoleNames) => `Din fråga har skickats till ${role.definite}. Svaret kommer här i chatten.`,
    noChief: (role: RoleNames) =>
      `Ingen ${role.indefinite} är inlagd ännu, så frågan kan inte skickas. Vid fara: ring 112.`,
    noIdentity: 'Frågor kan bara skickas från Teams (din identitet behövs för att svaret ska nå dig).',
    empty: 'Skriv en fråga först.',
    tooLong: `Frågan får vara högst ${QUESTION_MAX_CHARS} tecken.`,
    emptyAnswer: 'Skriv ett svar först.',
    answerTooLong: `Svaret får vara högst ${ANSWER_MAX_CHARS} tecken.`,
    answered: (name: string) => `Ditt svar har skickats till ${name}.`,
    already: (name: string) => `Frågan har redan besvarats av ${name}. Ditt svar skickades inte; här är det:`,
    forbidden: (role: RoleNames) => `Bara ${role.definite} kan besvara frågor.`,
    unknown: 'Frågan finns inte.',
    personalIdentityNumber: 'Ta bort personnumret ur frågan innan du skickar den.',
    duplicate: (role: RoleNames) =>
      `Den här frågan har du redan skickat. ${capitalise(role.definite)} har den, och svaret kommer här i chatten.`,
    limited: (minutes: number, role: RoleNames) =>
      `Du har skickat många frågor den senaste timmen, så den här skickades inte (den står kvar nedan). Försök igen om ${minutes} min, eller kontakta ${role.definite} direkt. Vid akut fara: ring 112.`,
  },
  en: {
    sent: (role: RoleNames) =>
      `Your question has been sent to ${role.definite}. The answer will arrive here in this chat.`,
    noChief: (role: RoleNames) =>
      `No ${role.indefinite} is set up yet, so the question cannot be sent. In danger: call 112.`,
    noIdentity:
      'Questions can only be sent from Teams (your identity is needed for the answer to reach you).',
    empty: 'Write a question first.',
    tooLong: `The question may be at most ${QUESTION_MAX_CHARS} characters.`,
    emptyAnswer: 'Write an answer first.',
    answerTooLong: `The answer may be at most ${ANSWER_MAX_CHARS} characters.`,
    answered: (name: string) => `Your answer has been sent to ${name}.`,
    already: (name: string) => `${name} has already answered. Your answer was not sent; here it is:`,
    forbidden: (role: RoleNames) => `Only ${role.definite} can answer questions.`,
    unknown: 'There is no such question.',
    personalIdentityNumber: 'Please remove the personal identity number from the question before sending it.',
    duplicate: (role: RoleNames) =>
      `You have already sent this question. ${capitalise(role.definite)} has it, and the answer will arrive here.`,
    limited: (minutes: number, role: RoleNames) =>
      `You have sent many questions in the last hour, so this one was not sent (it is kept below). Try again in ${minutes} min, or contact ${role.definite} directly. In acute danger: call 112.`,
  },
} as const;

const prefill = z.object({ question: z.string().max(4_000).optional() });
const askSubmit = z.object({ question: z.string().max(20_000).optional() });
const answerSubmit = z.object({
  questionId: z.uuid(),
  answer: z.string().max(20_000).optional(),
});

type Check = { ok: true; text: string } | { ok: false; problem: string };

function checkText(value: string | undefined, max: number, empty: string, tooLong: string): Check {
  const text = (value ?? '').trim();
  if (!text) return { ok: false, problem: empty };
  if (Array.from(text).length > max) return { ok: false, problem: tooLong };
  return { ok: true, text };
}

export interface QuestionActionsDeps {
  cards: CardRenderer;
  questions: ChiefQuestions;
  outbox: AlertOutbox;
  /** Per-person limit on questions; the same question twice is dropped. */
  limits: UserLimits;
  /** The security role's configured name (SECURITY_CONTACT_TITLE): who questions go to. */
  role: RoleTitle;
}

/** "Fråga <role>": open the question card, send it, and the security role's answer. */
export function questionActions({
  cards,
  questions,
  outbox,
  limits,
  role,
}: QuestionActionsDeps): Record<string, ActionHandler> {
  const t = (locale: Locale) => TEXT[locale];
  const names = (locale: Locale) => roleNames(role, locale);
  return {
    [QUESTION_VERBS.ask]: async (turn, reply) => {
      const prefilled = readCardData(prefill, turn.action?.data)?.question ?? '';
      await reply.card(askCard(cards, turn.locale, role, prefilled));
    },
    [QUESTION_VERBS.send]: async (turn, reply) => {
      const typed = readCardData(askSubmit, turn.action?.data)?.question ?? '';
      const aadObjectId = turn.user.aadObjectId;
      if (!aadObjectId) return reply.text(t(turn.locale).noIdentity);
      if (!questions.hasChief()) return reply.text(t(turn.locale).noChief(names(turn.locale)));
      const check = checkText(typed, QUESTION_MAX_CHARS, t(turn.locale).empty, t(turn.locale).tooLong);
      // The same card comes back with what they typed and the problem: nothing typed is lost.
      if (!check.ok) return reply.card(askCard(cards, turn.locale, role, typed, check.problem));
      if (containsPersonalIdentityNumber(check.text))
        return reply.card(askCard(cards, turn.locale, role, typed, t(turn.locale).personalIdentityNumber));
      // One person must not be able to flood the chief's chat (and push a report's alert back).
      const allowed = await limits.take('question', aadObjectId, check.text);
      if (allowed.kind === 'duplicate') return reply.text(t(turn.locale).duplicate(names(turn.locale)));
      if (allowed.kind === 'limited') {
        const minutes = Math.max(1, Math.ceil(allowed.retryAfterMs / 60_000));
        const problem = t(turn.locale).limited(minutes, names(turn.locale));
        return reply.card(askCard(cards, turn.locale, role, typed, problem));
      }
      await questions.ask({ ...turn.user, aadObjectId }, check.text, turn.locale, turn.action?.messageId);
      await reply.text(t(turn.locale).sent(names(turn.locale)));
    },
    [QUESTION_VERBS.answer]: async (turn, reply) => {
      const parsed = readCardData(answerSubmit, turn.action?.data);
      if (!parsed) return reply.text(t(turn.locale).unknown);
      const { questionId } = parsed;
      const typed = parsed.answer ?? '';
      const check = checkText(
        typed,
        ANSWER_MAX_CHARS,
        t(turn.locale).emptyAnswer,
        t(turn.locale).answerTooLong,
      );
      if (!check.ok) {
        if (!isSecurityStaff(turn.roles)) return reply.text(t(turn.locale).forbidden(names(turn.locale)));
        const question = await questions.get(questionId);
        if (!question) return reply.text(t(turn.locale).unknown);
        return reply.card(chiefQuestionCard(cards, question, turn.locale, role, check.problem, typed));
      }
      const result = await questions.answer(turn.user, turn.roles, questionId, check.text);
      if (result.kind === 'forbidden') return reply.text(t(turn.locale).forbidden(names(turn.locale)));
      if (result.kind === 'unknown') return reply.text(t(turn.locale).unknown);
      if (result.kind === 'alreadyAnswered') {
        await reply.text(t(turn.locale).already(result.question.answer?.by.name ?? ''));
        return reply.text(check.text);
      }
      const answered = result.question;
      await outbox.updateDeliveredCards(questionPartition(questionId), (delivery) =>
        delivery.payload.kind === 'question'
          ? chiefQuestionCard(cards, answered, turn.locale, role)
          : undefined,
      );
      await reply.text(t(turn.locale).answered(answered.asker.name));
    },
  };
}
