import type { AdaptiveCard } from './cards';
import type { Locale } from './config';
import type { Role, UserIdentity } from './identity';

/**
 * What a capability sees of a turn: SDK-free, so capability logic can be tested without botbuilder and the
 * Bot Framework SDK could be swapped for its successor without touching it.
 */
export interface TurnInput {
  user: UserIdentity;
  roles: Role[];
  locale: Locale;
  conversation: { id: string; kind: 'personal' | 'groupChat' | 'channel' };
  /** Message text with @mentions of the bot removed; undefined for card actions. */
  text?: string;
  /** A card button press. `data` is untrusted input from the client: validate before use. */
  action?: CardAction;
}

export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
  /** Action.Submit arrives as a message; Action.Execute (Universal Actions) as an `adaptiveCard/action` invoke. */
  via: 'submit' | 'execute';
  /** The id of the message whose card was pressed, when the channel says (Teams does). */
  messageId?: string;
}

/** How a capability answers. Each `card`/`text` call becomes one message in the conversation. */
export interface Responder {
  /** Sends a card; resolves with the new message's id (to update it later) when the channel returns one. */
  card(card: AdaptiveCard): Promise<string | undefined>;
  text(text: string): Promise<void>;
  /**
   * Replaces the card whose button was pressed, for everyone in the conversation (and, for Action.Execute,
   * as the invoke response the presser's client shows at once). Without a pressed card it sends a new one.
   */
  replaceCard(card: AdaptiveCard): Promise<void>;
  /**
   * Replaces an earlier card of this conversation by its message id, for everyone: a shared card (the meeting
   * checklist) stays current when a button on another copy of it is pressed.
   */
  updateCard(messageId: string, card: AdaptiveCard): Promise<void>;
  /**
   * Shows a card to the presser only, in place of the pressed one, without changing the message for others:
   * the answer to Teams' card refresh (an Action.Execute). For any other turn it is `replaceCard`.
   */
  answerCard(card: AdaptiveCard): Promise<void>;
}

/** Handles one card verb; what it resolves with is ignored (so `return reply.card(...)` reads naturally). */
export type ActionHandler = (turn: TurnInput, reply: Responder) => Promise<unknown>;

/** Runs before routing on every message; returns true when it answered and the turn should stop there. */
export type TurnInterceptor = (turn: TurnInput, reply: Responder) => Promise<boolean>;

/** One capability (guidance, report, alerts, meeting, cases) as the bot's router sees it. */
export interface Capability {
  readonly name: string;
  /** Card verbs this capability owns, prefixed with its name ("report.next"). */
  readonly actions: Readonly<Record<string, ActionHandler>>;
  /** Offered free text in registration order; returns true when it answered. */
  onText?(turn: TurnInput, reply: Responder): Promise<boolean>;
  /**
   * Personal data (reports, cases, questions, contacts): only in a 1:1 chat with the bot. Elsewhere its
   * verbs and its commands are answered with where to go instead, and its handlers never run.
   */
  readonly personalOnly?: boolean;
  /** Reads or writes a person's stored data: needs the Entra object id (aadObjectId) Teams authenticates. */
  readonly needsIdentity?: boolean;
  /** For a personal-only capability: whether free text is one of its commands, decided without running it. */
  recognizesText?(turn: TurnInput): boolean;
}
