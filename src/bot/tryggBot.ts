import { botText } from './messages';
import { settledWithin } from '../core/timeouts';
import { forgetLastReading } from '../core/text/normalize';
import {
  ActivityTypes,
  CardFactory,
  ConversationState,
  MessageFactory,
  TeamsActivityHandler,
  UserState,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { AdaptiveCard } from '../core/cards';
import type { Organisation } from '../core/organisation';
import type { CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { localeFrom } from '../core/i18n';
import type { RoleDirectory } from '../core/identity';
import { noTelemetry, type Telemetry, type TurnScope } from '../core/telemetry';
import type { Responder, TurnInput, TurnInterceptor } from '../core/turn';
import type { Router } from './router';
import { actionOf, identityOf, toTurnInput } from './turnInput';
import { welcomeCard } from './welcome';

const GREETING = /^(hej+|hejsan|hallå|halla|tja|god (morgon|dag|kväll)|hi|hello|hey|start)[\s!.?]*$/i;

const BAD_ACTION: AdaptiveCardInvokeResponse = {
  statusCode: 400,
  type: 'application/vnd.microsoft.error',
  value: { code: 'BadRequest', message: 'Action.Execute needs a verb' },
};

export interface TryggBotDeps {
  cards: CardRenderer;
  /** The municipality and its guideline, named on the welcome card. */
  organisation: Organisation;
  router: Router;
  /** Run in order on every message before routing (the acute-danger check first). */
  interceptors: TurnInterceptor[];
  /** Told about every activity before it is handled (e.g. to remember conversation references). */
  observers: Array<(context: TurnContext) => Promise<void>>;
  roles: RoleDirectory;
  defaultLocale: Locale;
  conversationState: ConversationState;
  userState: UserState;
  telemetry?: Telemetry;
  /** How long the end of a turn waits for the observers (they go on in the background after that). */
  observerTimeoutMs?: number;
}

const OBSERVER_TIMEOUT_MS = 2_000;

/** Where the turn's telemetry scope waits for the handlers (botbuilder's per-turn state). */
const TELEMETRY_SCOPE = Symbol('telemetryScope');

/**
 * The Teams activity handler: turns activities into TurnInputs for the router and sends the replies. Messages
 * never reach ActivityHandler's dispatch (see run), so `onMessage` and `onTurn` handlers would never run: a test
 * (universalActions.test.ts) fails when one is registered.
 */
export class TryggBot extends TeamsActivityHandler {
  /** When this conversation got its welcome card: Teams may announce one install in several activities. */
  private readonly welcomedAt: StatePropertyAccessor<string | undefined>;

  /** The card verbs the capabilities handle. */
  verbs(): string[] {
    return this.deps.router.verbs();
  }

  constructor(private readonly deps: TryggBotDeps) {
    super();
    this.welcomedAt = deps.conversationState.createProperty('welcomedAt');
    this.onMembersAdded(async (context, next) => {
      if (this.shouldWelcome(context) && !(await this.welcomedAt.get(context))) {
        const locale = localeFrom(context.activity.locale, deps.defaultLocale);
        const roles = deps.roles.rolesOf(identityOf(context.activity));
        const notice = roles.length > 0 ? botText(locale).roleNotice : null;
        await context.sendActivity(
          MessageFactory.attachment(
            CardFactory.adaptiveCard(welcomeCard(deps.cards, deps.organisation, locale, notice)),
          ),
        );
        await this.welcomedAt.set(context, new Date().toISOString());
      }
      await next();
    });
  }

  /**
   * Runs the turn in a telemetry span, then saves conversation and user state once at the end. The observers
   * (remembering the conversation reference: a storage write for someone not seen since start) run beside the
   * turn, never before it: "Ring 112" must not wait on storage. The turn waits for them at its end, but only
   * so long.
   */
  override async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    const telemetry = this.deps.telemetry ?? noTelemetry;
    const ids = {
      ...(activity.conversation?.id ? { conversationId: activity.conversation.id } : {}),
      ...(activity.from?.aadObjectId ? { userId: activity.from.aadObjectId } : {}),
    };
    await telemetry.turn(activity.type ?? 'unknown', ids, async (scope) => {
      context.turnState.set(TELEMETRY_SCOPE, scope);
      // Observers log their own failures; the catch keeps a rejection from going unhandled during the turn.
      const observed = Promise.all(this.deps.observers.map((observe) => observe(context))).catch(
        () => undefined,
      );
      // A message goes straight to its handler. ActivityHandler's dispatch (its 'Turn' and 'Message' events, with
      // no other handlers here) went through five layers of compiled async functions to get there: ~8 % of a
      // guidance turn's CPU. Every other activity type (installs, Action.Execute invokes) is the SDK's to dispatch.
      try {
        if (activity.type === ActivityTypes.Message) await this.handleMessage(context);
        else await super.run(context);
      } finally {
        forgetLastReading(); // her words were kept for the turn's readings, no longer
      }
      await Promise.all([
        this.deps.conversationState.saveChanges(context, false),
        this.deps.userState.saveChanges(context, false),
      ]);
      await settledWithin(observed, this.deps.observerTimeoutMs ?? OBSERVER_TIMEOUT_MS);
    });
  }

  /**
   * Universal Actions: an Action.Execute press runs the same handlers as Action.Submit; the card a handler
   * puts in place of the pressed one is also the invoke response, so the presser sees it at once.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    _invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    if (!actionOf(context.activity)) return BAD_ACTION;
    const replaced = await this.handleMessage(context);
    return replaced
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: replaced }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: {} };
  }

  /** Handles a message or card action; returns the card that replaced the pressed one, if any. */
  private async handleMessage(context: TurnContext): Promise<AdaptiveCard | undefined> {
    const turn = toTurnInput(context, this.deps.roles, this.deps.defaultLocale);
    const { reply, replacedCard } = responderFor(context, turn.action?.messageId);
    const scope: TurnScope | undefined = context.turnState.get(TELEMETRY_SCOPE);
    await this.respond(turn, reply, scope ?? { capability: () => undefined, outcome: () => undefined });
    return replacedCard();
  }

  private async respond(turn: TurnInput, reply: Responder, scope: TurnScope): Promise<void> {
    for (const intercept of this.deps.interceptors) {
      if (await intercept(turn, reply)) {
        scope.capability('acute-danger');
        scope.outcome('acute');
        return;
      }
    }
    if (turn.text !== undefined && GREETING.test(turn.text)) {
      scope.capability('welcome');
      await reply.card(welcomeCard(this.deps.cards, this.deps.organisation, turn.locale));
      return;
    }
    const result = await this.deps.router.route(turn, reply, scope.capability);
    scope.outcome(result);
    if (result === 'unknownAction')
      await reply.card(
        welcomeCard(this.deps.cards, this.deps.organisation, turn.locale, botText(turn.locale).staleButton),
      );
    if (result === 'personalOnly') await reply.text(botText(turn.locale).personalOnly);
    if (result === 'needsIdentity') await reply.text(botText(turn.locale).needsIdentity);
    if (result === 'unhandledText')
      await reply.card(
        welcomeCard(this.deps.cards, this.deps.organisation, turn.locale, botText(turn.locale).notUnderstood),
      );
  }

  /** Welcome once: when the bot is installed (it is among the members added), or a user joins a 1:1 chat. */
  private shouldWelcome(context: TurnContext): boolean {
    const added = context.activity.membersAdded ?? [];
    const botAdded = added.some((member) => member.id === context.activity.recipient.id);
    const personal = !context.activity.conversation.isGroup;
    return botAdded || (personal && added.length > 0);
  }
}

function responderFor(
  context: TurnContext,
  pressedMessageId: string | undefined,
): { reply: Responder; replacedCard: () => AdaptiveCard | undefined } {
  let replaced: AdaptiveCard | undefined;
  const send = async (card: AdaptiveCard) =>
    (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id;
  const update = async (id: string, card: AdaptiveCard) => {
    await context.updateActivity({
      id,
      type: ActivityTypes.Message,
      attachments: [CardFactory.adaptiveCard(card)],
    });
  };
  const reply: Responder = {
    card: send,
    text: async (text) => {
      await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
    },
    replaceCard: async (card) => {
      if (!pressedMessageId) {
        await send(card);
        return;
      }
      replaced = card;
      // Updating the message (not only answering the invoke) is what shows the new card to everyone.
      await update(pressedMessageId, card);
    },
    updateCard: update,
    answerCard: async (card) => {
      if (context.activity.type === ActivityTypes.Invoke) replaced = card;
      else await reply.replaceCard(card);
    },
  };
  return { reply, replacedCard: () => replaced };
}
