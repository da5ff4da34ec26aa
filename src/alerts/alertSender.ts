import type { AdaptiveCard } from '../core/cards';
import type { ConversationAddress, TenantAddress } from './conversationReferences';

/** Why a proactive operation failed: the HTTP status, Teams' error code (body `error.code`) and Retry-After. */
export interface SendFailure {
  ok: false;
  statusCode?: number;
  /** e.g. ConversationNotFound, ConversationBlockedByUser, BotNotInConversationRoster. */
  errorCode?: string;
  retryAfterSeconds?: number;
  message: string;
}

/** The outcome of one proactive operation, as the outbox needs it. */
export type SendResult = { ok: true; activityId: string } | SendFailure;

/**
 * How the outbox reaches Teams. The capability owns this interface; the Bot Framework implementation lives in
 * src/bot/proactiveSender.ts (botbuilder stays in src/bot).
 */
export interface AlertSender {
  /** `summary` is the notification and chat-list preview text. */
  send(reference: Partial<ConversationAddress>, card: AdaptiveCard, summary: string): Promise<SendResult>;
  /** Replaces a card the bot sent earlier (everyone who got the alert sees who took it). */
  update(
    reference: Partial<ConversationAddress>,
    activityId: string,
    card: AdaptiveCard,
  ): Promise<SendResult>;
  /** A plain line into a 1:1 chat (the reporter hears that the report was taken care of). */
  sendText(reference: Partial<ConversationAddress>, text: string): Promise<SendResult>;
  /** Opens a 1:1 chat with someone who never wrote to the bot; resolves with its address. */
  openConversation(tenant: TenantAddress, aadObjectId: string): Promise<OpenResult>;
}

export type OpenResult = { ok: true; reference: Partial<ConversationAddress> } | SendFailure;
