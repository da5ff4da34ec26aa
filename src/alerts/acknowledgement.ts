import type { CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import type { Role, UserIdentity } from '../core/identity';
import { ConcurrencyError, type Repository } from '../core/storage';
import { ownerKey, type ReportStore } from '../report/reportStore';
import { alertCard } from './alertCards';
import { readDelivery, withoutReplyTo, type StoredDelivery } from './alertOutbox';
import type { AlertSender } from './alertSender';
import type { ConversationReferences } from './conversationReferences';

export interface Owner {
  aadObjectId: string;
  name: string;
  at: string;
}

export type TakeResult =
  | { kind: 'taken'; reference: string }
  | { kind: 'alreadyTaken'; reference: string; owner: Owner }
  | { kind: 'forbidden' }
  | { kind: 'unknown' };

export interface AcknowledgementDeps {
  reports: ReportStore;
  owners: Repository<Owner>;
  deliveries: Repository<StoredDelivery>;
  references: ConversationReferences;
  sender: AlertSender;
  cards: CardRenderer;
  locale: Locale;
  now?: () => Date;
}

const REPORTER_NOTICE = {
  sv: (reference: string) =>
    `Din rapport ${reference} har tagits emot av kommunens säkerhetsfunktion, som tar hand om den.`,
  en: (reference: string) =>
    `Your report ${reference} has been received by the municipality's security function, who will follow it up.`,
};

/**
 * "Jag tar ärendet": the first person allowed to take a report becomes its owner (a conditional create, so two
 * people pressing at once give one owner), the report's history records it, every alert card about it shows
 * who took it, and the reporter is told. The report id from the card is only a pointer: the report must exist
 * and the user's role (from the authenticated activity) must cover its party.
 */
export class Acknowledgement {
  constructor(private readonly deps: AcknowledgementDeps) {}

  async take(user: UserIdentity, roles: Role[], reportId: unknown): Promise<TakeResult> {
    if (typeof reportId !== 'string' || !/^[0-9a-f-]{36}$/.test(reportId)) return { kind: 'unknown' };
    const report = await this.deps.reports.get(reportId);
    if (!report) return { kind: 'unknown' };
    if (!mayTake(roles, report.values.victimParty ?? '')) return { kind: 'forbidden' };
    const owner: Owner = {
      aadObjectId: user.aadObjectId ?? user.userId,
      name: user.name,
      at: (this.deps.now?.() ?? new Date()).toISOString(),
    };
    try {
      await this.deps.owners.create(reportId, 'owner', owner);
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
      const current = (await this.deps.owners.get(reportId, 'owner'))!.value;
      return { kind: 'alreadyTaken', reference: report.reference, owner: current };
    }
    await this.deps.reports.appendHistory(reportId, {
      at: owner.at,
      by: owner.aadObjectId,
      action: 'taken',
      detail: owner.name,
    });
    await this.updateAlertCards(reportId, owner);
    const reporter = await this.deps.references.find(ownerKey(report.reporter));
    if (reporter)
      await this.deps.sender.sendText(
        withoutReplyTo(reporter),
        REPORTER_NOTICE[this.deps.locale](report.reference),
      );
    return { kind: 'taken', reference: report.reference };
  }

  /** Every delivered alert about the report now says who took it (and loses its button). */
  private async updateAlertCards(reportId: string, owner: Owner): Promise<void> {
    for (const { value } of await this.deps.deliveries.listPartition(reportId)) {
      const delivery = readDelivery(value);
      const payload = delivery.payload;
      if (payload.kind !== 'report' || delivery.status !== 'delivered' || !delivery.activityId) continue;
      const reference = await this.deps.references.find(delivery.recipient.aadObjectId);
      if (!reference) continue;
      const card = alertCard(this.deps.cards, payload.event, this.deps.locale, owner, payload.escalation);
      await this.deps.sender.update(withoutReplyTo(reference), delivery.activityId, card);
    }
  }
}

/** The security chief and deputy may take any report; a party contact only their own party's. */
export function mayTake(roles: Role[], party: string): boolean {
  return roles.some(
    (role) =>
      role.kind === 'securityChief' ||
      role.kind === 'securityDeputy' ||
      (role.kind === 'partyContact' && role.party === party),
  );
}
