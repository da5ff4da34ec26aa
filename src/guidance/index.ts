import { z } from 'zod';
import type { CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import type { UserIdentity } from '../core/identity';
import type { Capability, Responder, TurnInput, TurnInterceptor } from '../core/turn';
import type { AcuteDangerDetector } from './domain/acuteDanger';
import type { KnowledgeBase } from './domain/knowledgeBase';
import type { TopicMatcher } from './domain/topicMatcher';
import { selectGuidanceReply } from './domain/replySelection';
import { nextTriageStep, triageAnswersSchema, type TriageAnswers } from './domain/triage';
import { GuidanceCards, VERBS } from './guidanceCards';
import { guidanceText } from './messages';

export interface GuidanceDeps {
  cards: CardRenderer;
  knowledgeBase: KnowledgeBase;
  matcher: TopicMatcher;
  /** The security role's configured name, definite form ("säkerhetssamordnaren"); default the guideline's. */
  securityRole?: (locale: Locale) => string;
}

const topicPayload = z.object({ topicId: z.string().max(64) });

/**
 * Guidance: answers "what do I do now?" from the guideline's knowledge base, the topic menu, and the guided
 * triage. It is the last text handler: whatever no dialog claimed is a question for the guideline.
 */
export function createGuidanceCapability({
  cards,
  knowledgeBase,
  matcher,
  securityRole,
}: GuidanceDeps): Capability {
  const guidanceCards = new GuidanceCards(cards, knowledgeBase, securityRole ? { securityRole } : {});

  async function showTriage(answers: TriageAnswers, turn: TurnInput, reply: Responder): Promise<unknown> {
    const step = nextTriageStep(answers);
    const t = guidanceText(turn.locale);
    if (step.kind === 'ask')
      return reply.card(guidanceCards.triageQuestion(step.question, answers, turn.locale));
    if (step.kind === 'acute') {
      await reply.text(t.acuteNow);
      return reply.card(guidanceCards.acute(turn.locale));
    }
    const topic = knowledgeBase.require(step.topicId);
    return reply.card(
      guidanceCards.answer(topic, turn.locale, {
        ...(step.hurt ? { preface: t.hurtPreface } : {}),
        closing: t.triageDone,
      }),
    );
  }

  return {
    name: 'guidance',
    actions: {
      [VERBS.menu]: (turn, reply) => reply.card(guidanceCards.menu(turn.locale)),
      [VERBS.allTopics]: (turn, reply) => reply.card(guidanceCards.allTopics(turn.locale)),
      [VERBS.topic]: async (turn, reply) => {
        const parsed = topicPayload.safeParse(turn.action?.data);
        const topic = parsed.success ? knowledgeBase.get(parsed.data.topicId) : undefined;
        await reply.card(topic ? guidanceCards.answer(topic, turn.locale) : guidanceCards.menu(turn.locale));
      },
      [VERBS.triage]: async (turn, reply) => {
        const parsed = triageAnswersSchema.safeParse(turn.action?.data.answers ?? {});
        await showTriage(parsed.success ? parsed.data : {}, turn, reply);
      },
    },
    async onText(turn, reply) {
      const locale = turn.locale;
      const selected = await selectGuidanceReply(matcher, turn.text ?? '', locale);
      switch (selected.kind) {
        case 'empty':
          await reply.card(guidanceCards.choices([], locale, guidanceText(locale).empty));
          break;
        case 'menu':
          await reply.card(guidanceCards.menu(locale));
          break;
        case 'triage':
          await showTriage({}, turn, reply);
          break;
        case 'answer':
          await reply.card(
            guidanceCards.answer(knowledgeBase.require(selected.topicId), locale, {
              question: turn.text ?? '',
              ...(selected.point !== undefined ? { point: selected.point } : {}),
            }),
          );
          break;
        case 'choices':
          await reply.card(guidanceCards.choices(selected.topicIds, locale));
          break;
      }
      return true;
    },
  };
}

/**
 * Checked on every message before anything else, also in the middle of a dialog: danger happening now gets
 * "ring 112" as the very first reply, then Bilaga 1's advice for during an event, and the message is not
 * passed on (an open dialog's state is untouched and simply continues with the next message). A message that
 * only may be about danger gets the 112 line first and then its normal answer.
 */
export function createAcuteDangerCheck({
  cards,
  knowledgeBase,
  detector,
  alarmRole,
  securityRole,
  hasOpenDraft,
}: Omit<GuidanceDeps, 'matcher'> & {
  detector: AcuteDangerDetector;
  /** The security role "Larma …" names (definite form), per language; no button without it. */
  alarmRole?: (locale: Locale) => string;
  /** Whether the person has an unfinished report (read after "Ring 112 nu." is sent, and bounded). */
  hasOpenDraft?: (user: UserIdentity) => Promise<boolean>;
}): TurnInterceptor {
  const guidanceCards = new GuidanceCards(cards, knowledgeBase, securityRole ? { securityRole } : {});
  return async (turn, reply) => {
    if (!turn.text) return false;
    const level = await detector.assess(turn.text);
    if (level === 'none') return false;
    const t = guidanceText(turn.locale);
    if (level === 'possible') {
      await reply.text(t.possibleDanger);
      return false;
    }
    // 112 first, before anything that waits on storage.
    await reply.text(t.acuteNow);
    const draftSaved = hasOpenDraft ? await withinDeadline(hasOpenDraft(turn.user), DRAFT_CHECK_MS) : false;
    await reply.card(
      guidanceCards.acute(turn.locale, {
        draftSaved,
        ...(alarmRole ? { alarmRole: alarmRole(turn.locale) } : {}),
      }),
    );
    return true;
  };
}

/** How long the acute reply waits to learn whether a draft is open: the advice must not wait on storage. */
const DRAFT_CHECK_MS = 800;

/** The answer, or false when it fails or takes longer than `ms` (then the line is simply left out). */
async function withinDeadline(answer: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([answer.catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}
