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
}

/** How a capability answers. Each call becomes one message in the conversation. */
export interface Responder {
  card(card: AdaptiveCard): Promise<void>;
  text(text: string): Promise<void>;
}

export type ActionHandler = (turn: TurnInput, reply: Responder) => Promise<void>;

/** Runs before routing on every message; returns true when it answered and the turn should stop there. */
export type TurnInterceptor = (turn: TurnInput, reply: Responder) => Promise<boolean>;

/** One capability (guidance, report, alerts, meeting, cases) as the bot's router sees it. */
export interface Capability {
  readonly name: string;
  /** Card verbs this capability owns, prefixed with its name ("report.next"). */
  readonly actions: Readonly<Record<string, ActionHandler>>;
  /** Offered free text in registration order; returns true when it answered. */
  onText?(turn: TurnInput, reply: Responder): Promise<boolean>;
}
