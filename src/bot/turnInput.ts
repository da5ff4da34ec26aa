import { TurnContext, type Activity } from 'botbuilder';
import type { Locale } from '../core/config';
import { answerLanguage, localeFrom } from '../core/i18n';
import type { RoleDirectory, UserIdentity } from '../core/identity';
import type { CardAction, TurnInput } from '../core/turn';

/** Identity from the authenticated activity only: `from` and the tenant, never anything in card data. */
export function identityOf(activity: Activity): UserIdentity {
  return {
    userId: activity.from.id,
    ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId.toLowerCase() } : {}),
    name: activity.from.name ?? '',
    ...(activity.conversation.tenantId ? { tenantId: activity.conversation.tenantId } : {}),
  };
}

function conversationKind(activity: Activity): TurnInput['conversation']['kind'] {
  const type = activity.conversation.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || activity.conversation.isGroup) return 'groupChat';
  return 'personal';
}

/** A card submit carries `{ verb, ...data }`; anything else is not an action. */
function actionOf(value: unknown): CardAction | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { verb, ...data } = value as Record<string, unknown>;
  if (typeof verb !== 'string' || verb.length === 0 || verb.length > 100) return undefined;
  return { verb, data };
}

/**
 * The language to answer in. A card button may carry the language its card was written in (`lang`), so a
 * conversation held in Swedish stays Swedish whatever the client's locale; that is a preference, not
 * identity, so taking it from card data is harmless. Free text is detected from its words.
 */
function localeOf(
  activity: Activity,
  action: CardAction | undefined,
  text: string | undefined,
  fallback: Locale,
): Locale {
  const clientLocale = localeFrom(activity.locale, fallback);
  const chosen = action?.data.lang;
  if (chosen === 'sv' || chosen === 'en') return chosen;
  return answerLanguage(text, clientLocale);
}

export function toTurnInput(context: TurnContext, roles: RoleDirectory, defaultLocale: Locale): TurnInput {
  const activity = context.activity;
  const user = identityOf(activity);
  const action = actionOf(activity.value);
  const text = action
    ? undefined
    : (TurnContext.removeRecipientMention(activity)?.trim() ?? activity.text?.trim() ?? '');
  return {
    user,
    roles: roles.rolesOf(user),
    locale: localeOf(activity, action, text, defaultLocale),
    conversation: { id: activity.conversation.id, kind: conversationKind(activity) },
    ...(text !== undefined ? { text } : {}),
    ...(action ? { action } : {}),
  };
}
