import type { UserIdentity } from '../../core/identity';
import type { ReportValues } from './validation';

/**
 * A stored report and its events as the other capabilities see them (alerts, cases): plain data, no storage.
 * The report's storage (../reportStore.ts) keeps these shapes.
 */
export const REPORT_STATUS_RECEIVED = 'Mottagen';
/** The status a case gets when someone takes it. */
export const REPORT_STATUS_IN_PROGRESS = 'Under handläggning';

export interface StoredReport {
  id: string;
  reference: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  /** Teams identities from the authenticated activity: the reporter, and the victim when reporting for oneself. */
  reporter: UserIdentity;
  victim?: UserIdentity;
  values: ReportValues;
  /** Who took the case ("Jag tar ärendet") and when: the reporter is told their name. */
  takenBy?: { name: string; at: string };
  /** The security chief's case file (case management); absent until someone works on the case. */
  caseFile?: CaseFile;
}

export interface CaseFile {
  /** Decided measures (the chief's text; the reporter's own answer stays in values.decidedMeasures). */
  measures?: string;
  /** When the case was last closed: retention counts from here. */
  closedAt?: string;
  /** Other report id → the chief's decision on a suggested link. */
  links?: Record<string, 'confirmed' | 'dismissed'>;
  /** Set when retention anonymised the report. */
  anonymisedAt?: string;
  /** Set once the history's names and details are cleared too (a crash in between is finished next run). */
  historyCleared?: boolean;
}

export interface HistoryEntry {
  at: string;
  by: string;
  action: string;
  detail?: string;
}

/** The durable "report submitted" event the alerts capability delivers: no narrative, no personal details. */
export interface ReportSubmittedEvent {
  type: 'report-submitted';
  reportId: string;
  reference: string;
  party: string;
  body: string;
  kinds: string;
  channel: string;
  createdAt: string;
  /**
   * Set when the reporter is past the per-person report limit (a burst): the report is filed as any other,
   * but its alert may wait briefly so the burst reaches the chief as one digest. No personal data.
   */
  burst?: true;
}
