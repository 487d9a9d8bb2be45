/** An existing app whose image could never become healthy is refused as a user sees it: one line, exit 1, nothing written. */
import { describe, expect, it } from '@jest/globals';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT, readTree, tempWorkspace } from '../support/cli.js';

const dockwright = (workspace: string, args: readonly string[]) =>
  execa('node', [join(REPO_ROOT, 'generators/bin/dockwright.js'), 'service', ...args], {
    cwd: workspace,
    reject: false,
    stdin: 'ignore',
    env: { NODE_OPTIONS: '', FORCE_COLOR: '0' },
  });

describe('the health endpoint of an existing app', () => {
  it('the FastAPI tutorial app (no /health): refused in one line naming its routes; --healthPath / then generates', async () => {
    const workspace = tempWorkspace();
    cpSync(join(REPO_ROOT, 'test/fixtures/apps/fastapi-first-steps'), join(workspace, 'packages/api'), { recursive: true });
    const before = readTree(workspace);
    const refused = await dockwright(workspace, ['--name', 'api']);
    expect({ exitCode: refused.exitCode, stdout: refused.stdout, stderr: refused.stderr }).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'dockwright service: healthPath: packages/api serves no GET /health (routes found: /); add that route to the app, or pass --healthPath with the path it serves (a route dockwright cannot see is then trusted)',
    });
    expect(readTree(workspace)).toEqual(before);
    const accepted = await dockwright(workspace, ['--name', 'api', '--healthPath', '/']);
    expect(accepted.exitCode).toBe(0);
    expect(readTree(workspace)['docker/api.Dockerfile']).toContain('http://127.0.0.1:8000/');
  });

  it('create-next-app as it comes: the route is added, and nothing else of the app changes but next.config', async () => {
    const workspace = tempWorkspace();
    cpSync(join(REPO_ROOT, 'test/fixtures/apps/create-next-app'), join(workspace, 'packages/web'), { recursive: true });
    const before = readTree(workspace);
    const run = await dockwright(workspace, ['--name', 'web', '--skipInstall']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('create    packages/web/app/health/route.ts');
    const after = readTree(workspace);
    const changedAppFiles = Object.keys(before).filter((path) => after[path] !== before[path]);
    expect(changedAppFiles).toEqual(['packages/web/next.config.ts']);
  });
});
