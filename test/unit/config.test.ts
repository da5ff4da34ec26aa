import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { CONFIG_VARIABLES, loadConfig } from '../../src/core/config';
import { projectRoot } from '../../src/core/paths';
import { problemsOf } from '../support/configProblems';

const CHIEF = 'aaaaaaaa-0000-4000-8000-00000000000a';
const CONTACT = 'aaaaaaaa-0000-4000-8000-00000000000b';
const TENANT = '11111111-2222-3333-4444-555555555555';

describe('configuration', () => {
  it('defaults to local mode on loopback with embedded Azurite and Swedish', () => {
    const config = loadConfig({});
    assert.equal(config.auth.mode, 'local');
    assert.deepEqual(config.server, { host: '127.0.0.1', port: 3978 });
    assert.equal(config.storage.kind, 'embeddedAzurite');
    assert.equal(config.defaultLocale, 'sv');
    assert.deepEqual(config.parties, ['S', 'M', 'C', 'SD', 'KD', 'V', 'L', 'MP']);
    assert.ok(
      config.bodies.includes('Kultur-, fritids- och tekniknämnden'),
      'bodies are ;-separated, commas kept',
    );
  });

  it('refuses a public interface in local mode', () => {
    const problems = problemsOf({ HOST: '0.0.0.0' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^HOST: .*loopback/);
  });

  it('allows any interface once credentials are configured', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      MicrosoftAppId: CHIEF,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
    });
    assert.equal(config.auth.mode, 'cloud');
  });

  it('reports every problem at once, one line each', () => {
    const problems = problemsOf({
      MicrosoftAppId: 'not-a-guid',
      MicrosoftAppType: 'SingleTenant',
      SECURITY_CHIEF_IDS: `${CHIEF},bogus`,
      PARTY_CONTACTS: `S=${CONTACT};XX=${CONTACT};M`,
      ALLOWED_TENANT_IDS: 'nope',
    });
    assert.deepEqual(
      problems.map((p) => p.split(':')[0]),
      [
        'MicrosoftAppId',
        'MicrosoftAppTenantId',
        'MicrosoftAppPassword',
        'SECURITY_CHIEF_IDS',
        'PARTY_CONTACTS',
        'ALLOWED_TENANT_IDS',
        'PARTY_CONTACTS',
      ],
    );
    assert.ok(problems.every((p) => !p.includes('\n')));
  });

  it('rejects a malformed value with the variable name', () => {
    assert.match(problemsOf({ PORT: 'abc' })[0]!, /^PORT: /);
    assert.match(problemsOf({ MicrosoftAppType: 'Whatever' })[0]!, /^MicrosoftAppType: /);
    assert.match(problemsOf({ TABLE_PREFIX: 'has-dash' })[0]!, /^TABLE_PREFIX: /);
  });

  it('needs no password for a user-assigned managed identity, and refuses one', () => {
    const msi = { MicrosoftAppId: CHIEF, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT };
    assert.equal(loadConfig(msi).auth.mode, 'cloud');
    assert.match(problemsOf({ ...msi, MicrosoftAppPassword: 'x' })[0]!, /^MicrosoftAppPassword: /);
  });

  it('parses role seeds case-insensitively and checks party codes', () => {
    const config = loadConfig({
      SECURITY_CHIEF_IDS: CHIEF.toUpperCase(),
      PARTY_CONTACTS: `S=${CONTACT}, ${CHIEF} ; M=${CONTACT}`,
    });
    assert.deepEqual(config.roles.securityChiefIds, [CHIEF]);
    assert.deepEqual(config.roles.partyContacts, { S: [CONTACT, CHIEF], M: [CONTACT] });
    assert.match(problemsOf({ PARTY_CONTACTS: `Q=${CONTACT}` })[0]!, /party "Q" is not in PARTIES/);
  });

  it('turns telemetry on only with a connection string, and reads the managed identity and pseudonym key', () => {
    assert.equal(loadConfig({}).telemetry, undefined);
    const connectionString = `InstrumentationKey=${CHIEF};IngestionEndpoint=https://ingest.example/`;
    assert.deepEqual(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }).telemetry, {
      connectionString,
    });
    assert.deepEqual(
      loadConfig({
        APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString,
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `Authorization=AAD;ClientId=${CONTACT}`,
        TELEMETRY_PSEUDONYM_KEY: 'k'.repeat(32),
      }).telemetry,
      { connectionString, pseudonymKey: 'k'.repeat(32), managedIdentity: { clientId: CONTACT } },
    );
    assert.match(
      problemsOf({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://x/' })[0]!,
      /^APPLICATIONINSIGHTS_CONNECTION_STRING: /,
    );
    assert.match(problemsOf({ TELEMETRY_PSEUDONYM_KEY: 'short' })[0]!, /^TELEMETRY_PSEUDONYM_KEY: /);
  });

  it('chooses storage: connection string, account URL (managed identity), or embedded Azurite', () => {
    assert.equal(
      loadConfig({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).storage.kind,
      'connectionString',
    );
    assert.equal(
      loadConfig({ STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net' }).storage.kind,
      'accountUrl',
    );
    assert.match(
      problemsOf({ STORAGE_CONNECTION_STRING: 'x', STORAGE_ACCOUNT_URL: 'https://a.b' })[0]!,
      /set one, not both/,
    );
  });

  it('alert delivery: the send timeout must be shorter than the claim, and the base delay not above the cap', () => {
    assert.deepEqual(
      problemsOf({ ALERT_SEND_TIMEOUT_MS: '30000', ALERT_CLAIM_MS: '30000' }).map((p) => p.split(':')[0]),
      ['ALERT_SEND_TIMEOUT_MS'],
    );
    assert.deepEqual(
      problemsOf({ ALERT_RETRY_BASE_MS: '5000', ALERT_RETRY_MAX_MS: '1000' }).map((p) => p.split(':')[0]),
      ['ALERT_RETRY_BASE_MS'],
    );
    const config = loadConfig({});
    assert.equal(config.alertDelivery.sendTimeoutMs, 5_000);
    assert.equal(config.alertDelivery.escalateFailingAfterMs, 120_000);
    assert.equal(config.alertDelivery.retry.reportGiveUpAfterMs, 12 * 3_600_000);
    assert.equal(
      config.alertDelivery.fallbackTenant,
      undefined,
      'local mode: no Teams endpoint to fall back to',
    );
  });

  it("falls back to Teams' global serviceUrl and the app's tenant for opening chats, or to what is configured", () => {
    const cloud = {
      MicrosoftAppId: CHIEF,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: TENANT,
      HOST: '0.0.0.0',
    };
    assert.deepEqual(loadConfig(cloud).alertDelivery.fallbackTenant, {
      serviceUrl: 'https://smba.trafficmanager.net/teams/',
      tenantId: TENANT,
    });
    assert.deepEqual(
      loadConfig({ TEAMS_SERVICE_URL: 'http://127.0.0.1:9/', TEAMS_TENANT_ID: TENANT }).alertDelivery
        .fallbackTenant,
      { serviceUrl: 'http://127.0.0.1:9/', tenantId: TENANT },
    );
    assert.deepEqual(
      problemsOf({ TEAMS_SERVICE_URL: 'http://127.0.0.1:9/' }).map((p) => p.split(':')[0]),
      ['TEAMS_SERVICE_URL'],
    );
    assert.deepEqual(
      problemsOf({
        TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/teams/',
        TEAMS_TENANT_ID: TENANT,
      }).map((p) => p.split(':')[0]),
      ['TEAMS_SERVICE_URL'],
      'local mode: loopback only',
    );
  });

  it('.env.example documents every variable and is itself a valid local configuration', () => {
    const example = dotenv.parse(fs.readFileSync(path.join(projectRoot, '.env.example')));
    assert.deepEqual(
      CONFIG_VARIABLES.filter((name) => !(name in example)),
      [],
    );
    const config = loadConfig(example);
    assert.equal(config.auth.mode, 'local');
    assert.equal(config.roles.securityChiefIds.length, 1, 'role seeds point at the Playground users');
  });
});
