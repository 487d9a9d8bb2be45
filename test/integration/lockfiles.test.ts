/**
 * Proven lockfiles, with the real package managers: a new package's lockfile is its skeleton's
 * seed (no version drifts from what the e2e proved), and a lockfile that would fail the image's
 * frozen install is refused with one line before anything is written.
 */
import { describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedLockfilePath } from '../../generators/src/adapters/lockfiles.js';
import { runService } from '../../generators/src/adapters/run-service.js';
import { PACKAGE_MANAGERS, supportedCombinations } from '../../generators/src/core/stacks.js';
import { REPO_ROOT, dockwrightService as dockwright, readTree, tempWorkspace } from '../support/cli.js';

const SEED_NAME = 'dockwright-skeleton';
const LOCK_TIMEOUT_MS = 120_000;

const nodeSkeletons = supportedCombinations().filter(
  ({ base, packageManager }) => PACKAGE_MANAGERS[packageManager].ecosystem === 'node' && base === 'slim',
);

/** The lockfile's lines, sorted, with the package's own name made the seed's (Yarn sorts its workspace entry by name). */
const lockLines = (text: string, name: string) => text.split('\n').map((line) => line.replaceAll(name, SEED_NAME)).sort();

function workspaceWith(name: string, fixture: string): string {
  const workspace = tempWorkspace();
  cpSync(join(REPO_ROOT, fixture), join(workspace, 'packages', name), { recursive: true });
  return workspace;
}

describe('a new package is locked from its skeleton seed', () => {
  it.each(nodeSkeletons.map((combination) => [`${combination.stack} ${combination.appType} (${combination.packageManager})`, combination] as const))(
    '%s: the lockfile holds exactly the seed versions',
    async (_label, combination) => {
      const workspace = tempWorkspace();
      const name = `svc-${combination.stack}`;
      await runService({ name, mode: 'new', ...combination }, workspace);
      const lockfile = PACKAGE_MANAGERS[combination.packageManager].lockfile;
      const written = readFileSync(join(workspace, 'packages', name, lockfile), 'utf8');
      expect(lockLines(written, name)).toEqual(lockLines(readFileSync(seedLockfilePath(combination), 'utf8'), name));
    },
    LOCK_TIMEOUT_MS,
  );
});

describe('a lockfile that fails the frozen install is refused, nothing written', () => {
  it('npm: a lockfile missing an optional dependency (vite 8.4.0 on a registry that does not serve it)', async () => {
    const workspace = workspaceWith('site', 'test/fixtures/lockfiles/npm-missing-optional');
    const before = readTree(workspace);
    const run = await dockwright(workspace, ['--name', 'site']);
    expect(run.exitCode).toBe(1);
    // npm names the version it would resolve when its cache knows the package (the registry here
    // began to serve it on 2026-12-01); the lockfile fails either way.
    expect(run.stderr).toMatch(
      /^dockwright service: lockfile: packages\/site\/package-lock.json fails `npm ci` \(Missing: napi-windows-process-start-time@(?:0\.1\.0)? from lock file\); run `npm install` in packages\/site against a registry that serves every package it names, and commit the lockfile$/,
    );
    expect(run.stdout).toBe('');
    expect(readTree(workspace)).toEqual(before);
    expect(run.leftovers).toEqual([]);
  }, LOCK_TIMEOUT_MS);

  it('npm: no lockfile at all', async () => {
    const workspace = tempWorkspace();
    mkdirSync(join(workspace, 'packages/api'), { recursive: true });
    writeFileSync(join(workspace, 'packages/api/package.json'), '{"name":"api","main":"index.js","dependencies":{"ms":"2.1.3"}}\n');
    const run = await dockwright(workspace, ['--name', 'api']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({
      exitCode: 1,
      stderr: expect.stringMatching(/^dockwright service: lockfile: packages\/api\/package-lock.json is missing, and the image installs from it with `npm ci`; run `npm install` in packages\/api and commit it$/),
    });
  }, LOCK_TIMEOUT_MS);

  it('pnpm: a manifest out of step with its lockfile names the package', async () => {
    const workspace = tempWorkspace();
    const root = join(workspace, 'packages/api');
    mkdirSync(root, { recursive: true });
    const seed = readFileSync(seedLockfilePath({ stack: 'node', appType: 'api', packageManager: 'pnpm' }), 'utf8');
    writeFileSync(join(root, 'pnpm-lock.yaml'), seed);
    writeFileSync(join(root, 'package.json'), '{"name":"api","main":"src/server.js","dependencies":{"fastify":"5.12.7"}}\n');
    const run = await dockwright(workspace, ['--name', 'api', '--stack', 'node']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^dockwright service: lockfile: packages\/api\/pnpm-lock.yaml fails `pnpm install --frozen-lockfile` \(fastify \(lockfile: 5\.12\.8, manifest: 5\.12\.7\)\); run `pnpm install` in packages\/api/);
    expect(run.stderr.split('\n')).toHaveLength(1);
  }, LOCK_TIMEOUT_MS);

  it('yarn1: a manifest out of step with its Yarn 1 lockfile names the package', async () => {
    const workspace = workspaceWith('classic', 'test/fixtures/lockfiles/yarn1-classic');
    const manifest = join(workspace, 'packages/classic/package.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"ms": "2.1.3"', '"ms": "2.1.2"'));
    const before = readTree(workspace);
    const run = await dockwright(workspace, ['--name', 'classic']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({
      exitCode: 1,
      stderr:
        'dockwright service: lockfile: packages/classic/yarn.lock fails `yarn install --frozen-lockfile` (Couldn\'t find any versions for "ms" that matches "2.1.2"); run `yarn install` in packages/classic against a registry that serves every package it names, and commit the lockfile',
    });
    expect(readTree(workspace)).toEqual(before);
    expect(run.leftovers).toEqual([]);
  }, LOCK_TIMEOUT_MS);

  it('yarn: a Yarn 1 lockfile beside a .yarnrc.yml is half a migration', async () => {
    const workspace = workspaceWith('classic', 'test/fixtures/lockfiles/yarn1-classic');
    writeFileSync(join(workspace, 'packages/classic/.yarnrc.yml'), 'nodeLinker: node-modules\n');
    const before = readTree(workspace);
    const run = await dockwright(workspace, ['--name', 'classic']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      "dockwright service: lockfile: packages/classic/yarn.lock is a Yarn 1 lockfile beside a .yarnrc.yml, which the image's Yarn 4.18.1 would migrate (`yarn install --immutable` fails); finish the migration: run `npx -p @yarnpkg/cli-dist@4.18.1 yarn install` there and commit yarn.lock, or delete .yarnrc.yml to stay on Yarn 1",
    );
    expect(readTree(workspace)).toEqual(before);
  }, LOCK_TIMEOUT_MS);

  it.each([
    ['yarnPath: .yarn/releases/yarn-4.18.1.cjs\nnodeLinker: node-modules\n', "packages/api/.yarnrc.yml sets yarnPath, a Yarn release the image does not copy (it installs Yarn 4.18.1 itself); remove the yarnPath line", ''],
    ['nodeLinker: node-modules\n', "packages/api/.pnp.cjs is Yarn's Plug'n'Play loader: the image copies node_modules between its stages, which Plug'n'Play does not write; set `nodeLinker: node-modules` in .yarnrc.yml, run `yarn install` and delete .pnp.cjs and .pnp.loader.mjs", '.pnp.cjs'],
    ['enableTelemetry: false\n', "packages/api/.yarnrc.yml does not set `nodeLinker: node-modules`: Yarn would install Plug'n'Play, and the image copies node_modules between its stages; add that line to it", ''],
  ])('yarn: a setup the image cannot install with (.yarnrc.yml %j)', async (yarnrc, message, pnpLoader) => {
    const workspace = tempWorkspace();
    const root = join(workspace, 'packages/api');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'yarn.lock'), readFileSync(seedLockfilePath({ stack: 'node', appType: 'api', packageManager: 'yarn' }), 'utf8'));
    writeFileSync(join(root, 'package.json'), '{"name":"api","main":"src/server.js","dependencies":{"fastify":"5.12.8"}}\n');
    writeFileSync(join(root, '.yarnrc.yml'), yarnrc);
    if (pnpLoader) writeFileSync(join(root, pnpLoader), '#!/usr/bin/env node\n');
    const run = await dockwright(workspace, ['--name', 'api', '--stack', 'node']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 1, stderr: `dockwright service: lockfile: ${message}` });
  }, LOCK_TIMEOUT_MS);

  it.each([[['--skipInstall']], [['--skipInstall', '--dryRun']], [['--dryRun']]])('yarn: Plug\'n\'Play is refused with %j too: a file check, not an install', async (flags) => {
    const workspace = tempWorkspace();
    const root = join(workspace, 'packages/api');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'yarn.lock'), readFileSync(seedLockfilePath({ stack: 'node', appType: 'api', packageManager: 'yarn' }), 'utf8'));
    writeFileSync(join(root, 'package.json'), '{"name":"api","main":"src/server.js","dependencies":{"fastify":"5.12.8"}}\n');
    writeFileSync(join(root, '.yarnrc.yml'), 'nodeLinker: node-modules\n');
    writeFileSync(join(root, '.pnp.cjs'), '#!/usr/bin/env node\n');
    const before = readTree(workspace);
    const run = await dockwright(workspace, ['--name', 'api', '--stack', 'node', ...flags]);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({
      exitCode: 1,
      stderr:
        "dockwright service: lockfile: packages/api/.pnp.cjs is Yarn's Plug'n'Play loader: the image copies node_modules between its stages, which Plug'n'Play does not write; set `nodeLinker: node-modules` in .yarnrc.yml, run `yarn install` and delete .pnp.cjs and .pnp.loader.mjs",
    });
    expect(readTree(workspace)).toEqual(before);
  }, LOCK_TIMEOUT_MS);

  it('npm: a workspace member where the root has no lockfile is told to lock the workspace at its root', async () => {
    const workspace = tempWorkspace();
    writeFileSync(join(workspace, 'package.json'), '{"name":"root","private":true,"workspaces":["packages/*"]}\n');
    mkdirSync(join(workspace, 'packages/api'), { recursive: true });
    writeFileSync(join(workspace, 'packages/api/package.json'), '{"name":"api","main":"index.js"}\n');
    const run = await dockwright(workspace, ['--name', 'api']);
    expect(run.stderr).toBe(
      'dockwright service: package.json: declares the workspace packages/api belongs to, and has no package-lock.json beside it, which the image installs from; run `npm install` at the root and commit it',
    );
  }, LOCK_TIMEOUT_MS);

  it('passes a lockfile in step, and --skipInstall leaves the check out', async () => {
    const workspace = workspaceWith('site', 'test/fixtures/lockfiles/npm-missing-optional');
    expect((await dockwright(workspace, ['--name', 'site', '--skipInstall'])).exitCode).toBe(0);
    // Yarn 1 stops at the fetch offline: reaching it is the pass.
    const classic = workspaceWith('classic', 'test/fixtures/lockfiles/yarn1-classic');
    const yarn1 = await dockwright(classic, ['--name', 'classic']);
    expect({ exitCode: yarn1.exitCode, stderr: yarn1.stderr, leftovers: yarn1.leftovers }).toEqual({ exitCode: 0, stderr: '', leftovers: [] });
    expect(yarn1.stdout).toContain('classic: node api (yarn1) ready');
    expect(readFileSync(join(classic, 'docker/classic.Dockerfile'), 'utf8')).toContain(
      'RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile --production --non-interactive',
    );
    const next = workspaceWith('web', 'test/fixtures/apps/create-next-app');
    const run = await dockwright(next, ['--name', 'web']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(run.leftovers).toEqual([]);
  }, LOCK_TIMEOUT_MS);
});
