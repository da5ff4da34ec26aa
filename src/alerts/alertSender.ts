import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../core/cards';

/** The outcome of one send, as the outbox needs it. */
export type SendResult =
  | { ok: true; activityId: string }
  | { ok: false; statusCode?: number; retryAfterSeconds?: number; message: string };

export interface AlertSender {
  /** `summary` is the notification and chat-list preview text. */
  send(reference: Partial<ConversationReference>, card: AdaptiveCard, summary: string): Promise<SendResult>;
}

/** Sends a proactive card into a stored 1:1 conversation through the Bot Framework connector. */
export class BotAlertSender implements AlertSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {}

  async send(
    reference: Partial<ConversationReference>,
    card: AdaptiveCard,
    summary: string,
  ): Promise<SendResult> {
    let result: SendResult = { ok: false, message: 'not sent' };
    // The error is caught inside the turn: thrown out of it, the adapter's turn-error handler would send the
    // recipient an "something went wrong" message and the failure would be swallowed.
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      try {
        const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
        message.summary = summary;
        const response = await context.sendActivity(message);
        result = { ok: true, activityId: response?.id ?? '' };
      } catch (err) {
        result = failureOf(err);
      }
    });
    return result;
  }
}

function failureOf(err: unknown): SendResult {
  const error = err as {
    statusCode?: number;
    message?: string;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const retryAfter = Number(error.response?.headers?.get?.('retry-after'));
  return {
    ok: false,
    ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
    ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}),
    message: error.message ?? String(err),
  };
}
