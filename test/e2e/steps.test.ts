/** The e2e step helpers, without an engine: first lines of failures, and which step a failure names. */
import { describe, expect, it } from '@jest/globals';
import { OUTPUT_LINES, StepProblem, generateFailureStep, stepFailure, stepRunner, verifyFailure } from './support/steps.js';

const PLOP_LOCK_FAILURE =
  '\u001b[33m-\u001b[39m \n\u001b[31m✖\u001b[39m  \u001b[33m->\u001b[39m lockfile: packages/x/package-lock.json is missing, and the image installs from it with `npm ci`; run `npm install` in packages/x and commit it\n\u001b[33m-\u001b[39m ';

const table = (...rows: string[]) =>
  ['x:latest', '  pass  size         147.4 MB (budget 500 MB)', ...rows, `${rows.filter((row) => row.includes('FAIL')).length} check(s) failed`].join('\n');

describe('e2e steps', () => {
  it('names the case and the step in the first line, then the last lines of output', async () => {
    const output = Array.from({ length: 100 }, (_, line) => `line ${line + 1}`).join('\n');
    const failing = stepRunner('e2e-x')('build', () => Promise.reject(new StepProblem('exit code 1', output)));
    const message = await failing.then(() => '', (error: Error) => error.message);
    const lines = message.split('\n');
    expect(lines[0]).toBe('e2e-x: build failed (exit code 1)');
    expect(lines[1]).toBe(`output, last ${OUTPUT_LINES} of 100 lines:`);
    expect(lines.slice(2)).toEqual(Array.from({ length: OUTPUT_LINES }, (_, line) => `  | line ${100 - OUTPUT_LINES + line + 1}`));
  });

  it('reports an assertion inside a step as that step failing', () => {
    let thrown: unknown;
    try {
      expect('abc').toContain('all checks passed');
    } catch (error) {
      thrown = error;
    }
    expect(stepFailure('e2e-x', 'verify', thrown).message.split('\n')[0]).toBe('e2e-x: verify failed (assertion failed)');
  });

  it('calls a generator failure from the lockfile step `lock`', () => {
    expect(generateFailureStep(PLOP_LOCK_FAILURE)).toBe('lock');
    expect(generateFailureStep('dockwright service: lockfile: packages/x/go.sum fails `go mod verify`')).toBe('lock');
    expect(generateFailureStep('\u001b[31m✖\u001b[39m  -> --stack: unknown stack "cobol"')).toBe('generate');
  });

  it('names verify sub-steps: build (Nx builds first), run, health, verify', () => {
    const step = (all: string) => verifyFailure({ exitCode: 1, all }).step;
    expect(step('dockwright verify-image: docker run failed: Error response from daemon: no command specified')).toBe('run');
    expect(step(table('  FAIL  healthy      unhealthy after 42 s', '  pass  stop         0.4 s, exit 0'))).toBe('health');
    expect(step(table('  pass  healthy      healthy after 2 s', '  FAIL  endpoint     GET /health → 404'))).toBe('health');
    expect(step(table('  FAIL  user         root (no USER: runs as root)', '  FAIL  stop         10.2 s, exit 137 (killed: SIGTERM ignored)'))).toBe('verify');
    expect(step(' NX   Running target verify-image for project x and 1 task it depends on failed\n\nFailed tasks:\n\n- x:build-image\n')).toBe('build');
    expect(verifyFailure({ exitCode: 1, all: table('  FAIL  build tools  /usr/bin/gcc') }).reason).toBe('exit code 1; FAIL build tools: /usr/bin/gcc');
  });
});
