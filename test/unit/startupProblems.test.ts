import assert from 'node:assert/strict';
import { loadConfig, startupProblems } from '../../src/core/config';

const CLOUD = {
  MicrosoftAppId: '00000000-0000-4000-8000-0000000000a1',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '11111111-2222-3333-4444-555555555555',
};

describe('start-up refusals (a valid configuration that must not run)', () => {
  it('refuses the embedded Azurite in production (credentials set), in one line naming the settings', () => {
    const problems = startupProblems(loadConfig(CLOUD));
    assert.equal(problems.length, 1);
    assert.match(
      problems[0]!,
      /^STORAGE_ACCOUNT_URL or STORAGE_CONNECTION_STRING: required when MicrosoftAppId is set/,
    );
  });

  it('accepts production with real storage, and local development on the embedded Azurite', () => {
    assert.deepEqual(
      startupProblems(loadConfig({ ...CLOUD, STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net' })),
      [],
    );
    assert.deepEqual(startupProblems(loadConfig({})), []);
  });
});
