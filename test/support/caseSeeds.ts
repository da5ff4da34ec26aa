import { randomUUID } from 'node:crypto';
import type { TestUser } from './activities';
import type { ReportStore, StoredReport } from '../../src/report/reportStore';

type Json = Record<string, unknown>;

/** Seeded references count up, so two seeded reports never share one (a random pick could collide). */
let seededReports = 0;

/**
 * A stored report, written the way a submit writes it (report + history + event in one transaction); its first
 * history entry names the reporter by object id, as older code wrote it.
 */
export async function seedReport(
  store: ReportStore,
  over: Partial<StoredReport> & { values: Json },
  reporter: TestUser,
) {
  const id = over.id ?? randomUUID();
  const createdAt = over.createdAt ?? new Date().toISOString();
  const reference = over.reference ?? `IR-2026-${String(1000 + (seededReports++ % 9000))}`;
  const report: StoredReport = {
    id,
    reference,
    status: over.status ?? 'Mottagen',
    createdAt,
    updatedAt: createdAt,
    reporter: { userId: reporter.id, aadObjectId: reporter.aadObjectId, name: reporter.name },
    values: { reporterName: reporter.name, reportingFor: 'self', ...over.values } as Record<string, string>,
    ...(over.caseFile ? { caseFile: over.caseFile } : {}),
  };
  await store.createSubmitted(
    report,
    {
      type: 'report-submitted',
      reportId: id,
      reference,
      party: '',
      body: '',
      kinds: '',
      channel: '',
      createdAt,
    },
    { at: createdAt, by: reporter.aadObjectId, action: 'submitted' },
  );
  return report;
}
