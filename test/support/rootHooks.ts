import { randomBytes } from 'node:crypto';
import { TableService } from '../../src/core/storage';
import { startInProcessAzurite, type RunningAzurite } from './azurite';

/**
 * One Azurite for the whole run (started in this process, in memory). Each test gets its own table prefix,
 * so tests never see each other's data without restarting the emulator.
 */
let azurite: RunningAzurite | undefined;

export function testAzurite(): RunningAzurite {
  if (!azurite) throw new Error('Azurite is not running: is the root hook loaded (.mocharc.json "require")?');
  return azurite;
}

/** A TableService on the test Azurite with a fresh, unique table prefix. */
export function freshTables(): TableService {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  return TableService.fromConfig(
    { kind: 'connectionString', connectionString: testAzurite().connectionString },
    prefix,
  );
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(30_000);
    azurite = await startInProcessAzurite();
  },
  async afterAll() {
    await azurite?.stop();
    azurite = undefined;
  },
};
