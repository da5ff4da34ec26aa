import type { Locale } from '../core/config';
import type { UserIdentity } from '../core/identity';
import type { TurnInterceptor } from '../core/turn';
import type { AcuteDangerDetector } from './domain/acuteDanger';
import { GuidanceCards } from './guidanceCards';
import type { FirstActions } from './firstActions';
import type { KnowledgeBase } from './domain/knowledgeBase';
import type { CardRenderer } from '../core/cards';
import { guidanceText } from './messages';

/**
 * Checked on every message before anything else, also in the middle of a dialog: danger happening now gets
 * "ring 112" as the very first reply, then Bilaga 1's advice for during an event, and the message is not
 * passed on (an open dialog's state is untouched and simply continues with the next message). A message that
 * only may be about danger gets the 112 line first and then its normal answer.
 */
export function createAcuteDangerCheck({
  cards,
  knowledgeBase,
  firstActions,
  detector,
  alarmRole,
  securityRole,
  hasOpenDraft,
}: {
  cards: CardRenderer;
  knowledgeBase: KnowledgeBase;
  firstActions: FirstActions;
  /** The security role's configured name, definite form; default the guideline's. */
  securityRole?: (locale: Locale) => string;
  detector: AcuteDangerDetector;
  /** The security role "Larma …" names (definite form), per language; no button without it. */
  alarmRole?: (locale: Locale) => string;
  /** Whether the person has an unfinished report (read after "Ring 112 nu." is sent, and bounded). */
  hasOpenDraft?: (user: UserIdentity) => Promise<boolean>;
}): TurnInterceptor {
  const guidanceCards = new GuidanceCards(cards, knowledgeBase, { firstActions, securityRole });
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
