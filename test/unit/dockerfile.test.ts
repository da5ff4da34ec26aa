import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { validate } from 'dockerfile-utils';
import { projectRoot } from '../../src/core/paths';

const dockerfile = fs.readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8');

/** Instructions with their arguments, continuation lines joined, comments dropped. */
function instructions(source: string): Array<{ keyword: string; args: string }> {
  return source
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/**
 * No image can be built here, so the Dockerfile is linted (dockerfile-utils, the validator behind the
 * Dockerfile language server) and its structure checked; test/integration/cleanClone.test.ts runs its steps.
 */
describe('Dockerfile', () => {
  it('passes the linter with no problem at all (and the linter does find problems)', () => {
    assert.deepEqual(
      validate(dockerfile).map((d) => `${d.range.start.line + 1}: ${d.message}`),
      [],
    );
    assert.ok(validate('FROM node:20\nEXPOSE abc\nCOPY x\n').length >= 2, 'the linter is not a no-op');
  });

  it('builds with dev dependencies, then runs with production ones only, as a non-root user', () => {
    const all = instructions(dockerfile);
    const stages = all.filter((i) => i.keyword === 'FROM');
    assert.equal(stages.length, 2, 'build and runtime stages');
    const runtimeStart = all.lastIndexOf(stages[1]!);
    const build = all.slice(0, runtimeStart);
    const runtime = all.slice(runtimeStart);
    assert.ok(build.some((i) => i.keyword === 'RUN' && i.args.includes('npm ci')));
    assert.ok(build.some((i) => i.keyword === 'RUN' && /npm run build && npm prune --omit=dev/.test(i.args)));
    assert.ok(
      !runtime.some((i) => i.keyword === 'RUN' && /npm (ci|install)/.test(i.args)),
      'no install in runtime',
    );
    const user = runtime.filter((i) => i.keyword === 'USER').at(-1);
    assert.ok(user && !/^(root|0)$/.test(user.args), 'runs as a non-root user');
    assert.ok(runtime.some((i) => i.keyword === 'EXPOSE' && /^\d+$/.test(i.args)));
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK');
    assert.ok(healthcheck?.args.includes('/livez'), 'health check on the liveness endpoint');
    assert.equal(runtime.find((i) => i.keyword === 'CMD')?.args, '["node", "dist/src/index.js"]');
    // What the running bot reads besides node_modules and dist (see projectRoot uses in src/).
    for (const needed of [
      '/app/dist/src',
      '/app/dist/models',
      '/app/cards',
      '/app/assets',
      '/app/src/guidance/data',
    ])
      assert.ok(
        runtime.some((i) => i.keyword === 'COPY' && i.args.includes(needed)),
        `runtime stage copies ${needed}`,
      );
  });

  it('.dockerignore keeps local state, secrets and build output out of the build context', () => {
    const ignored = fs.readFileSync(path.join(projectRoot, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', '.env', '.data', '.git', 'dist', 'artifacts'])
      assert.ok(ignored.includes(entry), `.dockerignore: ${entry}`);
  });
});
