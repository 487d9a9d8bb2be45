/**
 * Workspace members on a real engine: an npm, a pnpm and a Yarn 4 workspace made by the real package
 * managers (test/fixtures/workspaces/shop-*), where packages/api imports @acme/shared, a TypeScript
 * library with a build, from one root lockfile. Generated with plop as a user runs it, built, linted
 * and verified through the Nx targets; then the cache promises of a narrowed context and a pruned
 * lockfile: another package's edit (source, and for npm and pnpm a new dependency, re-locked by the
 * package manager) re-runs no install, and an edit of the internal package is rebuilt and served.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT } from '../support/cli.js';
import { removeCaseImages } from './support/cleanup.js';
import { routeBody } from './support/app-route.js';
import { DOCKER, describeWithEngine, dockerEnv, missingImages } from './support/engine.js';
import { StepProblem, exitReason, outputOf, requireSuccess, stepRunner, verifyFailure } from './support/steps.js';
import { buildLintVerify, imageIds, plopService } from './support/member.js';
import { dependencySteps, rebuild, removeWorkspace, runSteps, workspaceFrom } from './support/workspace.js';

const TIMEOUT_MS = 15 * 60_000;
const IMAGE = 'acme-api:latest';
const SERVICE = 'api';
const describeEngine = await describeWithEngine();

interface WorkspaceCase {
  readonly fixture: string;
  readonly packageManager: string;
  /**
   * Adds a dependency to the unrelated worker and re-locks the root, as its package manager does
   * (lockfile only where the manager allows it), under an alias no earlier run used: a root
   * lockfile an earlier run built would find its layers in BuildKit's cache whatever the Dockerfile.
   */
  readonly addWorkerDependency?: (alias: string) => readonly string[];
}

const CASES: readonly (readonly [string, WorkspaceCase])[] = [
  ['npm workspaces', { fixture: 'shop-npm', packageManager: 'npm', addWorkerDependency: (alias) => ['npm', 'install', `${alias}@npm:debug@4.4.3`, '--workspace', 'packages/worker', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'] }],
  ['pnpm workspace', { fixture: 'shop-pnpm', packageManager: 'pnpm', addWorkerDependency: (alias) => ['npx', '--yes', 'pnpm@10.34.8', 'add', `${alias}@npm:debug@4.4.3`, '--filter', '@acme/worker', '--lockfile-only', '--ignore-scripts'] }],
  ['Yarn 4 workspaces (node-modules linker)', { fixture: 'shop-yarn', packageManager: 'yarn' }],
];

/**
 * Runs a package manager in the workspace with this repository's node_modules unlinked: pnpm
 * installs even with --lockfile-only, and must never write into the repository's own packages.
 * What it installs is removed, and the link restored.
 */
async function withoutRepositoryTools<T>(workspace: string, run: () => Promise<T>): Promise<T> {
  const link = join(workspace, 'node_modules');
  unlinkSync(link);
  try {
    return await run();
  } finally {
    rmSync(link, { recursive: true, force: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), link);
  }
}

/**
 * The Nx fixtures' own nx.json loads plugins (@nx/js, @nx/esbuild) this repository does not
 * install, so the host runs a target's command itself: docker for build-image, this repository's
 * dockwright bin for the others. The image's build runs the workspace's own Nx.
 */
async function runTarget(workspace: string, projectFolder: string, target: string) {
  const manifest = JSON.parse(readFileSync(join(workspace, projectFolder, 'package.json'), 'utf8'));
  const [program, ...args] = String(manifest.nx.targets[target].options.command).split(' ');
  const command = program === 'dockwright' ? [process.execPath, join(REPO_ROOT, 'generators/bin/dockwright.js'), ...args] : [DOCKER, ...args];
  return execa(command[0]!, command.slice(1), { cwd: workspace, env: { ...dockerEnv(), NODE_OPTIONS: '' }, reject: false, all: true, stdin: 'ignore' });
}

/** An HTTP server in place of the preset's `console.log('Hello World')`, importing the library where the preset has one. */
const httpMain = (library: string | undefined) => `import { createServer } from 'node:http';
${library ? `import { shared } from '${library}';\n` : ''}
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(req.url === '/health' ? 'ok\\n' : \`\${${library ? 'shared()' : "'hello'"}}\\n\`);
});
server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const NX_CASES: readonly (readonly [string, { fixture: string; image: string; library?: string; body: string }])[] = [
  ['Nx ts preset (@nx/node app bundled by @nx/esbuild, @nx/js library)', { fixture: 'nx-ts', image: 'nx-ts-api:latest', library: '@nx-ts/shared', body: 'shared\n' }],
  ['Nx node-monorepo preset (the app in apps/)', { fixture: 'nx-node', image: 'nx-node-api:latest', body: 'hello\n' }],
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
      const { ids: built, remember } = imageIds(IMAGE);
      await removeCaseImages(IMAGE, []);
      const workspace = workspaceFrom(fixture);
      try {
        await step('generate', async () => {
          expect(await plopService(workspace, ['--name', SERVICE, '--deploy', 'none'])).toContain(`node api (${packageManager}) ready`);
          expect(readFileSync(join(workspace, 'packages', SERVICE, 'project.json'), 'utf8')).toContain(`-t ${IMAGE} .`);
        });

        await buildLintVerify(step, workspace, SERVICE, remember);
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
            const [command, ...args] = addWorkerDependency(`debug-${process.hrtime.bigint()}`);
            const added = await withoutRepositoryTools(workspace, () =>
              execa(command!, args, { cwd: workspace, env: packageManagerEnv(), extendEnv: false, reject: false, all: true, stdin: 'ignore' }),
            );
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
          // A text no earlier run built: BuildKit's cache would rightly reuse that run's build.
          const edited = `edited @acme/shared ${process.hrtime.bigint()}`;
          const source = join(workspace, 'packages/shared/src/index.ts');
          writeFileSync(source, readFileSync(source, 'utf8').replace("'hello from @acme/shared'", `'${edited}'`));
          const run = await rebuild(workspace, SERVICE);
          requireSuccess({ exitCode: run.exitCode, all: run.log });
          await remember();
          expect(dependencySteps(run.log).filter((install) => !install.cached)).toEqual([]);
          expect(runSteps(run.log, 'build').filter((build) => / run build$/.test(build.step))).toEqual([{ step: `${packageManager} run build`, cached: false }]);
          expect(await routeBody(IMAGE, 3000, '/')).toBe(`${edited}, api\n`);
        });
      } finally {
        await removeCaseImages(IMAGE, [...built]);
        removeWorkspace(workspace);
      }
    },
    TIMEOUT_MS,
  );
});

describeEngine('a new service in a workspace', () => {
  const image = 'checkout:latest';
  it(
    'mode new in an npm workspace: the member joins it, re-locked at the root, built from the root, and imports an internal package',
    async () => {
      const step = stepRunner('workspace shop-npm, new member');
      const { ids: built, remember } = imageIds(image);
      await removeCaseImages(image, []);
      const workspace = workspaceFrom('shop-npm');
      try {
        await step('generate', async () => {
          // npm re-locks the root from the registry: resolved as of a fixed date, so nothing this test builds floats.
          const output = await plopService(workspace, ['--name', 'checkout', '--stack', 'node', '--appType', 'api', '--deploy', 'none'], { npm_config_before: '2026-11-30' });
          expect(output).toContain('checkout: node api (npm) ready in packages/checkout');
          expect(output).toMatch(/^merge +package-lock\.json$/m);
        });
        await buildLintVerify(step, workspace, 'checkout', remember);
        await step('import the internal package', async () => {
          const added = await withoutRepositoryTools(workspace, () =>
            execa('npm', ['install', '@acme/shared', '--workspace', 'packages/checkout', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], {
              cwd: workspace,
              env: packageManagerEnv(),
              extendEnv: false,
              reject: false,
              all: true,
              stdin: 'ignore',
            }),
          );
          if (added.exitCode !== 0) throw new StepProblem(`npm install @acme/shared failed: ${exitReason(added)}`, outputOf(added));
          const app = join(workspace, 'packages/checkout/src/app.js');
          writeFileSync(app, `import shared from '@acme/shared';\n${readFileSync(app, 'utf8').replace("async () => ({ service: 'checkout' })", "async () => shared.greet('checkout')")}`);
          // Its closure grew: the image files name the internal packages they copy, so the service is onboarded again.
          expect(await plopService(workspace, ['--name', 'checkout', '--deploy', 'none', '--force'])).toContain('checkout: node api (npm) ready in packages/checkout');
          expect(readFileSync(join(workspace, 'docker/checkout.Dockerfile.dockerignore'), 'utf8')).toMatch(/^!packages\/shared$/m);
          const run = await rebuild(workspace, 'checkout');
          requireSuccess({ exitCode: run.exitCode, all: run.log });
          await remember();
          const listing = (await execa(DOCKER, ['run', '--rm', '--entrypoint', '', image, 'ls', '/app/packages'])).stdout;
          expect(listing.split('\n')).toEqual(['checkout', 'shared']);
          expect(await routeBody(image, 3000, '/')).toBe('hello from @acme/shared, checkout');
        });
      } finally {
        await removeCaseImages(image, [...built]);
        removeWorkspace(workspace);
      }
    },
    TIMEOUT_MS,
  );
});

describeEngine('Nx projects built by Nx inside the image', () => {
  it.each(NX_CASES)(
    '%s: create-nx-workspace 22.7.8 output, healthy, serving what it built',
    async (_name, { fixture, image, library, body }) => {
      const step = stepRunner(`workspace ${fixture}`);
      await removeCaseImages(image, []);
      const workspace = workspaceFrom(fixture);
      const { ids: built, remember } = imageIds(image);
      try {
        writeFileSync(join(workspace, 'apps/api/src/main.ts'), httpMain(library));
        await step('generate', async () => {
          expect(await plopService(workspace, ['--name', SERVICE, '--deploy', 'none'])).toContain('node api (npm) ready in apps/api');
        });
        await step('build', async () => {
          requireSuccess(await runTarget(workspace, 'apps/api', 'build-image'));
          await remember();
        });
        await step('lint', async () => requireSuccess(await runTarget(workspace, 'apps/api', 'lint-dockerfile')));
        await step('verify', async () => {
          const verify = await runTarget(workspace, 'apps/api', 'verify-image');
          if (verify.exitCode !== 0) throw verifyFailure(verify);
          expect(String(verify.all)).toContain('all checks passed');
        });
        await step('route', async () => expect(await routeBody(image, 3000, '/')).toBe(body));
      } finally {
        await removeCaseImages(image, [...built]);
        removeWorkspace(workspace);
      }
    },
    TIMEOUT_MS,
  );
});
