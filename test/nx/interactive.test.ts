/**
 * `nx g dockwright:service` in a terminal: Nx asks the schema prompt (stack), then the generator
 * asks the questions that depend on earlier answers with the plop prompts; nothing is written
 * with --dry-run.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runInTerminal } from '../support/cli.js';
import { REPO_ROOT } from './support.js';

const ENTER = '\r';
const DOWN = '\x1b[B';

describe('nx g dockwright:service, interactive', () => {
  it('asks the stack (schema prompt), then app type, package manager and base (plop prompts); new/existing only where there is a package', async () => {
    const name = `tty-probe-${process.pid}`;
    // CI=true would make Nx skip its prompts; a terminal is what this test is about.
    const run = await runInTerminal(
      `env -u CI NX_DAEMON=false NX_NO_CLOUD=true npx nx g dockwright:service ${name} --skipInstall --dry-run`,
      [
        { waitFor: /Stack/, send: ENTER },
        { waitFor: /App type[\s\S]*select/, send: `${DOWN}${ENTER}` },
        { waitFor: /Package manager[\s\S]*select/, send: ENTER },
        { waitFor: /Runtime base image[\s\S]*select/, send: ENTER },
      ],
      120_000,
    );
    const output = run.output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect({ exitCode: run.exitCode, output: output.slice(-2000) }).toMatchObject({ exitCode: 0 });
    expect(output).toContain(`CREATE packages/${name}/app/worker.py`);
    expect(output).toContain(`CREATE docker/${name}.Dockerfile`);
    expect(output).not.toMatch(/Port|Health endpoint path|Create a new package/);
    expect(existsSync(join(REPO_ROOT, 'packages', name))).toBe(false);
  }, 150_000);
});
