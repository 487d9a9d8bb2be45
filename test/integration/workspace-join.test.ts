/**
 * Mode new inside a workspace, with the real package managers: a package in a folder the root's
 * globs take in joins the workspace. It gets no lockfile of its own; the root lockfile records it,
 * re-locked by the workspace's package manager (and in step, as the image's frozen install needs);
 * its image builds from the root. Nothing else at the root changes, and a failed lock writes nothing.
 * And for every member: the lockfile its image installs from, pruned on the host as the image prunes
 * it, passes the frozen install before dockwright says ready.
 */
import { describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsWorkspace } from '../../generators/src/adapters/fs-workspace.js';
import { checkPrunedLockfile } from '../../generators/src/adapters/pruned-lockfile.js';
import { workspaceBuild } from '../../generators/src/ecosystems/workspaces.js';
import { REPO_ROOT, dockwrightService, readTree, tempWorkspace } from '../support/cli.js';

const LOCK_TIMEOUT_MS = 180_000;

function workspaceFrom(fixture: string): string {
  const workspace = tempWorkspace();
  cpSync(join(REPO_ROOT, 'test/fixtures/workspaces', fixture), workspace, { recursive: true });
  return workspace;
}

/** The files a run changed or added, by path, against the tree before it. */
function changedPaths(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((path) => before[path] !== after[path]).sort();
}

const CASES = [
  { fixture: 'shop-npm', packageManager: 'npm', lockfile: 'package-lock.json', records: (lock: string) => JSON.parse(lock).packages['packages/orders'] !== undefined },
  { fixture: 'shop-pnpm', packageManager: 'pnpm', lockfile: 'pnpm-lock.yaml', records: (lock: string) => /^ {2}packages\/orders:$/m.test(lock) },
  { fixture: 'shop-yarn', packageManager: 'yarn', lockfile: 'yarn.lock', records: (lock: string) => lock.includes('"orders@workspace:packages/orders"') },
] as const;

describe('a new package in a workspace folder joins the workspace', () => {
  it.each(CASES.map((testCase) => [testCase.packageManager, testCase] as const))(
    '%s: the root lockfile records it, re-locked in step; no lockfile of its own; built from the root',
    async (_label, { fixture, packageManager, lockfile, records }) => {
      const workspace = workspaceFrom(fixture);
      const before = readTree(workspace);
      const run = await dockwrightService(workspace, ['--name', 'orders', '--stack', 'node', '--appType', 'api', '--deploy', 'none']);
      expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
      expect(run.stdout).toContain(`orders: node api (${packageManager}) ready in packages/orders`);
      expect(run.stdout).toMatch(new RegExp(`^merge +${lockfile.replace('.', '\\.')}$`, 'm'));
      expect(run.stdout).toMatch(new RegExp(`^ +install +${packageManager} install +\\(at the workspace root`, 'm'));
      const after = readTree(workspace);
      const outside = changedPaths(before, after).filter((path) => !path.startsWith('packages/orders/') && !path.startsWith('docker/'));
      expect(outside).toEqual([lockfile]);
      expect(records(after[lockfile]!)).toBe(true);
      expect(existsSync(join(workspace, 'packages/orders', lockfile))).toBe(false);
      expect(JSON.parse(after['packages/orders/package.json']!)).not.toHaveProperty('packageManager');
      // The lockfile-sync check every later run makes (and the image's frozen install after it): the new member is in step.
      expect(workspaceBuild(new FsWorkspace(workspace), 'packages/orders')).toMatchObject({ packageManager, lockfile, service: { name: 'orders', path: 'packages/orders' } });
      expect(after['docker/orders.Dockerfile']).toContain('AS lockfile');
      expect(after['docker/orders.Dockerfile.dockerignore']).toMatch(/^!packages\/orders$/m);
      expect(run.leftovers).toEqual([]);
    },
    LOCK_TIMEOUT_MS,
  );

  it('dry run: the lockfile step is named, nothing is written', async () => {
    const workspace = workspaceFrom('shop-npm');
    const before = readTree(workspace);
    const run = await dockwrightService(workspace, ['--name', 'orders', '--stack', 'node', '--appType', 'api', '--deploy', 'none', '--dryRun']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^notice +package-lock\.json: would record packages\/orders \(`npm install --package-lock-only .*` at the root\)$/m);
    expect(run.stdout).toMatch(/^create +docker\/orders\.Dockerfile\.dockerignore$/m);
    expect(readTree(workspace)).toEqual(before);
  });

  it('a lock that fails (no registry) is one line, and the tree is left as it was', async () => {
    const workspace = workspaceFrom('shop-npm');
    const before = readTree(workspace);
    const offline = { npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: mkdtempSync(join(tmpdir(), 'dockwright-empty-cache-')), npm_config_fetch_retries: '0' };
    const run = await dockwrightService(workspace, ['--name', 'orders', '--stack', 'node', '--appType', 'api', '--deploy', 'none'], offline);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^dockwright service: lockfile: `npm install --package-lock-only [^`]*` at the workspace root failed \(.*\); fix that, or re-run with --skipInstall and run `npm install` at the root yourself$/);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
    expect(readTree(workspace)).toEqual(before);
    expect(run.leftovers).toEqual([]);
  }, LOCK_TIMEOUT_MS);

  it('--skipInstall: the member and its image files are written, the root lockfile is left for the user to re-lock', async () => {
    const workspace = workspaceFrom('shop-npm');
    const lockBefore = readFileSync(join(workspace, 'package-lock.json'), 'utf8');
    const run = await dockwrightService(workspace, ['--name', 'orders', '--stack', 'node', '--appType', 'api', '--deploy', 'none', '--skipInstall']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^notice +package-lock\.json: does not record packages\/orders yet; run `npm install` at the root before building its image$/m);
    expect(readFileSync(join(workspace, 'package-lock.json'), 'utf8')).toBe(lockBefore);
    expect(existsSync(join(workspace, 'docker/orders.Dockerfile.dockerignore'))).toBe(true);
  });
});

describe('joining, where the workspace is not the usual one', () => {
  it('pnpm with patchedDependencies: a new member that does not reach the patched package joins, its pruned lockfile proven', async () => {
    const workspace = workspaceFrom('pnpm-workspace');
    const run = await dockwrightService(workspace, ['--name', 'checkout', '--stack', 'node', '--appType', 'api', '--deploy', 'none']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(readFileSync(join(workspace, 'docker/checkout.Dockerfile'), 'utf8')).toContain('--config.allow-unused-patches=true');
  }, LOCK_TIMEOUT_MS);

  it('brace globs ({apps,packages}/*): existing members are members, a new folder under either joins', async () => {
    const workspace = workspaceFrom('shop-npm');
    const manifest = join(workspace, 'package.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"packages/*"', '"{apps,packages}/*"'));
    expect(workspaceBuild(new FsWorkspace(workspace), 'packages/api')).toMatchObject({ service: { path: 'packages/api' } });
    const run = await dockwrightService(workspace, ['--name', 'checkout', '--directory', 'apps/checkout', '--stack', 'node', '--appType', 'worker', '--deploy', 'none']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(JSON.parse(readFileSync(join(workspace, 'package-lock.json'), 'utf8')).packages['apps/checkout']).toBeDefined();
  }, LOCK_TIMEOUT_MS);

  it('Nx node-monorepo (globs apps/*): a new service defaults to apps/<name> and joins', async () => {
    const workspace = workspaceFrom('nx-node');
    const run = await dockwrightService(workspace, ['--name', 'checkout', '--stack', 'node', '--appType', 'worker', '--deploy', 'none', '--dryRun']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(run.stdout).toMatch(/^create +apps\/checkout\/package\.json$/m);
    expect(run.stdout).toMatch(/^notice +package-lock\.json: would record apps\/checkout /m);
  });

  it.each([
    ['mode new over an existing member', ['--name', 'api', '--mode', 'new', '--stack', 'node', '--appType', 'api', '--force'], /^dockwright service: mode: new would write a package over packages\/api, a member of the workspace at the root; use --mode existing to onboard it, or another --name or --directory$/],
    ['a name another member has', ['--name', 'jobs', '--directory', 'apps/jobs', '--stack', 'node', '--appType', 'worker', '--force'], /^dockwright service: name: jobs is already the package name of packages\/jobs in the workspace; choose another --name$/],
  ])('refused, nothing written: %s', async (_label, args, message) => {
    const workspace = workspaceFrom('shop-npm');
    const manifest = join(workspace, 'package.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"packages/*"', '"packages/*", "apps/*"'));
    const first = await dockwrightService(workspace, ['--name', 'jobs', '--stack', 'node', '--appType', 'worker', '--deploy', 'none']);
    expect(first.stderr).toBe('');
    const before = readTree(workspace);
    const run = await dockwrightService(workspace, [...args, '--deploy', 'none']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 1, stderr: expect.stringMatching(message) });
    expect(readTree(workspace)).toEqual(before);
  }, LOCK_TIMEOUT_MS);
});

describe('the pruned lockfile is proven on the host before ready', () => {
  const reader = new FsWorkspace(join(REPO_ROOT, 'test/fixtures/workspaces/pnpm-workspace'));
  const build = workspaceBuild(reader, 'packages/api')!;

  it('pnpm with overrides, patchedDependencies and a peer: pruned to the service as the image prunes it, it passes the frozen install', async () => {
    await expect(checkPrunedLockfile(build, reader)).resolves.toBeUndefined();
  }, LOCK_TIMEOUT_MS);

  it('a build the image could not prune (its patches left out of the context) fails here, in one line', async () => {
    const failure = checkPrunedLockfile({ ...build, rootFolders: [] }, reader);
    await expect(failure).rejects.toThrow(/^lockfile: pnpm-lock\.yaml pruned to packages\/api and its internal packages, as the image's lockfile stage prunes it, fails \(.*\); run `pnpm install` at the root, then run again$/);
  }, LOCK_TIMEOUT_MS);
});

describe('what does not join', () => {
  it('a folder the globs leave out gets a package of its own, locked on its own, as before', async () => {
    const workspace = workspaceFrom('shop-npm');
    const run = await dockwrightService(workspace, ['--name', 'ext', '--directory', 'apps/ext', '--stack', 'node', '--appType', 'worker', '--deploy', 'none']);
    expect(run.exitCode).toBe(0);
    expect(existsSync(join(workspace, 'apps/ext/package-lock.json'))).toBe(true);
    expect(existsSync(join(workspace, 'docker/ext.Dockerfile.dockerignore'))).toBe(false);
    expect(readFileSync(join(workspace, 'package-lock.json'), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'test/fixtures/workspaces/shop-npm/package-lock.json'), 'utf8'));
  }, LOCK_TIMEOUT_MS);

  it.each([
    ['a static site (not built from a workspace yet)', ['--name', 'site', '--stack', 'static', '--appType', 'frontend'], /^dockwright service: directory: packages\/site is a member of the workspace at the root by its globs, and dockwright builds only node and nextjs services from a workspace; choose a --directory its globs leave out$/],
    ['another package manager than the root’s', ['--name', 'orders', '--stack', 'node', '--appType', 'api', '--packageManager', 'pnpm'], /^dockwright service: packageManager: packages\/orders joins the workspace at the root, which installs with npm \(package-lock\.json\); use npm or leave --packageManager out; got "pnpm"$/],
  ])('refused before anything is written: %s', async (_label, args, message) => {
    const workspace = workspaceFrom('shop-npm');
    const before = readTree(workspace);
    const run = await dockwrightService(workspace, [...args, '--deploy', 'none']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 1, stderr: expect.stringMatching(message) });
    expect(readTree(workspace)).toEqual(before);
  });

  it('a Python service in a JavaScript workspace folder is a package of its own (the globs take in package.json folders)', async () => {
    const workspace = workspaceFrom('shop-npm');
    const run = await dockwrightService(workspace, ['--name', 'py', '--stack', 'python', '--appType', 'api', '--deploy', 'none', '--skipInstall']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(run.stdout).toContain('py: python api (pip) ready in packages/py');
    expect(existsSync(join(workspace, 'packages/py/.dockerignore'))).toBe(true);
  });
});
