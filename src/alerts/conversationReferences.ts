import { TurnContext, type ConversationReference } from 'botbuilder';
import type { Repository } from '../core/storage';

/** The stored address of a person's 1:1 chat with the bot: what a proactive message needs. */
export type StoredReference = Partial<ConversationReference> & { savedAt: string };

const PARTITION = 'personal';

/**
 * Remembers, per person (Entra object id), the 1:1 conversation the bot last saw them in: from install,
 * conversationUpdate, installationUpdate and every message. A write only happens when the address changed,
 * so an ordinary turn costs no storage round trip.
 */
export class ConversationReferences {
  private readonly lastStored = new Map<string, string>();

  constructor(private readonly repository: Repository<StoredReference>) {}

  async remember(context: TurnContext): Promise<void> {
    const activity = context.activity;
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
    await this.repository.upsert(PARTITION, aadObjectId, { ...reference, savedAt: new Date().toISOString() });
    this.lastStored.set(aadObjectId, fingerprint);
  }

  async find(aadObjectId: string): Promise<StoredReference | undefined> {
    return (await this.repository.get(PARTITION, aadObjectId.toLowerCase()))?.value;
  }
}
