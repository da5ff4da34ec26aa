import type { Repository } from '../core/storage';

/** An account as an activity names it (the Bot Framework's ChannelAccount, the fields the bot uses). */
interface Account {
  id: string;
  name?: string;
  aadObjectId?: string;
  role?: string;
}

/** Where a proactive message goes: the Bot Framework's ConversationReference, without depending on the SDK. */
export interface ConversationAddress {
  activityId?: string;
  user?: Account;
  bot: Account;
  conversation: {
    id: string;
    isGroup?: boolean;
    conversationType?: string;
    tenantId?: string;
    name?: string;
  };
  channelId: string;
  locale?: string;
  serviceUrl: string;
}

/** The fields of an incoming activity the references are taken from (a botbuilder Activity fits). */
export interface ObservedActivity {
  id?: string;
  from?: Account;
  recipient?: Account;
  conversation?: ConversationAddress['conversation'];
  channelId?: string;
  channelData?: { tenant?: { id?: string } };
  locale?: string;
  serviceUrl?: string;
}

/** A turn as the observers see it (a botbuilder TurnContext fits). */
export interface ObservedTurn {
  activity: ObservedActivity;
}

/** The stored address of a person's 1:1 chat with the bot: what a proactive message needs. */
export type StoredReference = Partial<ConversationAddress> & { savedAt: string };

/** The address of the chat an activity came from, as TurnContext.getConversationReference builds it. */
function addressOf(activity: ObservedActivity): Partial<ConversationAddress> {
  return {
    ...(activity.id ? { activityId: activity.id } : {}),
    ...(activity.from ? { user: activity.from } : {}),
    ...(activity.recipient ? { bot: activity.recipient } : {}),
    ...(activity.conversation ? { conversation: activity.conversation } : {}),
    ...(activity.channelId ? { channelId: activity.channelId } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
    ...(activity.serviceUrl ? { serviceUrl: activity.serviceUrl } : {}),
  };
}

/** Where the bot can open a new 1:1 chat in a tenant: the serviceUrl and bot account seen there last. */
export interface TenantAddress {
  tenantId: string;
  serviceUrl: string;
  channelId: string;
  bot: { id: string; name?: string };
  savedAt: string;
}

const PERSONAL = 'personal';
const TENANT = 'tenant';

/**
 * Remembers, per person (Entra object id), the 1:1 conversation the bot last saw them in: from install,
 * conversationUpdate, installationUpdate and every message; and per tenant the serviceUrl it was reached
 * at, so it can open a chat with someone who never wrote to it. A write only happens when an address
 * changed, so an ordinary turn costs no storage round trip.
 */
export class ConversationReferences {
  private readonly lastStored = new Map<string, string>();

  constructor(
    private readonly repository: Repository<StoredReference>,
    private readonly tenants?: Repository<TenantAddress>,
  ) {}

  async remember(context: ObservedTurn): Promise<void> {
    const activity = context.activity;
    await this.rememberTenant(context);
    const aadObjectId = activity.from?.aadObjectId?.toLowerCase();
    if (
      !aadObjectId ||
      activity.conversation?.isGroup ||
      activity.conversation?.conversationType === 'channel'
    )
      return;
    // Checked before the address is built: on almost every turn nothing changed and nothing is written.
    const fingerprint = `${activity.serviceUrl}|${activity.conversation?.id}`;
    if (this.lastStored.get(aadObjectId) === fingerprint) return;
    const reference = addressOf(activity);
    await this.repository.upsert(PERSONAL, aadObjectId, { ...reference, savedAt: new Date().toISOString() });
    this.lastStored.set(aadObjectId, fingerprint);
  }

  async find(aadObjectId: string): Promise<StoredReference | undefined> {
    return (await this.repository.get(PERSONAL, aadObjectId.toLowerCase()))?.value;
  }

  /**
   * Drops a stored chat Teams says is gone (ConversationNotFound: deleted, or the app re-installed), so the
   * next delivery opens a new one.
   */
  async forget(aadObjectId: string): Promise<void> {
    const id = aadObjectId.toLowerCase();
    await this.repository.delete(PERSONAL, id);
    this.lastStored.delete(id);
  }

  /** Stores the address of a 1:1 chat the bot opened itself. */
  async saveCreated(aadObjectId: string, reference: Partial<ConversationAddress>): Promise<StoredReference> {
    const stored = { ...reference, savedAt: new Date().toISOString() };
    await this.repository.upsert(PERSONAL, aadObjectId.toLowerCase(), stored);
    return stored;
  }

  /** The tenant the bot was most recently reached in (a municipality's bot serves one tenant). */
  async tenantAddress(): Promise<TenantAddress | undefined> {
    if (!this.tenants) return undefined;
    const all = (await this.tenants.listPartition(TENANT)).map((entry) => entry.value);
    return all.sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
  }

  private async rememberTenant(context: ObservedTurn): Promise<void> {
    const activity = context.activity;
    const tenantId = (activity.conversation?.tenantId ?? activity.channelData?.tenant?.id)?.toLowerCase();
    if (!this.tenants || !tenantId || !activity.serviceUrl || !activity.recipient?.id) return;
    const key = `tenant:${tenantId}`;
    const fingerprint = `${activity.serviceUrl}|${activity.recipient.id}`;
    if (this.lastStored.get(key) === fingerprint) return;
    await this.tenants.upsert(TENANT, tenantId, {
      tenantId,
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId ?? 'msteams',
      bot: {
        id: activity.recipient.id,
        ...(activity.recipient.name ? { name: activity.recipient.name } : {}),
      },
      savedAt: new Date().toISOString(),
    });
    this.lastStored.set(key, fingerprint);
  }
}
