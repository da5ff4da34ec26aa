import { createHash, randomUUID } from 'node:crypto';
import { isSecurityStaff, userKey } from '../core/identity';
import { ConcurrencyError } from '../core/storage';
import type { TurnInput } from '../core/turn';
import {
  answerRisk,
  applyTick,
  buildRecord,
  mayRead,
  progressOf,
  type ItemMark,
  type Meeting,
  type Person,
} from './domain/meeting';
import { validateMeetingForm, type MeetingFormErrors, type MeetingFormValues } from './domain/meetingForm';
import type { MeetingRef, RiskData, TickData } from './meetingActionData';
import type { MeetingRiskNotifier } from './domain/meetingRisk';
import type { UserLimits } from '../core/limits/userLimits';
import type { MeetingStore, Participant } from './meetingStore';

export interface MeetingServiceDeps {
  store: MeetingStore;
  bodies: readonly string[];
  riskNotifier: MeetingRiskNotifier;
  /** Per-person limit on risk marks that alert the security chief. */
  limits: UserLimits;
  now?: () => Date;
}

/** A meeting with its current state, ready to render. */
export interface MeetingView {
  meeting: Meeting;
  marks: ItemMark[];
  participants: Participant[];
}

/** What an operation did to a meeting; the caller reads the state to show (see `view`). */
export type Outcome =
  | { kind: 'ok'; meeting: Meeting; riskNotSent?: true }
  | { kind: 'notFound' }
  | { kind: 'closed'; meeting: Meeting };

/** How many meetings the listing shows, newest first. */
export const LIST_LIMIT = 20;

export const personOf = (turn: TurnInput): Person => ({
  userId: turn.user.userId,
  ...(turn.user.aadObjectId ? { aadObjectId: turn.user.aadObjectId } : {}),
  name: turn.user.name,
});

/**
 * The meeting checklist's operations. Card data is untrusted: ids are validated with zod and the meeting must
 * belong to the conversation the press came from; who did what comes from the turn's authenticated identity.
 */
export class MeetingService {
  private readonly now: () => Date;

  constructor(private readonly deps: MeetingServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Validates the "name the meeting" form and creates the meeting; an invalid form comes back as typed. */
  async create(
    turn: TurnInput,
    values: MeetingFormValues,
  ): Promise<
    | { kind: 'invalid'; values: MeetingFormValues; errors: MeetingFormErrors }
    | { kind: 'created'; view: MeetingView }
    | { kind: 'duplicate' }
  > {
    const result = validateMeetingForm(values, this.deps.bodies, this.now(), turn.locale);
    if (!result.ok) return { kind: 'invalid', values, errors: result.errors };
    const person = personOf(turn);
    const meeting: Meeting = {
      id: meetingIdFor(turn, result.meeting),
      ...result.meeting,
      conversationId: turn.conversation.id,
      conversationKind: turn.conversation.kind,
      createdBy: person,
      createdAt: this.now().toISOString(),
    };
    try {
      await this.deps.store.create(meeting);
    } catch (err) {
      if (err instanceof ConcurrencyError) return { kind: 'duplicate' };
      throw err;
    }
    const participant = await this.participate(meeting.id, turn);
    return { kind: 'created', view: { meeting, marks: [], participants: [participant] } };
  }

  /** Remembers the shared card's message id, so presses on other copies update it too. */
  async rememberCard(meetingId: string, messageId: string): Promise<void> {
    await this.deps.store.update(meetingId, (meeting) => ({ ...meeting, cardMessageId: messageId }));
  }

  /** Ticks or unticks one item (ETag-conditional on that item's own record: no concurrent tick is lost). */
  async tick(turn: TurnInput, { meetingId, itemId, done }: TickData): Promise<Outcome> {
    return this.changeOpenMeeting(turn, meetingId, async (meeting) => {
      const at = this.now().toISOString();
      await this.deps.store.mark(meeting.id, itemId, (current) =>
        applyTick(current, itemId, done, personOf(turn), at),
      );
      // "Avsluta" may have been pressed while this tick was on its way: then its record must include it.
      return (await this.refreshRecord(meeting.id)) ?? meeting;
    });
  }

  /**
   * Rebuilds a finished meeting's record from the marks as they are now (same finisher and time). Both a tick
   * and "Avsluta" call it after their own write, so whichever lands last leaves a record with every tick.
   */
  private async refreshRecord(meetingId: string): Promise<Meeting | undefined> {
    const found = await this.deps.store.get(meetingId);
    if (!found?.value.record) return undefined;
    const { marks } = await this.deps.store.state(meetingId);
    return this.deps.store.update(meetingId, (stored) =>
      stored.record
        ? {
            ...stored,
            record: buildRecord(stored, marks, stored.record.finishedBy, stored.record.finishedAt),
          }
        : stored,
    );
  }

  /**
   * "Finns det förhöjd risk?". A yes makes the Förhöjd risk items required and raises the security chief's
   * alert once per meeting, whoever presses and however often; the meeting records who raised it and when.
   */
  async answerRisk(turn: TurnInput, { meetingId, elevated }: RiskData): Promise<Outcome> {
    let riskNotSent = false;
    const outcome = await this.changeOpenMeeting(turn, meetingId, async (current) => {
      // A new risk mark counts towards the person's limit (the same meeting again is not a new one). Past it
      // the meeting still gets its required risk items; only the chief's alert is not raised again.
      if (elevated && !current.riskAlert) {
        const allowed = await this.deps.limits.take('riskMark', userKey(turn.user), current.id);
        riskNotSent = allowed.kind === 'limited';
      }
      let claimed = false;
      const meeting = await this.deps.store.update(current.id, (stored) => {
        if (stored.record) return stored; // finished meanwhile: the record stands
        if (riskNotSent)
          return {
            ...stored,
            elevatedRisk: true,
            riskAnsweredBy: { person: personOf(turn), at: this.now().toISOString() },
          };
        const answer = answerRisk(stored, elevated, personOf(turn), this.now());
        claimed = answer.claimed;
        return answer.meeting;
      });
      if (!claimed || !meeting.riskAlert) return meeting;
      await this.deps.riskNotifier.notifyMeetingRisk({
        meetingId: meeting.id,
        body: meeting.body,
        date: meeting.date,
        place: plainLine(meeting.place) || '–',
        raisedBy: {
          name: plainLine(meeting.riskAlert.raisedBy.name).slice(0, 200) || meeting.riskAlert.raisedBy.userId,
          ...aad(meeting.riskAlert.raisedBy),
        },
        raisedAt: meeting.riskAlert.raisedAt,
      });
      const notifiedAt = this.now().toISOString();
      return this.deps.store.update(meeting.id, (stored) =>
        stored.riskAlert ? { ...stored, riskAlert: { ...stored.riskAlert, notifiedAt } } : stored,
      );
    });
    return outcome.kind === 'ok' && riskNotSent ? { ...outcome, riskNotSent: true } : outcome;
  }

  /** Finishes the meeting: the done/not-done summary is stored as its record (once; later presses keep it). */
  async finish(turn: TurnInput, { meetingId }: MeetingRef): Promise<Outcome> {
    // Two presses at once both find the meeting open; only the one whose write made the record is "ok" (and
    // posts it), the other is told it is closed. The flag follows the last run of the (retried) update.
    let finishedHere = false;
    const outcome = await this.changeOpenMeeting(turn, meetingId, async (current) => {
      const { marks } = await this.deps.store.state(current.id);
      const at = this.now().toISOString();
      await this.deps.store.update(current.id, (stored) => {
        finishedHere = !stored.record;
        return stored.record ? stored : { ...stored, record: buildRecord(stored, marks, personOf(turn), at) };
      });
      return (await this.refreshRecord(current.id))!;
    });
    return outcome.kind === 'ok' && !finishedHere ? { kind: 'closed', meeting: outcome.meeting } : outcome;
  }

  /** The current state of a meeting of this conversation (the refresh button and Teams' automatic refresh). */
  async current(turn: TurnInput, { meetingId }: MeetingRef): Promise<Outcome> {
    const found = await this.deps.store.get(meetingId);
    if (!found || found.value.conversationId !== turn.conversation.id) return { kind: 'notFound' };
    return { kind: 'ok', meeting: found.value };
  }

  /** One meeting's record (or its state so far) for someone allowed to read it. */
  async read(turn: TurnInput, { meetingId }: MeetingRef): Promise<Outcome> {
    const found = await this.deps.store.get(meetingId);
    if (!found || !this.mayRead(found.value, turn)) return { kind: 'notFound' };
    // Another chat's record is shown only in a 1:1 chat, never posted into a group.
    if (turn.conversation.kind !== 'personal' && found.value.conversationId !== turn.conversation.id)
      return { kind: 'notFound' };
    return { kind: 'ok', meeting: found.value };
  }

  /** Past and current meetings: all of them for the security chief and deputy, otherwise one's own and this chat's. */
  async list(turn: TurnInput): Promise<Array<{ meeting: Meeting; done: number; total: number }>> {
    // Everyone's meetings only in the security staff's 1:1 chat: a group chat sees its own meetings only.
    const personal = turn.conversation.kind === 'personal';
    const filter =
      isSecurityStaff(turn.roles) && personal
        ? ('all' as const)
        : { creator: personal ? personOf(turn) : NOBODY, conversationId: turn.conversation.id };
    const meetings = (await this.deps.store.list(filter)).slice(0, LIST_LIMIT);
    return Promise.all(
      meetings.map(async (meeting) => {
        if (meeting.record) return { meeting, done: meeting.record.done, total: meeting.record.items.length };
        const { marks } = await this.deps.store.state(meeting.id);
        const progress = progressOf(meeting, marks);
        return { meeting, done: progress.done, total: progress.total };
      }),
    );
  }

  private mayRead(meeting: Meeting, turn: TurnInput): boolean {
    return mayRead(meeting, {
      user: personOf(turn),
      isSecurityStaff: isSecurityStaff(turn.roles),
      conversationId: turn.conversation.id,
    });
  }

  /**
   * Runs a change on a meeting of this conversation that is not finished yet, records the presser as a
   * participant (for the card's refresh list), and returns the state to show.
   */
  private async changeOpenMeeting(
    turn: TurnInput,
    id: string,
    change: (meeting: Meeting) => Promise<Meeting>,
  ): Promise<Outcome> {
    const found = await this.deps.store.get(id);
    if (!found || found.value.conversationId !== turn.conversation.id) return { kind: 'notFound' };
    if (found.value.record) return { kind: 'closed', meeting: found.value };
    const [meeting] = await Promise.all([change(found.value), this.participate(id, turn)]);
    return { kind: 'ok', meeting };
  }

  private async participate(meetingId: string, turn: TurnInput): Promise<Participant> {
    const participant = { userId: turn.user.userId, name: turn.user.name, at: this.now().toISOString() };
    await this.deps.store.addParticipant(meetingId, participant);
    return participant;
  }

  /** A meeting's current state, read fresh: the meeting row and its item and participant rows. */
  async view(meetingId: string): Promise<MeetingView | undefined> {
    const [found, { marks, participants }] = await Promise.all([
      this.deps.store.get(meetingId),
      this.deps.store.state(meetingId),
    ]);
    return found && { meeting: found.value, marks, participants };
  }
}

/**
 * The same form pressed twice with the same values (a double click, two devices) is one meeting: its id is
 * derived from the form's message and the values. Changed values, or a new form, make a new meeting.
 */
function meetingIdFor(turn: TurnInput, values: MeetingFormValues): string {
  const formMessageId = turn.action?.messageId;
  if (!formMessageId) return randomUUID();
  const hex = createHash('sha256')
    .update(JSON.stringify([turn.conversation.id, formMessageId, values.body, values.date, values.place]))
    .digest('hex');
  // Shaped as a version-4 UUID (the card payload schema checks for a UUID).
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const aad = (person: Person): { aadObjectId?: string } =>
  person.aadObjectId ? { aadObjectId: person.aadObjectId } : {};

/** Matches no creator: a group chat lists the meetings of that chat only. */
const NOBODY: Person = { userId: '(nobody)', name: '' };

// eslint-disable-next-line no-control-regex -- tabs and line breaks pasted into a name or place
const plainLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
