import { isGuid } from '../core/config/lists';
import type { AdaptiveCard, CardRenderer } from '../core/cards';
import type { Locale, SecurityContact } from '../core/config';
import { takenNotice } from '../core/i18n';
import { isSecurityChief, isSecurityStaff, userKey, type Role, type UserIdentity } from '../core/identity';
import { ConcurrencyError, retryOnConflict, type Repository } from '../core/storage';
import type { ReportStore } from '../report';
import {
  REPORT_STATUS_IN_PROGRESS,
  REPORT_STATUS_RECEIVED,
  type HistoryEntry,
  type StoredReport,
} from '../report/domain/storedReport';
import { alertCard, ownerCard } from './alertCards';
import { alertText } from './messages';
import { roleLabel } from './noticeCards';
import { readDelivery, viewerIdOf, withoutReplyTo, type Delivery, type StoredDelivery } from './alertOutbox';
import type { AlertSender } from './alertSender';
import type { ConversationReferences } from './conversationReferences';
import { escalationRecipients, type Recipient, type RoleSource } from './domain/recipients';

export interface Owner {
  aadObjectId: string;
  name: string;
  at: string;
}

export type TakeResult =
  | { kind: 'taken'; reference: string; card?: AdaptiveCard }
  /** A party contact marked as in contact with the member: the security function still owns the case. */
  | { kind: 'inContact'; reference: string }
  | { kind: 'alreadyTaken'; reference: string; owner: Owner; card?: AdaptiveCard }
  | { kind: 'forbidden' }
  | { kind: 'unknown' };

/** The chief taking over a case or giving it to another member of the security staff. */
export type ReassignResult =
  | { kind: 'reassigned'; reference: string; owner: Owner; previous?: Owner }
  /** The chosen person is not security staff (chief or deputy). */
  | { kind: 'notStaff' }
  /** Only a security chief moves a case. */
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
  /** Who the reporter is told about: the taker's name, how to reach the function and when to expect contact. */
  contact: SecurityContact;
  /** Queues a line to the reporter (durable outbox); `row` makes it idempotent within the report's partition. */
  tellReporter(partition: string, row: string, reporterKey: string, text: string): Promise<void>;
  /** Queues a line to a member of the security staff (the one a case was given to). */
  tellStaff(partition: string, row: string, recipient: Recipient, text: string): Promise<void>;
  /** Who the security staff are (chiefs and deputies), as configured or edited. */
  roles: RoleSource;
  now?: () => Date;
}

/** How many times a take re-reads the report when a case edit raced it. */
const TAKE_ATTEMPTS = 10;

/**
 * "Jag tar ärendet": the first person allowed to take a report becomes its owner (a conditional create, so two
 * people pressing at once give one owner), the report's history records it, every alert card about it shows
 * who took it, and the reporter is told. The report id from the card is only a pointer: the report must exist
 * and the user's role (from the authenticated activity) must cover its party.
 */
export class Acknowledgement {
  constructor(private readonly deps: AcknowledgementDeps) {}

  /**
   * `pressedMessageId` is the card the button was on: the caller replaces that one itself (for Action.Execute
   * the new card is also the invoke response), so it is not updated twice. `card` is what it should show.
   */
  async take(
    user: UserIdentity,
    roles: Role[],
    reportId: string,
    pressedMessageId?: string,
  ): Promise<TakeResult> {
    if (!isGuid(reportId)) return { kind: 'unknown' };
    const report = await this.deps.reports.get(reportId);
    if (!report) return { kind: 'unknown' };
    if (!mayTake(roles, report.values.victimParty ?? '')) return { kind: 'forbidden' };
    // Only the security chief or deputy take a case (and so stop its escalation); a party contact's press
    // records that they are in contact with the member, without silencing the municipality.
    if (!isSecurityStaff(roles)) return this.markInContact(reportId, report.reference, user);
    const owner: Owner = {
      aadObjectId: userKey(user),
      name: user.name,
      at: (this.deps.now?.() ?? new Date()).toISOString(),
    };
    const pressed = pressedMessageId ? await this.pressedDelivery(reportId, pressedMessageId) : undefined;
    try {
      await this.deps.owners.create(reportId, 'owner', owner);
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
      const current = (await this.deps.owners.get(reportId, 'owner'))!.value;
      // Their own press again: an earlier one may have made them the owner and then failed (storage gone
      // mid-take) before the report, the cards or the reporter knew. Every step of the rest is idempotent, so it
      // is finished (or found done), instead of "already taken by" themselves for ever.
      if (current.aadObjectId === owner.aadObjectId)
        return this.finishTake(reportId, report, current, { pressed, pressedMessageId });
      return {
        kind: 'alreadyTaken',
        reference: report.reference,
        owner: current,
        ...this.cardFor(pressed, current),
      };
    }
    return this.finishTake(reportId, report, owner, { pressed, pressedMessageId });
  }

  /** After the owner row: the report marked (once), the other alert cards updated, the reporter told (keyed: once). */
  private async finishTake(
    reportId: string,
    report: StoredReport,
    owner: Owner,
    { pressed, pressedMessageId }: { pressed?: Delivery; pressedMessageId?: string },
  ): Promise<TakeResult> {
    await this.markTaken(reportId, owner);
    await this.updateAlertCards(reportId, owner, pressedMessageId);
    await this.deps.tellReporter(
      reportId,
      'reporter~taken',
      userKey(report.reporter),
      takenNotice(this.deps.contact, this.deps.locale, owner.name, report.reference, new Date(owner.at)),
    );
    return { kind: 'taken', reference: report.reference, ...this.cardFor(pressed, owner) };
  }

  /**
   * The security chief takes over a case someone else took, or gives it to another member of the security
   * staff (`toKey`, checked against the configured chiefs and deputies; the chief's role from the activity).
   * The owner changes, the history says who moved it from whom to whom, every alert card shows the new
   * owner, the reporter is told who now handles it and the new owner (when not the chief) is told too.
   */
  async reassign(
    user: UserIdentity,
    roles: Role[],
    reportId: string,
    toKey: string,
  ): Promise<ReassignResult> {
    if (!isSecurityChief(roles)) return { kind: 'forbidden' };
    if (!isGuid(reportId)) return { kind: 'unknown' };
    const staff = this.staff().find((r) => r.aadObjectId.toLowerCase() === toKey.toLowerCase());
    if (!staff) return { kind: 'notStaff' };
    const report = await this.deps.reports.get(reportId);
    if (!report) return { kind: 'unknown' };
    const self = staff.aadObjectId.toLowerCase() === userKey(user).toLowerCase();
    const owner: Owner = {
      aadObjectId: staff.aadObjectId,
      name: self ? user.name : await this.nameOf(staff),
      at: (this.deps.now?.() ?? new Date()).toISOString(),
    };
    let previous: Owner | undefined;
    await this.deps.owners.update(reportId, 'owner', (current) => ((previous = current), owner));
    await this.markTaken(reportId, owner, {
      by: user.name,
      action: 'reassigned',
      detail: `${previous?.name ?? '–'} → ${owner.name}`,
    });
    await this.updateAlertCards(reportId, owner);
    await this.deps.tellReporter(
      reportId,
      `reporter~owner~${owner.at}`,
      userKey(report.reporter),
      takenNotice(this.deps.contact, this.deps.locale, owner.name, report.reference, new Date(owner.at)),
    );
    if (!self)
      await this.deps.tellStaff(
        reportId,
        `${staff.aadObjectId}~owner~${owner.at}`,
        staff,
        alertText(this.deps.locale).newOwner(report.reference, user.name),
      );
    return { kind: 'reassigned', reference: report.reference, owner, ...(previous ? { previous } : {}) };
  }

  /** The chiefs and deputies a case can be given to. */
  staff(): Recipient[] {
    const unique = new Map<string, Recipient>();
    for (const recipient of escalationRecipients(this.deps.roles))
      if (!unique.has(recipient.aadObjectId.toLowerCase()))
        unique.set(recipient.aadObjectId.toLowerCase(), recipient);
    return [...unique.values()];
  }

  /** The name Teams last told for the person, else their role. */
  async nameOf(recipient: Recipient): Promise<string> {
    const reference = await this.deps.references.find(recipient.aadObjectId);
    return (
      recipient.name ??
      reference?.user?.name ??
      roleLabel(recipient, this.deps.locale, this.deps.contact.title)
    );
  }

  /**
   * For a security chief who pressed "Jag tar ärendet" on a case someone else has: take it over, or give it
   * to another member of the security staff. Undefined for anyone else.
   */
  async ownerCard(
    roles: Role[],
    reportId: string,
    owner: Owner,
    locale: Locale,
  ): Promise<AdaptiveCard | undefined> {
    if (!isSecurityChief(roles)) return undefined;
    const report = await this.deps.reports.get(reportId);
    if (!report) return undefined;
    const others = this.staff().filter(
      (r) => r.aadObjectId.toLowerCase() !== owner.aadObjectId.toLowerCase(),
    );
    const staff = await Promise.all(
      others.map(async (r) => ({
        title: `${await this.nameOf(r)} (${roleLabel(r, locale, this.deps.contact.title)})`,
        value: r.aadObjectId,
      })),
    );
    return ownerCard(this.deps.cards, { reference: report.reference, reportId, owner, staff }, locale);
  }

  private async markInContact(reportId: string, reference: string, user: UserIdentity): Promise<TakeResult> {
    const contact: Owner = {
      aadObjectId: userKey(user),
      name: user.name,
      at: (this.deps.now?.() ?? new Date()).toISOString(),
    };
    // One row per contact: pressing again changes nothing but the time.
    await this.deps.owners.upsert(reportId, `contact~${contact.aadObjectId}`, contact);
    await this.deps.reports.appendHistory(reportId, {
      at: contact.at,
      by: contact.aadObjectId,
      action: 'in-contact',
      detail: contact.name,
    });
    return { kind: 'inContact', reference };
  }

  /**
   * Records who took the case, and moves a new case to "Under handläggning", in one transaction with their
   * history entries (re-read and retried when a case edit changed the report in between).
   */
  private async markTaken(
    reportId: string,
    owner: Owner,
    entry: Omit<HistoryEntry, 'at'> = { by: owner.name, action: 'taken', detail: owner.name },
  ): Promise<void> {
    await retryOnConflict(TAKE_ATTEMPTS, async () => {
      const found = await this.deps.reports.getVersioned(reportId);
      // Already recorded (the owner's second press, or two of their presses at once): not twice in the history.
      if (!found || isMarkedTakenBy(found.report, owner)) return;
      const { next, entries } = takenChange(found.report, owner, entry);
      await this.deps.reports.replaceWithHistory(next, found.etag, entries);
    });
  }

  /**
   * Universal Actions refresh: the card as it is now, when that differs from what the viewer's card showed
   * (it was rendered before anyone took the report). Undefined means "keep the card": nobody has taken it
   * yet, or the viewer's role does not cover the report (the facts are not shown to just anyone who asks).
   * The taken card has no refresh, so the client stops asking.
   */
  async refreshedCard(
    user: UserIdentity,
    roles: Role[],
    reportId: string,
    messageId?: string,
  ): Promise<AdaptiveCard | undefined> {
    if (!isGuid(reportId)) return undefined;
    const owner = (await this.deps.owners.get(reportId, 'owner'))?.value;
    if (!owner) return undefined;
    const report = await this.deps.reports.get(reportId);
    if (!report || !mayTake(roles, report.values.victimParty ?? '')) return undefined;
    const deliveries = (await this.deps.deliveries.listPartition(reportId)).map((entry) =>
      readDelivery(entry.value),
    );
    const shown =
      deliveries.find((d) => messageId !== undefined && d.activityId === messageId) ??
      deliveries.find((d) => d.recipient.aadObjectId === user.aadObjectId);
    return this.cardFor(shown, owner).card;
  }

  private async pressedDelivery(reportId: string, messageId: string): Promise<Delivery | undefined> {
    return (await this.deps.deliveries.listPartition(reportId))
      .map((entry) => readDelivery(entry.value))
      .find((d) => d.payload.kind === 'report' && d.activityId === messageId);
  }

  private cardFor(pressed: Delivery | undefined, owner: Owner): { card?: AdaptiveCard } {
    // A digest card lists other reports too: it is never replaced by this one report's card.
    if (!pressed || pressed.payload.kind !== 'report' || pressed.digest) return {};
    return {
      card: alertCard(this.deps.cards, pressed.payload.event, this.deps.locale, {
        owner,
        escalation: pressed.payload.escalation,
      }),
    };
  }

  /** Every delivered alert about the report now says who took it (and loses its button). */
  private async updateAlertCards(reportId: string, owner: Owner, skipMessageId?: string): Promise<void> {
    for (const { value } of await this.deps.deliveries.listPartition(reportId)) {
      const delivery = readDelivery(value);
      const payload = delivery.payload;
      if (payload.kind !== 'report' || delivery.status !== 'delivered' || !delivery.activityId) continue;
      if (delivery.activityId === skipMessageId || delivery.digest) continue; // a digest lists other reports
      const reference = await this.deps.references.find(delivery.recipient.aadObjectId);
      if (!reference) continue;
      const card = alertCard(this.deps.cards, payload.event, this.deps.locale, {
        owner,
        escalation: payload.escalation,
        viewerIds: [viewerIdOf(reference, delivery.recipient.aadObjectId)],
      });
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

/** Whether the report already records this owner's take (markTaken writes the owner row's name and time). */
function isMarkedTakenBy(report: StoredReport, owner: Owner): boolean {
  return report.takenBy?.name === owner.name && report.takenBy.at === owner.at;
}

/** The report as taken by `owner` (a new case is then "Under handläggning"), and its history entries. */
function takenChange(
  report: StoredReport,
  owner: Owner,
  entry: Omit<HistoryEntry, 'at'>,
): { next: StoredReport; entries: HistoryEntry[] } {
  const startsWork = report.status === REPORT_STATUS_RECEIVED;
  const statusEntry: HistoryEntry = {
    at: owner.at,
    by: owner.name,
    action: 'status',
    detail: `${REPORT_STATUS_RECEIVED} → ${REPORT_STATUS_IN_PROGRESS}`,
  };
  return {
    next: {
      ...report,
      status: startsWork ? REPORT_STATUS_IN_PROGRESS : report.status,
      takenBy: { name: owner.name, at: owner.at },
      updatedAt: owner.at,
    },
    entries: [{ at: owner.at, ...entry }, ...(startsWork ? [statusEntry] : [])],
  };
}
