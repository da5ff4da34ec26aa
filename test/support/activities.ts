import { randomUUID } from 'node:crypto';

export const TEST_TENANT = '11111111-2222-3333-4444-555555555555';
export const BOT_ID = '28:trygg-bot';

/** A single-tenant app registration (credentials set: production mode). No token from it ever validates. */
export const TEST_CREDENTIALS = {
  MicrosoftAppId: '00000000-0000-4000-8000-0000000000a1',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TEST_TENANT,
};

export interface TestUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const official: TestUser = {
  id: '29:official',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001',
  name: 'Anna Förtroendevald',
};

interface ActivityOptions {
  serviceUrl: string;
  conversationId?: string;
  user?: TestUser;
  locale?: string;
  tenantId?: string;
  isGroup?: boolean;
}

function base(options: ActivityOptions) {
  const user = options.user ?? official;
  const tenantId = options.tenantId ?? TEST_TENANT;
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: options.locale ?? 'sv-SE',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: BOT_ID, name: 'Trygg förtroendevald' },
    conversation: {
      id: options.conversationId ?? `a:conv-${randomUUID()}`,
      conversationType: options.isGroup ? 'groupChat' : 'personal',
      isGroup: options.isGroup ?? false,
      tenantId,
    },
    channelData: { tenant: { id: tenantId } },
  };
}

/** A Teams message activity as the channel would POST it. */
export function message(text: string, options: ActivityOptions) {
  return { ...base(options), type: 'message', text, textFormat: 'plain' };
}

/** An Action.Submit from a card: a message activity whose value carries the card's data. */
export function cardSubmit(
  value: Record<string, unknown>,
  options: ActivityOptions & { replyToId?: string },
) {
  return { ...base(options), type: 'message', value, ...replyTo(options) };
}

/** An Action.Execute (Universal Actions) press: an `adaptiveCard/action` invoke, as Teams POSTs it. */
export function cardExecute(
  verb: string,
  data: Record<string, unknown>,
  options: ActivityOptions & { replyToId?: string; trigger?: 'manual' | 'automatic' },
) {
  return {
    ...base(options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: options.trigger ?? 'manual' },
    ...replyTo(options),
  };
}

const replyTo = (options: { replyToId?: string }) =>
  options.replyToId ? { replyToId: options.replyToId } : {};

/** The bot installed in a conversation: membersAdded holds the bot. */
export function botInstalled(options: ActivityOptions) {
  return { ...base(options), type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }] };
}
