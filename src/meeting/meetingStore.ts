import { userKey } from '../core/identity';
import { createHash } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { Repository, type TableService, type Versioned } from '../core/storage';
import type { ItemMark, Meeting, Person } from './domain/meeting';

/** The meeting with the short ASCII columns the listing filters on. */
type StoredMeeting = Meeting & { creator: string; conv: string };

/** Someone who pressed a button on the meeting's card: Teams refreshes the card for them (refresh.userIds). */
export interface Participant {
  userId: string;
  name: string;
  at: string;
}

type MarkRow = ItemMark | Participant;

const MEETINGS = 'meetings';
const ITEM = 'item-';
const USER = 'user-';
/** Teams accepts at most 60 userIds in a card's refresh. */
export const MAX_REFRESH_USERS = 60;

const conversationKey = (conversationId: string): string =>
  createHash('sha256').update(conversationId).digest('base64url').slice(0, 22);

/**
 * Meetings and their checklist state in Table Storage. The meeting itself is one row in table `Meetings`
 * (one partition: a municipality has hundreds of meetings a year, and the listing reads them together).
 * Each item's state is its own row in table `MeetingMarks`, partition = the meeting: ticks on different
 * items never touch the same row, so people ticking at once never wait on each other or retry, and two
 * presses on the same item meet in an ETag-conditional update. Participants are rows there too (upserts),
 * so recording who interacted costs no contended write either.
 */
export class MeetingStore {
  private readonly meetings: Repository<StoredMeeting>;
  private readonly marks: Repository<MarkRow>;

  constructor(tables: TableService) {
    this.meetings = new Repository<StoredMeeting>(() => tables.table('Meetings'), ['creator', 'conv']);
    this.marks = new Repository<MarkRow>(() => tables.table('MeetingMarks'));
  }

  async create(meeting: Meeting): Promise<void> {
    await this.meetings.create(MEETINGS, meeting.id, this.stored(meeting));
  }

  async get(meetingId: string): Promise<Versioned<Meeting> | undefined> {
    const found = await this.meetings.get(MEETINGS, meetingId);
    return found && { value: withoutColumns(found.value), etag: found.etag };
  }

  /** Read-modify-write of the meeting row with ETag retries; `change` may run more than once. */
  async update(meetingId: string, change: (meeting: Meeting) => Meeting): Promise<Meeting> {
    const result = await this.meetings.update(MEETINGS, meetingId, (current) => {
      if (!current) throw new Error(`meeting ${meetingId} does not exist`);
      return this.stored(change(withoutColumns(current)));
    });
    return withoutColumns(result.value);
  }

  /**
   * Sets one item's mark with an ETag-conditional update; `change` returns undefined to leave it as it is.
   * Returns the mark as stored afterwards.
   */
  async mark(
    meetingId: string,
    itemId: string,
    change: (current: ItemMark | undefined) => ItemMark | undefined,
  ): Promise<ItemMark | undefined> {
    const stored = await this.marks.updateIf(meetingId, ITEM + itemId, (current) =>
      change(current as ItemMark | undefined),
    );
    return stored?.value as ItemMark | undefined;
  }

  async addParticipant(meetingId: string, participant: Participant): Promise<void> {
    await this.marks.upsert(meetingId, USER + participant.userId, participant);
  }

  /** The meeting's item marks and the people who interacted (most recent first, at most 60). */
  async state(meetingId: string): Promise<{ marks: ItemMark[]; participants: Participant[] }> {
    const rows = await this.marks.listPartition(meetingId);
    const marks = rows.filter((row) => row.row.startsWith(ITEM)).map((row) => row.value as ItemMark);
    const participants = rows
      .filter((row) => row.row.startsWith(USER))
      .map((row) => row.value as Participant)
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, MAX_REFRESH_USERS);
    return { marks, participants };
  }

  /** Every meeting (for the security chief), or those the person created or that belong to this conversation. */
  async list(filter: 'all' | { creator: Person; conversationId: string }): Promise<Meeting[]> {
    const query =
      filter === 'all'
        ? odata`PartitionKey eq ${MEETINGS}`
        : odata`PartitionKey eq ${MEETINGS} and (creator eq ${userKey(filter.creator)} or conv eq ${conversationKey(filter.conversationId)})`;
    const rows = await this.meetings.query(query);
    return rows
      .map((row) => withoutColumns(row.value))
      .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));
  }

  private stored(meeting: Meeting): StoredMeeting {
    return {
      ...withoutColumns(meeting as StoredMeeting),
      creator: userKey(meeting.createdBy),
      conv: conversationKey(meeting.conversationId),
    };
  }
}

function withoutColumns(meeting: Meeting | StoredMeeting): Meeting {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { creator, conv, ...rest } = meeting as StoredMeeting;
  return rest;
}
