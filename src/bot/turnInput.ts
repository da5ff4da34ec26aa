import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isVerb = (verb: unknown): verb is string =>
  typeof verb === 'string' && verb.length > 0 && verb.length <= 100;

/**
 * The pressed button, if any. Action.Submit arrives as a message whose value is `{ verb, ...data }`;
 * Action.Execute as an `adaptiveCard/action` invoke with `{ action: { verb, data } }`. Both reach the same
 * handlers, so every card works in clients with and without Universal Actions.
 */
export function actionOf(activity: Activity): CardAction | undefined {
  const messageId = activity.replyToId ? { messageId: activity.replyToId } : {};
  if (activity.type === ActivityTypes.Invoke) {
    const action: unknown = isRecord(activity.value) ? activity.value.action : undefined;
    if (activity.name !== 'adaptiveCard/action' || !isRecord(action) || !isVerb(action.verb))
      return undefined;
    const data = isRecord(action.data) ? action.data : {};
    return { verb: action.verb, data, via: 'execute', ...messageId };
  }
  if (!isRecord(activity.value)) return undefined;
  const { verb, ...data } = activity.value;
  return isVerb(verb) ? { verb, data, via: 'submit', ...messageId } : undefined;
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
  const action = actionOf(activity);
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
