import {
  CardFactory,
  MessageFactory,
  type CloudAdapter,
  TurnContext,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import type { AdaptiveCard } from '../core/cards';
import type { TenantAddress } from './conversationReferences';

/** The outcome of one proactive operation, as the outbox needs it. */
export type SendResult =
  | { ok: true; activityId: string }
  | { ok: false; statusCode?: number; retryAfterSeconds?: number; message: string };

export interface AlertSender {
  /** `summary` is the notification and chat-list preview text. */
  send(reference: Partial<ConversationReference>, card: AdaptiveCard, summary: string): Promise<SendResult>;
  /** Replaces a card the bot sent earlier (everyone who got the alert sees who took it). */
  update(
    reference: Partial<ConversationReference>,
    activityId: string,
    card: AdaptiveCard,
  ): Promise<SendResult>;
  /** A plain line into a 1:1 chat (the reporter hears that the report was taken care of). */
  sendText(reference: Partial<ConversationReference>, text: string): Promise<SendResult>;
  /** Opens a 1:1 chat with someone who never wrote to the bot; resolves with its address. */
  openConversation(tenant: TenantAddress, aadObjectId: string): Promise<OpenResult>;
}

export type OpenResult =
  | { ok: true; reference: Partial<ConversationReference> }
  | { ok: false; statusCode?: number; retryAfterSeconds?: number; message: string };

/** Proactive messages into stored 1:1 conversations through the Bot Framework connector. */
export class BotAlertSender implements AlertSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {}

  send(reference: Partial<ConversationReference>, card: AdaptiveCard, summary: string): Promise<SendResult> {
    const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    message.summary = summary;
    return this.inTurn(reference, async (context) => (await context.sendActivity(message))?.id ?? '');
  }

  update(
    reference: Partial<ConversationReference>,
    activityId: string,
    card: AdaptiveCard,
  ): Promise<SendResult> {
    const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    message.id = activityId;
    return this.inTurn(reference, async (context) => {
      await context.updateActivity(message);
      return activityId;
    });
  }

  sendText(reference: Partial<ConversationReference>, text: string): Promise<SendResult> {
    return this.inTurn(reference, async (context) => (await context.sendActivity(text))?.id ?? '');
  }

  /**
   * Teams creates (or finds) the 1:1 chat between the bot and the member in the tenant. The connector call
   * happens before the turn starts, so its failure is thrown here, not inside the turn.
   */
  async openConversation(tenant: TenantAddress, aadObjectId: string): Promise<OpenResult> {
    let reference: Partial<ConversationReference> | undefined;
    try {
      await this.adapter.createConversationAsync(
        this.botAppId,
        tenant.channelId,
        tenant.serviceUrl,
        undefined as unknown as string, // the connector's default audience (the Bot Framework)
        {
          isGroup: false,
          bot: tenant.bot,
          members: [{ id: aadObjectId, name: '' }],
          tenantId: tenant.tenantId,
          channelData: { tenant: { id: tenant.tenantId } },
        } as ConversationParameters,
        async (context) => {
          reference = {
            ...TurnContext.getConversationReference(context.activity),
            user: { id: aadObjectId, name: '', aadObjectId },
          };
        },
      );
    } catch (err) {
      const failure = failureOf(err);
      return failure.ok ? { ok: false, message: 'unexpected' } : failure;
    }
    return reference ? { ok: true, reference } : { ok: false, message: 'no conversation was created' };
  }

  /**
   * Runs one proactive operation. The error is caught inside the turn: thrown out of it, the adapter's
   * turn-error handler would send the recipient a "something went wrong" line and the failure would vanish.
   */
  private async inTurn(
    reference: Partial<ConversationReference>,
    operation: (context: TurnContext) => Promise<string>,
  ): Promise<SendResult> {
    let result: SendResult = { ok: false, message: 'not sent' };
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      try {
        result = { ok: true, activityId: await operation(context) };
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
