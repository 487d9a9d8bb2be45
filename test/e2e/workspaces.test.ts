/**
 * Workspace members on a real engine: an npm, a pnpm and a Yarn 4 workspace made by the real package
 * managers (test/fixtures/workspaces/shop-*), where packages/api imports @acme/shared, a TypeScript
 * library with a build, from one root lockfile. Generated with plop as a user runs it, built, linted
 * and verified through the Nx targets; then the cache promises of a narrowed context and a pruned
 * lockfile: another package's edit (source, and for npm and pnpm a new dependency, re-locked by the
 * package manager) re-runs no install, and an edit of the internal package is rebuilt and served.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT } from '../support/cli.js';
import { removeCaseImages } from './support/cleanup.js';
import { routeBody } from './support/app-route.js';
import { DOCKER, describeWithEngine, missingImages } from './support/engine.js';
import { StepProblem, exitReason, outputOf, requireSuccess, stepRunner, verifyFailure } from './support/steps.js';
import { dependencySteps, nxRun, rebuild, removeWorkspace, runSteps, workspaceFrom } from './support/workspace.js';

const TIMEOUT_MS = 15 * 60_000;
const IMAGE = 'acme-api:latest';
const SERVICE = 'api';
const describeEngine = await describeWithEngine();

interface WorkspaceCase {
  readonly fixture: string;
  readonly packageManager: string;
  /**
   * Adds a dependency to the unrelated worker and re-locks the root, as its package manager does;
   * lockfile only, as node_modules here is this repository's own.
   */
  readonly addWorkerDependency?: readonly string[];
}

const CASES: readonly (readonly [string, WorkspaceCase])[] = [
  ['npm workspaces', { fixture: 'shop-npm', packageManager: 'npm', addWorkerDependency: ['npm', 'install', 'debug@4.4.3', '--workspace', 'packages/worker', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'] }],
  ['pnpm workspace', { fixture: 'shop-pnpm', packageManager: 'pnpm', addWorkerDependency: ['npx', '--yes', 'pnpm@10.34.8', 'add', 'debug@4.4.3', '--filter', '@acme/worker', '--lockfile-only', '--ignore-scripts'] }],
  ['Yarn 4 workspaces (node-modules linker)', { fixture: 'shop-yarn', packageManager: 'yarn' }],
];

/** Our own tsx preload must not reach the package managers. */
const packageManagerEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|NODE_OPTIONS$)/i.test(key)));

describeEngine('workspace members on a real engine', () => {
  beforeAll(async () => {
    const missing = await missingImages(['node:24-slim']);
    if (missing.length > 0) throw new Error(`missing base images ${missing.join(', ')}: run test/e2e/base-images/build.sh`);
  });
  afterAll(async () => {
    await removeCaseImages(IMAGE, []);
  });

  it.each(CASES)(
    '%s: built from the root with its internal package, cached across other packages’ edits',
    async (_name, { fixture, packageManager, addWorkerDependency }) => {
      const step = stepRunner(`workspace ${fixture}`);
      const built = new Set<string>();
      const remember = async () => {
        const inspect = await execa(DOCKER, ['image', 'inspect', '-f', '{{.Id}}', IMAGE], { reject: false });
        if (inspect.exitCode === 0) built.add(inspect.stdout.trim());
      };
      await removeCaseImages(IMAGE, []);
      const workspace = workspaceFrom(fixture);
      try {
        await step('generate', async () => {
          const run = await execa('npx', ['plop', '--dest', workspace, 'service', '--', '--name', SERVICE, '--deploy', 'none'], {
            cwd: REPO_ROOT,
            stdin: 'ignore',
            reject: false,
            all: true,
            env: { FORCE_COLOR: '0' },
          });
          if (run.exitCode !== 0) throw new StepProblem(exitReason(run), outputOf(run));
          expect(outputOf(run)).toContain(`node api (${packageManager}) ready`);
          expect(readFileSync(join(workspace, 'packages', SERVICE, 'project.json'), 'utf8')).toContain(`-t ${IMAGE} .`);
        });

        await step('build', async () => {
          requireSuccess(await nxRun(workspace, `${SERVICE}:build-image`));
          await remember();
        });
        await step('lint', async () => requireSuccess(await nxRun(workspace, `${SERVICE}:lint-dockerfile`)));
        await step('verify', async () => {
          const verify = await nxRun(workspace, `${SERVICE}:verify-image`);
          if (verify.exitCode !== 0) throw verifyFailure(verify);
          expect(String(verify.all)).toContain('all checks passed');
          expect(String(verify.all)).toMatch(/pass {2}endpoint +GET \/health → 200/);
        });
        await step('context', async () => {
          // What reached the image: the service and its internal package, never the unrelated worker or the lib's sources.
          const listing = (await execa(DOCKER, ['run', '--rm', '--entrypoint', '', IMAGE, 'ls', '/app/packages', '/app/packages/shared'])).stdout;
          expect(listing).toMatch(/^api\nshared$/m);
          expect(listing).not.toContain('worker');
          expect(listing).not.toMatch(/^src$/m);
          expect(await routeBody(IMAGE, 3000, '/')).toBe('hello from @acme/shared, api\n');
        });

        await step('rebuild after another package’s edit', async () => {
          writeFileSync(join(workspace, 'packages/worker/index.js'), "console.log('worker, edited');\n");
          if (addWorkerDependency) {
            const [command, ...args] = addWorkerDependency;
            const added = await execa(command!, args, { cwd: workspace, env: packageManagerEnv(), extendEnv: false, reject: false, all: true, stdin: 'ignore' });
            if (added.exitCode !== 0) throw new StepProblem(`adding a dependency to packages/worker failed: ${exitReason(added)}`, outputOf(added));
          }
          const run = await rebuild(workspace, SERVICE);
          requireSuccess({ exitCode: run.exitCode, all: run.log });
          await remember();
          const installs = dependencySteps(run.log);
          expect(installs.length).toBeGreaterThan(0);
          expect(installs.filter((install) => !install.cached)).toEqual([]);
        });

        await step('rebuild after an internal package’s edit', async () => {
          // A mark of this run: an edit an earlier run made is in BuildKit's cache, and would not be rebuilt.
          const mark = `edited @acme/shared ${Date.now()}`;
          const source = join(workspace, 'packages/shared/src/index.ts');
          writeFileSync(source, readFileSync(source, 'utf8').replace("'hello from @acme/shared'", `'${mark}'`));
          const run = await rebuild(workspace, SERVICE);
          requireSuccess({ exitCode: run.exitCode, all: run.log });
          await remember();
          expect(dependencySteps(run.log).filter((install) => !install.cached)).toEqual([]);
          expect(runSteps(run.log, 'build').filter((build) => / run build$/.test(build.step))).toEqual([{ step: `${packageManager} run build`, cached: false }]);
          expect(await routeBody(IMAGE, 3000, '/')).toBe(`${mark}, api\n`);
        });
      } finally {
        await removeCaseImages(IMAGE, [...built]);
        removeWorkspace(workspace);
      }
    },
    TIMEOUT_MS,
  );
});
