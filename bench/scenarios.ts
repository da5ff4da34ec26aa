import { randomUUID } from 'node:crypto';
import { cardSubmit, message, type TestUser } from '../test/support/activities';
import { COMPLETE_ANSWERS, findActions } from '../test/support/reportFlow';
import { REPORT_VERBS } from '../src/report/domain/verbs';

export type BotName = 'echo' | 'project';

/** One benchmark conversation: its own id and user, talking to the fake connector at `serviceUrl`. Shaped as the
 * options of the activity builders in test/support/activities, so `message(text, conversation)` works. */
export interface Conversation {
  conversationId: string;
  serviceUrl: string;
  user: TestUser;
}

/** The next activity to POST, and how many activities the bot sends to the connector for it (default 1). */
export interface Step {
  activity: unknown;
  replies?: number;
}

export interface Scenario {
  name: string;
  bot: BotName;
  /**
   * The activity for turn `step` (0, 1, 2, …) of a conversation. Turns of one conversation run one after the
   * other, so multi-step flows (dialogs) can branch on `step`, e.g. `step % 4`, and wrap around. `lastCard` is
   * the last card the bot sent to the conversation (dialogs read their next button from it).
   */
  next(conversation: Conversation, step: number, lastCard?: unknown): Step;
}

const GUIDANCE_QUESTIONS = [
  'nån hotar mig på fejsbuk',
  'jag fick ett konstigt paket',
  'vad ska jag säga till polisen',
  'vem bestämmer om säkerhetskontroll',
  'someone keeps calling me with threats',
  'får jag kristerapi',
];

const echo: Scenario = { name: 'echo', bot: 'echo', next: (c) => ({ activity: message('hej', c) }) };
const welcome: Scenario = { name: 'welcome', bot: 'project', next: (c) => ({ activity: message('hej', c) }) };
const guidance: Scenario = {
  // A free-text question through the topic matcher: varied wording, so no answer is trivially repeated.
  name: 'guidance',
  bot: 'project',
  next: (c, step) => ({ activity: message(GUIDANCE_QUESTIONS[step % GUIDANCE_QUESTIONS.length]!, c) }),
};
const reportDialog: Scenario = {
  // The incident-report dialog with its state in Azurite: start (or resume), then step cards. The step
  // button's data is rebuilt from the draft id the bot put on its last card (read from the connector).
  name: 'report-dialog',
  bot: 'project',
  next: (c, step, lastCard) => {
    const button = reportButton(lastCard);
    if (!button || step % 9 === 0) return { activity: message('rapportera incident', c) };
    const answers = COMPLETE_ANSWERS[Number(button.step)] ?? {};
    return { activity: cardSubmit({ ...button, ...answers }, c) };
  },
};

/** Add a capability's scenario here: a name, the bot it targets and its steps. */
export const scenarios: Scenario[] = [echo, welcome, guidance, reportDialog];

/**
 * The memory rows' load: each conversation goes round nine report-dialog steps, a greeting and two guidance
 * questions (so the dialog's drafts and state, the matcher and the acute check all run), on the project bot.
 */
export const mixed: Scenario = {
  name: 'mixed',
  bot: 'project',
  next: (c, step, lastCard) => {
    const round = step % 12;
    if (round < 9) return reportDialog.next(c, round, lastCard);
    return round === 9 ? welcome.next(c, step) : guidance.next(c, step);
  },
};
/** The same number of turns on the echo bot, for its RSS beside the project bot's. */
export const echoMixed: Scenario = { ...echo, name: 'mixed' };

/**
 * The "Nästa" button data on the bot's last card, or on the offer to go on with a draft its "Börja om": the
 * conversation then walks the steps again. ("Fortsätt" on a finished draft only shows the review, which has no
 * "Nästa", so from the second round on the scenario measured the offer and the review, both read-only, in 31 of
 * every 40 turns instead of the steps.)
 */
export function reportButton(card: unknown): Record<string, unknown> | undefined {
  const actions = findActions(card);
  const next = actions.find((data) => data.verb === REPORT_VERBS.step && data.move === 'next');
  if (next) return next;
  const restart = actions.find((data) => data.verb === REPORT_VERBS.restart);
  return restart ? { ...restart, step: -1 } : undefined;
}

export function newConversation(serviceUrl: string, label: string): Conversation {
  const unique = randomUUID();
  return {
    conversationId: `a:bench-${label}-${unique}`,
    serviceUrl,
    user: { id: `29:bench-${unique}`, aadObjectId: randomUUID(), name: 'Bench Förtroendevald' },
  };
}
