import { TurnContext, type ConversationReference } from 'botbuilder';
import type { Repository } from '../core/storage';

/** The stored address of a person's 1:1 chat with the bot: what a proactive message needs. */
export type StoredReference = Partial<ConversationReference> & { savedAt: string };

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

  async remember(context: TurnContext): Promise<void> {
    const activity = context.activity;
    await this.rememberTenant(context);
    const aadObjectId = activity.from?.aadObjectId?.toLowerCase();
    if (
      !aadObjectId ||
      activity.conversation?.isGroup ||
      activity.conversation?.conversationType === 'channel'
    )
      return;
    const reference = TurnContext.getConversationReference(activity);
    const fingerprint = `${reference.serviceUrl}|${reference.conversation?.id}`;
    if (this.lastStored.get(aadObjectId) === fingerprint) return;
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
  async saveCreated(
    aadObjectId: string,
    reference: Partial<ConversationReference>,
  ): Promise<StoredReference> {
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

  private async rememberTenant(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const tenantId = (activity.conversation?.tenantId ?? activity.channelData?.tenant?.id)?.toLowerCase();
    if (!this.tenants || !tenantId || !activity.serviceUrl || !activity.recipient?.id) return;
    const key = `tenant:${tenantId}`;
    const fingerprint = `${activity.serviceUrl}|${activity.recipient.id}`;
    if (this.lastStored.get(key) === fingerprint) return;
    await this.tenants.upsert(TENANT, tenantId, {
      tenantId,
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId,
      bot: {
        id: activity.recipient.id,
        ...(activity.recipient.name ? { name: activity.recipient.name } : {}),
      },
      savedAt: new Date().toISOString(),
    });
    this.lastStored.set(key, fingerprint);
  }
}
