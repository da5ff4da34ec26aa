import assert from 'node:assert/strict';
import { retentionSweeps } from '../../src/app';
import { RetentionJob, type RetentionLogEntry } from '../../src/cases/retentionJob';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logging/logger';
import { Repository } from '../../src/core/storage';
import { ReportStore } from '../../src/report/reportStore';
import { LogCapture } from '../support/botHarness';
import { freshTables } from '../support/rootHooks';

/**
 * Finding 4 (issue 13): every table that holds personal data has a retention rule, and the job covers them
 * all. Seeds a row in each, runs the job as if years had passed, and checks each table is empty, while the
 * report table (closed cases follow RETENTION_DAYS, open ones are never removed) is left to its own rule.
 */
describe('retention covers every table with personal data', function () {
  this.timeout(60_000);

  it('removes old rows from drafts, questions, deliveries, owners, access log, references and the rest', async () => {
    const tables = freshTables();
    const config = loadConfig({});
    const sweeps = retentionSweeps(config);
    const inventory = sweeps.map((s) => s.table).sort();
    for (const table of [
      'ReportDrafts',
      'ChiefQuestions',
      'AlertDeliveries',
      'ReportOwners',
      'CaseAccessLog',
    ])
      assert.ok(inventory.includes(table), `${table} has a rule`);
    for (const { table } of sweeps)
      await new Repository<{ name: string }>(() => tables.table(table)).upsert('p', 'r', {
        name: 'Anna Förtroendevald',
      });
    const openReport = new Repository<{ status: string }>(() => tables.table('Reports'));
    await openReport.upsert('report-1', 'report', { status: 'Under handläggning' });
    const years = 3 * 365 * 86_400_000;
    const job = new RetentionJob({
      reports: new ReportStore(() => tables.table('Reports')),
      log: new Repository<RetentionLogEntry>(() => tables.table('RetentionLog')),
      rule: { days: config.cases.retention.days, action: 'anonymise' },
      logger: createLogger('info', new LogCapture()),
      sweeps: sweeps.map((s) => ({ ...s, client: () => tables.table(s.table) })),
      now: () => new Date(Date.now() + years),
    });
    await job.runOnce();
    for (const { table } of sweeps) {
      let left = 0;
      for await (const row of (await tables.table(table)).listEntities()) if (row) left++;
      assert.equal(left, 0, `${table} is clean`);
    }
    assert.ok(await openReport.get('report-1', 'report'), 'the open case is not touched by the sweeps');
  });

  it('keeps rows younger than their rule', async () => {
    const tables = freshTables();
    const sweeps = retentionSweeps(loadConfig({}));
    await new Repository<{ n: number }>(() => tables.table('ChiefQuestions')).upsert('q', 'question', {
      n: 1,
    });
    const job = new RetentionJob({
      reports: new ReportStore(() => tables.table('Reports')),
      log: new Repository<RetentionLogEntry>(() => tables.table('RetentionLog')),
      rule: { days: 730, action: 'anonymise' },
      logger: createLogger('info', new LogCapture()),
      sweeps: sweeps.map((s) => ({ ...s, client: () => tables.table(s.table) })),
    });
    const removed = await job.sweep();
    assert.equal(removed.ChiefQuestions, 0);
  });
});
