import type { RoleSeeds } from '../core/config';
import { ConcurrencyError, type Repository } from '../core/storage';
import type { RoleSource } from './domain/recipients';

export interface Contact {
  /** Entra object id (GUID, lower case). */
  aadObjectId: string;
  /** Display name as the security chief typed it ('' when seeded from configuration). */
  name: string;
}

export interface PartyContactsRecord {
  parties: Record<string, Contact[]>;
  updatedAt: string;
  /** Object id of who changed it last ("config" for the seed). */
  updatedBy: string;
}

export type ContactChange = 'added' | 'alreadyThere' | 'removed' | 'notThere';

const PARTITION = 'contacts';
const ROW = 'parties';

/**
 * Each party's security contacts, stored in Table Storage (one record, changed with ETag checks) and seeded
 * from PARTY_CONTACTS on first use. Roles are read from an in-memory copy (turns need them synchronously),
 * refreshed after every change here and on every worker pass, so other instances follow within a poll.
 * Security chiefs and deputies still come from configuration only.
 */
export class PartyContacts implements RoleSource {
  private current: Record<string, Contact[]>;

  constructor(
    private readonly repository: Repository<PartyContactsRecord>,
    private readonly config: RoleSeeds,
  ) {
    this.current = seedRecord(config).parties;
  }

  seeds(): RoleSeeds {
    const partyContacts: Record<string, string[]> = {};
    for (const [party, contacts] of Object.entries(this.current))
      partyContacts[party] = contacts.map((contact) => contact.aadObjectId);
    return { ...this.config, partyContacts };
  }

  nameOf(aadObjectId: string): string | undefined {
    for (const contacts of Object.values(this.current)) {
      const found = contacts.find((contact) => contact.aadObjectId === aadObjectId && contact.name);
      if (found) return found.name;
    }
    return undefined;
  }

  list(): Record<string, Contact[]> {
    return structuredClone(this.current);
  }

  /** Loads the stored contacts, writing the configuration's seed the first time. */
  async refresh(): Promise<void> {
    const stored = await this.repository.get(PARTITION, ROW);
    if (stored) {
      this.current = stored.value.parties;
      return;
    }
    try {
      await this.repository.create(PARTITION, ROW, seedRecord(this.config));
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err; // another instance seeded it first
    }
    this.current = (await this.repository.get(PARTITION, ROW))!.value.parties;
  }

  async add(party: string, contact: Contact, by: string): Promise<ContactChange> {
    let outcome: ContactChange = 'added';
    await this.change(by, (parties) => {
      const contacts = parties[party] ?? [];
      const existing = contacts.find((c) => c.aadObjectId === contact.aadObjectId);
      outcome = existing && existing.name === contact.name ? 'alreadyThere' : 'added';
      parties[party] = [...contacts.filter((c) => c.aadObjectId !== contact.aadObjectId), contact];
    });
    return outcome;
  }

  async remove(party: string, aadObjectId: string, by: string): Promise<ContactChange> {
    let outcome: ContactChange = 'removed';
    await this.change(by, (parties) => {
      const contacts = parties[party] ?? [];
      outcome = contacts.some((c) => c.aadObjectId === aadObjectId) ? 'removed' : 'notThere';
      parties[party] = contacts.filter((c) => c.aadObjectId !== aadObjectId);
    });
    return outcome;
  }

  /** Read-modify-write with the record's ETag: two chiefs editing at once both keep their change. */
  private async change(by: string, apply: (parties: Record<string, Contact[]>) => void): Promise<void> {
    // The update reads the stored record itself (and seeds it when there is none): no refresh first.
    const updated = await this.repository.update(PARTITION, ROW, (current) => {
      const parties = structuredClone((current ?? seedRecord(this.config)).parties);
      apply(parties);
      return { parties, updatedAt: new Date().toISOString(), updatedBy: by };
    });
    this.current = updated.value.parties;
  }
}

function seedRecord(config: RoleSeeds): PartyContactsRecord {
  const parties: Record<string, Contact[]> = {};
  for (const [party, ids] of Object.entries(config.partyContacts))
    parties[party] = ids.map((aadObjectId) => ({ aadObjectId, name: '' }));
  return { parties, updatedAt: new Date().toISOString(), updatedBy: 'config' };
}
