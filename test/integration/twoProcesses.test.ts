import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { TableService } from '../../src/core/storage';
import { ReportStore } from '../../src/report/reportStore';
import { type TestUser } from '../support/activities';
import { chief, contactS, deputy, install, submitReport } from '../support/alertPeople';
import {
  freePort,
  processClient,
  spawnBot,
  stopBots,
  waitHealthy,
  type BotProcess,
} from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { testAzurite } from '../support/rootHooks';

const REPORTS = 8;
/** A single reminder says "Påminnelse: ingen har tagit ärendet", a digest of reminders "· Påminnelse" per report. */
const REMINDER = 'Påminnelse';

/**
 * Two real bot processes (`node dist/src/index.js`) against one Azurite and one connector, as several
 * instances behind Azure Bot Service would run: each outbox worker and escalation scheduler claims work with
 * ETag-conditional updates, so every alert is sent once and every report escalates once.
 */
describe('two bot processes, one storage account', function () {
  this.timeout(120_000);
  let connector: FakeConnector;
  const processes: BotProcess[] = [];

  after(async () => {
    await stopBots(processes);
    await connector?.stop();
  });

  it(`delivers every alert exactly once and escalates every report once (${REPORTS} reports)`, async () => {
    connector = await new FakeConnector().start();
    const prefix = `t2p${randomBytes(4).toString('hex')}`;
    const env = {
      HOST: '127.0.0.1',
      STORAGE_CONNECTION_STRING: testAzurite().connectionString,
      TABLE_PREFIX: prefix,
      SECURITY_CHIEF_IDS: chief.aadObjectId,
      SECURITY_DEPUTY_IDS: deputy.aadObjectId,
      PARTY_CONTACTS: `S=${contactS.aadObjectId}`,
      ALERT_POLL_MS: '100',
      ESCALATE_AFTER_SECONDS: '4',
    };
    for (let i = 0; i < 2; i++) processes.push(spawnBot({ ...env, PORT: String(await freePort()) }));
    await Promise.all(processes.map((bot) => waitHealthy(bot.url)));

    // Turns alternate between the processes (Azure Bot Service spreads them), state lives in storage.
    const balanced = processClient(processes, connector);
    const chats = {
      chief: await install(balanced, chief),
      contact: await install(balanced, contactS),
      deputy: await install(balanced, deputy),
    };
    const reporters: TestUser[] = Array.from({ length: REPORTS }, (_, i) => ({
      id: `29:reporter-${i}`,
      aadObjectId: `aaaaaaaa-0000-4000-8000-${String(100 + i).padStart(12, '0')}`,
      name: `Reporter ${i}`,
    }));
    const references = await Promise.all(reporters.map((reporter) => submitReport(balanced, reporter)));
    assert.equal(new Set(references).size, REPORTS);

    const sent = (conversationId: string, marker: string) =>
      connector.calls
        .filter((c) => c.method === 'POST' && c.conversationId === conversationId)
        .map((c) => JSON.stringify(c.activity))
        .filter((json) => json.includes(marker));
    const perReference = (conversationId: string, reminder: boolean) =>
      references.map(
        (reference) =>
          sent(conversationId, reference).filter(
            // A single alert ("Ny incidentrapport") or a digest ("3 nya incidentrapporter").
            (json) => /[Nn]ya? incidentrapport/.test(json) && json.includes(REMINDER) === reminder,
          ).length,
      );
    const everyOnce = () =>
      [
        perReference(chats.chief, false),
        perReference(chats.contact, false),
        perReference(chats.chief, true),
        perReference(chats.deputy, true),
      ].every((counts) => counts.every((n) => n >= 1));
    await connector.waitFor(everyOnce, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // time for a duplicate to show up, if any

    const counts = {
      chiefAlerts: perReference(chats.chief, false),
      contactAlerts: perReference(chats.contact, false),
      chiefReminders: perReference(chats.chief, true),
      deputyAlerts: perReference(chats.deputy, true),
    };
    const deliveries = Object.values(counts).flat();
    const duplicates = deliveries.filter((n) => n > 1).length;
    const byProcess = processes.map((bot) => (bot.output().match(/"msg":"alert delivery"/g) ?? []).length);
    console.log(
      `      ${deliveries.reduce((a, b) => a + b, 0)} alert cards at the connector for ${REPORTS} reports ` +
        `(sent by process A: ${byProcess[0]}, B: ${byProcess[1]}), duplicates: ${duplicates}`,
    );
    for (const [who, perReport] of Object.entries(counts))
      assert.deepEqual(perReport, Array(REPORTS).fill(1), `${who}: exactly one per report`);

    const store = new ReportStore(() =>
      TableService.fromConfig(
        { kind: 'connectionString', connectionString: testAzurite().connectionString },
        prefix,
      ).table('Reports'),
    );
    for (const reporter of reporters) {
      const [report] = await store.byReporter(reporter.aadObjectId);
      const history = await store.history(report!.id);
      assert.equal(history.filter((h) => h.action === 'escalated').length, 1, 'escalated once');
    }
  });
});
