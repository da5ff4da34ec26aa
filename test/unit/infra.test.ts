import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '../../src/core/config';
import { projectRoot } from '../../src/core/paths';
import { npmStartFlags } from '../../scripts/tooling';
import { METRICS } from '../../src/core/telemetry';
import { startBot, type RunningBot } from '../support/botHarness';

const INFRA = path.join(projectRoot, 'infra');
const bicep = fs.readFileSync(path.join(INFRA, 'main.bicep'), 'utf8');
const dockerfile = fs.readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8');
const paramFiles = fs.readdirSync(INFRA).filter((file) => file.endsWith('.bicepparam'));

/**
 * Azure built-in role definition ids (the same in every tenant), from Microsoft's list of built-in roles
 * ("Storage Table Data Contributor", "Monitoring Metrics Publisher").
 */
const BUILT_IN_ROLES = {
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
};

/** App settings the platform, the SDKs or Node itself (NODE_OPTIONS: V8 flags) read, not the bot's configuration. */
const PLATFORM_SETTINGS = new Set(['AZURE_CLIENT_ID', 'SCM_DO_BUILD_DURING_DEPLOYMENT', 'NODE_OPTIONS']);

interface Param {
  name: string;
  secure: boolean;
  defaultValue?: string;
}

/** `param name type [= default]`, with `@secure()` among the decorators above it. */
function declaredParams(source: string): Param[] {
  const params: Param[] = [];
  const lines = source.split('\n');
  lines.forEach((line, index) => {
    const match = /^param (\w+) \w+(?: = (.+))?$/.exec(line.trim());
    if (!match) return;
    let secure = false;
    for (let above = index - 1; above >= 0 && lines[above]!.trim().startsWith('@'); above--)
      if (lines[above]!.trim() === '@secure()') secure = true;
    params.push({ name: match[1]!, secure, ...(match[2] ? { defaultValue: match[2] } : {}) });
  });
  return params;
}

/** `param name = value` assignments of a .bicepparam file. */
function assignedParams(file: string): Map<string, string> {
  const source = fs.readFileSync(path.join(INFRA, file), 'utf8');
  return new Map(
    [...source.matchAll(/^param (\w+) = (.+)$/gm)].map((match) => [match[1]!, match[2]!.trim()] as const),
  );
}

/** `{ name: 'X', value: <expression> }` entries of the site's appSettings (one-line or two-line form). */
function appSettings(): Map<string, string> {
  const block = /appSettings: \[([\s\S]*?)\n {6}\]/.exec(bicep)?.[1] ?? '';
  return new Map(
    [...block.matchAll(/name: '([^']+)'\s*,?\s*\n?\s*value: (.+?)\s*(?:}|\n)/g)].map(
      (match) => [match[1]!, match[2]!.trim()] as const,
    ),
  );
}

const unquote = (literal: string): string | undefined => /^'([^'$]*)'$/.exec(literal)?.[1];

/** A value the deployment would put there: the literal, the parameter's, or a sample of the same kind. */
function resolve(expression: string, params: Map<string, string>, declared: Param[]): string {
  const literal = unquote(expression);
  if (literal !== undefined) return literal;
  const param = declared.find((p) => p.name === expression);
  if (param) {
    const assigned = params.get(param.name) ?? param.defaultValue;
    if (assigned === undefined) throw new Error(`parameter ${param.name} has no value`);
    // A secret at deploy time: random, as the runbook tells the admin to make it (a predictable one is refused).
    if (assigned.startsWith('readEnvironmentVariable(')) return randomBytes(32).toString('base64');
    if (unquote(assigned) !== undefined) return unquote(assigned)!;
    if (/^\d+$/.test(assigned)) return assigned;
    if (/tenantId/i.test(assigned)) return '00000000-0000-4000-8000-000000000004'; // subscription().tenantId
    throw new Error(`no sample for parameter ${param.name} = ${assigned}`);
  }
  if (/^string\((\w+)\)$/.test(expression)) {
    const inner = /^string\((\w+)\)$/.exec(expression)![1]!;
    return resolve(inner, params, declared);
  }
  if (expression.includes('ConnectionString'))
    return 'InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=https://ingest.example/';
  if (expression.includes('.table.')) return 'https://account.table.core.windows.net';
  if (expression.startsWith("'https://")) return 'https://bot.example';
  if (expression.startsWith("'Authorization=AAD;ClientId="))
    return 'Authorization=AAD;ClientId=00000000-0000-4000-8000-000000000002';
  if (/clientId|tenantId/i.test(expression)) return '00000000-0000-4000-8000-000000000003';
  throw new Error(`no sample for ${expression}`);
}

describe('infrastructure as code (infra/main.bicep, offline checks)', () => {
  const declared = declaredParams(bicep);

  it('declares parameters, and uses every one it declares', () => {
    assert.ok(declared.length >= 8);
    for (const { name } of declared) {
      const uses = bicep.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
      assert.ok(uses >= 2, `parameter ${name} is declared but never used`);
    }
  });

  it('has a parameter file per environment that sets only declared, non-secret parameters and every required one', () => {
    assert.deepEqual(paramFiles.sort(), ['prod.bicepparam', 'test.bicepparam']);
    for (const file of paramFiles) {
      const source = fs.readFileSync(path.join(INFRA, file), 'utf8');
      assert.match(source, /^using '\.\/main\.bicep'$/m, `${file} is bound to main.bicep`);
      const assigned = assignedParams(file);
      for (const name of assigned.keys())
        assert.ok(
          declared.some((p) => p.name === name),
          `${file}: ${name} is not a parameter of main.bicep`,
        );
      for (const param of declared.filter((p) => p.defaultValue === undefined))
        assert.ok(assigned.has(param.name), `${file}: required parameter ${param.name} is missing`);
      for (const param of declared.filter((p) => p.secure))
        assert.match(
          assigned.get(param.name) ?? '',
          /^readEnvironmentVariable\('TRYGG_[A-Z_]+'\)$/,
          `${file}: secret ${param.name} must come from the environment`,
        );
      assert.doesNotMatch(
        source,
        /AccountKey=|SharedAccessSignature|InstrumentationKey=|password|[?&]sig=|[A-Za-z0-9+/]{40,}={0,2}/i,
        `${file} holds something that looks like a secret`,
      );
    }
  });

  it('gives the app every setting its configuration requires, and each environment yields a valid cloud configuration', () => {
    const settings = appSettings();
    for (const name of settings.keys())
      assert.ok(
        CONFIG_VARIABLES.includes(name) || PLATFORM_SETTINGS.has(name),
        `app setting ${name} is not read by the bot`,
      );
    for (const file of paramFiles) {
      const params = assignedParams(file);
      const env = Object.fromEntries(
        [...settings].map(([name, expression]) => [name, resolve(expression, params, declared)]),
      );
      const config = loadConfig(env); // throws with one line per missing or invalid setting
      assert.equal(config.server.host, '0.0.0.0');
      assert.deepEqual(config.auth.mode === 'cloud' && config.auth.appType, 'UserAssignedMSI');
      assert.equal(config.storage.kind, 'accountUrl', 'storage through the managed identity, no key');
      assert.ok(config.allowedTenantIds.length === 1, 'only the own tenant');
      assert.ok(config.roles.securityChiefIds.length >= 1, `${file}: a security chief`);
      assert.ok(config.telemetry?.managedIdentity?.clientId, 'telemetry signs in as the identity');
      assert.ok(config.cases.downloadLinkSecret && config.cases.publicBaseUrl);
    }
  });

  it("runs Node with npm start's flags in App Service and the container (the bundle's code cache needs them)", () => {
    const flags = npmStartFlags().join(' ');
    assert.ok(flags.includes('--max-old-space-size'), flags);
    assert.match(bicep, new RegExp(`name: 'NODE_OPTIONS', value: '${flags}'`));
    assert.ok(dockerfile.includes(`NODE_OPTIONS="${flags}"`), 'Dockerfile NODE_OPTIONS');
  });

  it('sets NODE_OPTIONS to flags Node accepts there (it refuses some V8 flags in NODE_OPTIONS and exits)', () => {
    const deployed = [
      /NODE_OPTIONS="([^"]*)"/.exec(dockerfile)?.[1],
      /name: 'NODE_OPTIONS', value: '([^']*)'/.exec(bicep)?.[1],
    ];
    for (const options of deployed) {
      assert.ok(options, 'NODE_OPTIONS is set');
      const run = spawnSync(process.execPath, ['-e', '0'], {
        env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: options },
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, `${options}: ${run.stderr}`);
    }
  });

  it('assigns the right built-in roles to the identity', () => {
    for (const [role, id] of Object.entries(BUILT_IN_ROLES)) {
      const variable = new RegExp(`^var (\\w+) = '${id}'`, 'm').exec(bicep)?.[1];
      assert.ok(variable, `${role} (${id}) is defined`);
      assert.match(
        bicep,
        new RegExp(
          `roleDefinitionId: subscriptionResourceId\\('Microsoft.Authorization/roleDefinitions', ${variable}\\)`,
        ),
        `${role} is assigned`,
      );
    }
    const roleIds = [
      ...bicep.matchAll(/'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'/g),
    ].map((m) => m[1]);
    assert.deepEqual([...new Set(roleIds)].sort(), Object.values(BUILT_IN_ROLES).sort(), 'no other role ids');
  });

  it('hosts as the issue asks: Linux, Node 20, always on, https only, TLS 1.2, no shared keys, Teams channel', () => {
    for (const required of [
      "linuxFxVersion: 'NODE|20-lts'",
      'alwaysOn: true',
      'httpsOnly: true',
      "minTlsVersion: '1.2'",
      'allowSharedKeyAccess: false',
      "minimumTlsVersion: 'TLS1_2'",
      "msaAppType: 'UserAssignedMSI'",
      'msaAppMSIResourceId: identity.id',
      "channelName: 'MsTeamsChannel'",
      'DisableLocalAuth: true',
      "type: 'UserAssigned'",
    ])
      assert.ok(bicep.includes(required), `main.bicep: ${required}`);
  });

  it('alerts on dead or unreachable deliveries, a stale outbox heartbeat and 5xx, on metrics the bot emits', () => {
    assert.ok(bicep.includes("metricName: 'Http5xx'"));
    const queried = [...bicep.matchAll(/name == "([\w.]+)"/g)].map((m) => m[1]);
    assert.deepEqual(queried.sort(), [METRICS.deliveries, METRICS.passes].sort());
    assert.match(bicep, /in \("dead", "unreachable"\)/);
  });

  describe('the health check path', function () {
    this.timeout(90_000); // the app trains its matcher on start
    let bot: RunningBot | undefined;
    after(async () => bot?.stop());

    it('is one the app serves', async () => {
      const healthCheckPath = /^var healthCheckPath = '([^']+)'/m.exec(bicep)?.[1];
      assert.ok(healthCheckPath?.startsWith('/'));
      // App Service replaces instances that fail its health check: liveness only, or a storage outage would
      // restart every instance (readiness is /readyz, which asks storage).
      assert.equal(healthCheckPath, '/livez');
      assert.match(bicep, /healthCheckPath: healthCheckPath/);
      bot = await startBot();
      assert.equal((await fetch(`${bot.url}${healthCheckPath}`)).status, 200);
    });
  });
});
