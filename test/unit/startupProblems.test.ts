import assert from 'node:assert/strict';
import { loadConfig, startupProblems } from '../../src/core/config';
import { TEST_CREDENTIALS } from '../support/activities';

describe('start-up refusals (a valid configuration that must not run)', () => {
  it('refuses the embedded Azurite in production (credentials set), in one line naming the settings', () => {
    const problems = startupProblems(loadConfig(TEST_CREDENTIALS));
    assert.equal(problems.length, 1);
    assert.match(
      problems[0]!,
      /^STORAGE_ACCOUNT_URL or STORAGE_CONNECTION_STRING: required when MicrosoftAppId is set/,
    );
  });

  it('accepts production with real storage, and local development on the embedded Azurite', () => {
    assert.deepEqual(
      startupProblems(
        loadConfig({ ...TEST_CREDENTIALS, STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net' }),
      ),
      [],
    );
    assert.deepEqual(startupProblems(loadConfig({})), []);
  });
});
