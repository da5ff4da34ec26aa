import {
  ActivityTypes,
  CardFactory,
  ConversationState,
  MessageFactory,
  TeamsActivityHandler,
  UserState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { localeFrom } from '../core/i18n';
import type { RoleDirectory } from '../core/identity';
import type { Responder, TurnInterceptor } from '../core/turn';
import type { Router } from './router';
import { identityOf, toTurnInput } from './turnInput';
import { welcomeCard } from './welcome';

const GREETING = /^(hej+|hejsan|hallå|halla|tja|god (morgon|dag|kväll)|hi|hello|hey|start)[\s!.?]*$/i;

const NOT_UNDERSTOOD: Record<Locale, string> = {
  sv: 'Jag förstod inte riktigt. Det här kan jag hjälpa dig med:',
  en: "I didn't quite understand. This is what I can help with:",
};
/** For the security chief, the deputy and party contacts: alerts arrive in this chat. */
const ROLE_NOTICE: Record<Locale, string> = {
  sv: 'Du har en säkerhetsroll: larm om nya incidentrapporter kommer i den här chatten.',
  en: 'You have a security role: alerts about new incident reports arrive in this chat.',
};
const STALE_BUTTON: Record<Locale, string> = {
  sv: 'Den knappen går inte att använda längre. Välj här i stället:',
  en: 'That button can no longer be used. Choose here instead:',
};

export interface TryggBotDeps {
  cards: CardRenderer;
  router: Router;
  /** Run in order on every message before routing (the acute-danger check first). */
  interceptors: TurnInterceptor[];
  /** Told about every activity before it is handled (e.g. to remember conversation references). */
  observers: Array<(context: TurnContext) => Promise<void>>;
  roles: RoleDirectory;
  defaultLocale: Locale;
  conversationState: ConversationState;
  userState: UserState;
}

/** The Teams activity handler: turns activities into TurnInputs for the router and sends the replies. */
export class TryggBot extends TeamsActivityHandler {
  /** When this conversation got its welcome card: Teams may announce one install in several activities. */
  private readonly welcomedAt: StatePropertyAccessor<string | undefined>;

  constructor(private readonly deps: TryggBotDeps) {
    super();
    this.welcomedAt = deps.conversationState.createProperty('welcomedAt');
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (this.shouldWelcome(context) && !(await this.welcomedAt.get(context))) {
        const locale = localeFrom(context.activity.locale, deps.defaultLocale);
        const roles = deps.roles.rolesOf(identityOf(context.activity));
        const notice = roles.length > 0 ? ROLE_NOTICE[locale] : null;
        await context.sendActivity(
          MessageFactory.attachment(CardFactory.adaptiveCard(welcomeCard(deps.cards, locale, notice))),
        );
        await this.welcomedAt.set(context, new Date().toISOString());
      }
      await next();
    });
  }

  /** Runs the turn, then saves conversation and user state once at the end. */
  override async run(context: TurnContext): Promise<void> {
    await Promise.all(this.deps.observers.map((observe) => observe(context)));
    await super.run(context);
    await Promise.all([
      this.deps.conversationState.saveChanges(context, false),
      this.deps.userState.saveChanges(context, false),
    ]);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = toTurnInput(context, this.deps.roles, this.deps.defaultLocale);
    const reply = responderFor(context);
    for (const intercept of this.deps.interceptors) {
      if (await intercept(turn, reply)) return;
    }
    if (turn.text !== undefined && GREETING.test(turn.text)) {
      await reply.card(welcomeCard(this.deps.cards, turn.locale));
      return;
    }
    const result = await this.deps.router.route(turn, reply);
    if (result === 'unknownAction')
      await reply.card(welcomeCard(this.deps.cards, turn.locale, STALE_BUTTON[turn.locale]));
    if (result === 'unhandledText')
      await reply.card(welcomeCard(this.deps.cards, turn.locale, NOT_UNDERSTOOD[turn.locale]));
  }

  /** Welcome once: when the bot is installed (it is among the members added), or a user joins a 1:1 chat. */
  private shouldWelcome(context: TurnContext): boolean {
    const added = context.activity.membersAdded ?? [];
    const botAdded = added.some((member) => member.id === context.activity.recipient.id);
    const personal = !context.activity.conversation.isGroup;
    return botAdded || (personal && added.length > 0);
  }
}

function responderFor(context: TurnContext): Responder {
  return {
    card: async (card) => {
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    },
    text: async (text) => {
      await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
    },
  };
}
