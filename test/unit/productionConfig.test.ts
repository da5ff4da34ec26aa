import assert from 'node:assert/strict';
import { loadConfig } from '../../src/core/config';
import { RoleDirectory } from '../../src/core/identity';
import { problemsOf } from '../support/configProblems';

const APP = 'aaaaaaaa-0000-4000-8000-0000000000a1';
const TENANT = '11111111-2222-3333-4444-555555555555';
const OTHER_TENANT = '99999999-2222-3333-4444-555555555555';
const CHIEF = 'aaaaaaaa-0000-4000-8000-00000000000a';
const SINGLE = {
  MicrosoftAppId: APP,
  MicrosoftAppPassword: 'secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT,
};

/** Findings 5 and 9 (issue 13): production configuration that is refused, and tenant-bound roles. */
describe('production configuration (credentials set)', () => {
  it('restricts tenants to MicrosoftAppTenantId when ALLOWED_TENANT_IDS is empty', () => {
    assert.deepEqual(loadConfig(SINGLE).allowedTenantIds, [TENANT]);
    assert.deepEqual(loadConfig({ ...SINGLE, ALLOWED_TENANT_IDS: OTHER_TENANT }).allowedTenantIds, [
      OTHER_TENANT,
    ]);
  });

  it('refuses a MultiTenant registration without ALLOWED_TENANT_IDS', () => {
    const problems = problemsOf({
      MicrosoftAppId: APP,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'MultiTenant',
      HOST: '0.0.0.0',
    });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /^ALLOWED_TENANT_IDS: required/);
  });

  it('refuses an http:// PUBLIC_BASE_URL', () => {
    const problems = problemsOf({ ...SINGLE, PUBLIC_BASE_URL: 'http://bot.falkenberg.se' });
    assert.match(problems.join('\n'), /^PUBLIC_BASE_URL: .*https/);
    assert.deepEqual(problemsOf({ ...SINGLE, PUBLIC_BASE_URL: 'https://bot.falkenberg.se' }), []);
  });

  it('refuses a weak DOWNLOAD_LINK_SECRET ("a" × 32, a word repeated) and takes a random one', () => {
    for (const weak of ['a'.repeat(32), 'password'.repeat(4), 'Sommar2026!Sommar2026!Sommar2026!'])
      assert.match(problemsOf({ DOWNLOAD_LINK_SECRET: weak }).join('\n'), /^DOWNLOAD_LINK_SECRET: /, weak);
    assert.deepEqual(
      problemsOf({ DOWNLOAD_LINK_SECRET: 'q8Vn3kT0z+Yb1mXcR7uWl5sPd2HfJa9eLg4oKi6Nw0E=' }),
      [],
    );
  });

  it('gives roles only to people of an allowed tenant', () => {
    const seeds = { securityChiefIds: [CHIEF], securityDeputyIds: [], partyContacts: {} };
    const roles = new RoleDirectory(seeds, [TENANT]);
    assert.deepEqual(roles.rolesOf({ aadObjectId: CHIEF, tenantId: TENANT }), [{ kind: 'securityChief' }]);
    assert.deepEqual(roles.rolesOf({ aadObjectId: CHIEF, tenantId: OTHER_TENANT }), []);
    assert.deepEqual(roles.rolesOf({ aadObjectId: CHIEF }), []);
  });
});
