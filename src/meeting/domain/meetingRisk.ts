/**
 * The contract between the meeting checklist and the alerts capability: when a chair marks elevated risk,
 * the meeting capability calls `notifyMeetingRisk`, and alerts delivers a meeting-risk card to the security
 * chief(s) through the same durable outbox as report alerts. No personal data beyond who raised it.
 */
export interface MeetingRiskAlert {
  /** Stable id of the meeting's checklist; delivering twice for the same id is a no-op. */
  meetingId: string;
  /** The body (nämnd/fullmäktige) as the user chose it from the configured list. */
  body: string;
  /** Meeting date, YYYY-MM-DD. */
  date: string;
  place: string;
  raisedBy: { name: string; aadObjectId?: string };
  /** ISO timestamp. */
  raisedAt: string;
}

export interface MeetingRiskNotifier {
  notifyMeetingRisk(alert: MeetingRiskAlert): Promise<void>;
}
