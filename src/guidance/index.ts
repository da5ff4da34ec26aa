import { z } from 'zod';
import type { CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import type { Capability, Responder, TurnInput } from '../core/turn';
import type { KnowledgeBase } from './domain/knowledgeBase';
import type { TopicMatcher } from './domain/topicMatcher';
import { selectGuidanceReply } from './domain/replySelection';
import { nextTriageStep, triageAnswersSchema, type TriageAnswers } from './domain/triage';
import type { FirstActions } from './firstActions';
import { GuidanceCards, VERBS } from './guidanceCards';
import { guidanceText } from './messages';

export interface GuidanceDeps {
  cards: CardRenderer;
  knowledgeBase: KnowledgeBase;
  /** first-actions.json beside the knowledge base (GUIDELINE_DATA_DIR's, not always the shipped one). */
  firstActions: FirstActions;
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
  firstActions,
  matcher,
  securityRole,
}: GuidanceDeps): Capability {
  const guidanceCards = new GuidanceCards(cards, knowledgeBase, { firstActions, securityRole });

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

export { createAcuteDangerCheck } from './acuteDangerCheck';
