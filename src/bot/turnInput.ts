import { TurnContext, type Activity } from 'botbuilder';
import type { Locale } from '../core/config';
import { localeFrom } from '../core/i18n';
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
    locale: localeFrom(activity.locale, defaultLocale),
    conversation: { id: activity.conversation.id, kind: conversationKind(activity) },
    ...(text !== undefined ? { text } : {}),
    ...(action ? { action } : {}),
  };
}
