/** `nx g dockwright:service` run as a user runs it, in this workspace (resolved without publishing). */
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT } from './support.js';

const nx = (args: readonly string[]) =>
  execa('npx', ['nx', ...args], {
    cwd: REPO_ROOT,
    reject: false,
    stdin: 'ignore',
    all: true,
    timeout: 120_000,
    env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' },
  });

describe('nx g dockwright:service in this workspace', () => {
  it('takes the name positionally and, with --dry-run, lists the files and writes none', async () => {
    const name = `dry-run-probe-${process.pid}`;
    const run = await nx(['g', 'dockwright:service', name, '--stack=python', '--appType=api', '--no-interactive', '--dry-run']);
    expect(run.exitCode).toBe(0);
    expect(run.all).toContain(`CREATE docker/${name}.Dockerfile`);
    expect(run.all).toContain(`CREATE packages/${name}/project.json`);
    expect(run.all).toContain('NOTE: The "dryRun" flag means no changes were made.');
    expect(run.all).not.toMatch(/swc-node|ts-node|ExperimentalWarning/);
    expect(existsSync(join(REPO_ROOT, 'packages', name))).toBe(false);
    expect(existsSync(join(REPO_ROOT, 'docker', `${name}.Dockerfile`))).toBe(false);
  });

  it('reports bad input as one line naming the option, and writes nothing', async () => {
    const run = await nx(['g', 'dockwright:service', 'x-probe', '--stack=python', '--appType=frontend', '--no-interactive', '--dry-run']);
    expect(run.exitCode).not.toBe(0);
    expect(run.all).toContain('appType: must be one of api | worker for stack python; got "frontend"');
  });

  it('rejects an option the schema does not have', async () => {
    const run = await nx(['g', 'dockwright:service', 'x-probe', '--stack=python', '--colour=blue', '--no-interactive', '--dry-run']);
    expect(run.exitCode).not.toBe(0);
    expect(run.all).toContain("'colour' is not found in schema");
  });
});
