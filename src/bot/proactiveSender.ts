import {
  CardFactory,
  MessageFactory,
  type CloudAdapter,
  TurnContext,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import type { AlertSender, OpenResult, SendFailure, SendResult, TenantAddress } from '../alerts';
import type { AdaptiveCard } from '../core/cards';

/**
 * Proactive messages into stored 1:1 conversations through the Bot Framework connector. The adapter is the
 * outbox's own (`createProactiveAdapter`): one HTTP request per call, aborted after the request timeout.
 * `timeoutMs` bounds the whole operation (token, request, answer) as well, so nothing here can hang.
 */
export class BotAlertSender implements AlertSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly timeoutMs: number,
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
      const created = this.adapter.createConversationAsync(
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
      await withDeadline(created, this.timeoutMs);
    } catch (err) {
      return failureOf(err);
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
    const turn = this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      try {
        result = { ok: true, activityId: await operation(context) };
      } catch (err) {
        result = failureOf(err);
      }
    });
    try {
      await withDeadline(turn, this.timeoutMs);
    } catch (err) {
      return failureOf(err);
    }
    return result;
  }
}

/** Rejects when `promise` has not settled after `ms` (the operation itself goes on; its outcome is dropped). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

interface ConnectorError {
  statusCode?: number;
  message?: string;
  details?: { error?: { code?: unknown } };
  response?: { headers?: { get?(name: string): string | undefined }; bodyAsText?: string | null };
}

export function failureOf(err: unknown): SendFailure {
  const error = (err ?? {}) as ConnectorError;
  const retryAfter = Number(error.response?.headers?.get?.('retry-after'));
  const errorCode = teamsErrorCode(error);
  return {
    ok: false,
    ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
    ...(errorCode ? { errorCode } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
    message: error.message ?? String(err),
  };
}

/** Teams' `{ "error": { "code": "…" } }`, from the parsed details or the raw body; only a short word is kept. */
function teamsErrorCode(error: ConnectorError): string | undefined {
  let code = error.details?.error?.code;
  if (code === undefined && error.response?.bodyAsText) {
    try {
      code = (JSON.parse(error.response.bodyAsText) as { error?: { code?: unknown } }).error?.code;
    } catch {
      // not JSON: no code
    }
  }
  return typeof code === 'string' && /^[A-Za-z]{1,64}$/.test(code) ? code : undefined;
}
