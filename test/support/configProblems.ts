import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/core/config';

/** The problems `loadConfig` refuses the environment with (each a line the operator reads), or [] if it loads. */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  return [];
}
