/**
 * A Next.js workspace member on a real engine: create-next-app 16.4.3 in an npm workspace
 * (test/fixtures/workspaces/next-workspace), packages/web rendering the Banner of the internal
 * package @acme/ui, one root lockfile. Generated with plop as a user runs it (slim and distroless), built from the
 * workspace root, linted and verified through the Nx targets; the page shows the internal package's
 * output, and an edit of @acme/ui's source is served after a rebuild that re-runs no install.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { removeCaseImages } from './support/cleanup.js';
import { routeBody } from './support/app-route.js';
import { DOCKER, describeWithEngine, missingImages } from './support/engine.js';
import { requireSuccess, stepRunner } from './support/steps.js';
import { buildLintVerify, imageIds, plopService } from './support/member.js';
import { dependencySteps, rebuild, removeWorkspace, runSteps, workspaceFrom } from './support/workspace.js';

const TIMEOUT_MS = 20 * 60_000;
const SERVICE = 'web';
// A tag of this case's own: the default (the package name, `web`) is checked by the unit tests.
const IMAGE_NAME = 'acme-next-web';
const IMAGE = `${IMAGE_NAME}:latest`;
const BANNER = '<h1>Hello world!</h1>';
const describeEngine = await describeWithEngine();

/** Every path under /app in the image, relative to it, read from `docker export` (distroless has no shell to list it). */
async function appFiles(image: string): Promise<string[]> {
  const container = (await execa(DOCKER, ['create', image])).stdout.trim();
  try {
    const exported = await execa(DOCKER, ['export', container], { encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 });
    const listed = await execa('tar', ['-t'], { input: exported.stdout as Uint8Array, maxBuffer: 64 * 1024 * 1024 });
    const paths = listed.stdout.split('\n').filter((path) => path.startsWith('app/'));
    return [...new Set(paths.map((path) => path.slice('app/'.length).replace(/\/$/, '')).filter(Boolean))].sort();
  } finally {
    await execa(DOCKER, ['rm', '-f', container], { reject: false });
  }
}

describeEngine('a Next.js workspace member on a real engine', () => {
  beforeAll(async () => {
    const missing = await missingImages(['node:24-slim']);
    if (missing.length > 0) throw new Error(`missing base images ${missing.join(', ')}: run test/e2e/base-images/build.sh`);
  });
  afterAll(async () => {
    await removeCaseImages(IMAGE, []);
  });

  it.each(['slim', 'distroless'])(
    'npm workspace, %s: create-next-app importing @acme/ui, built from the root, the internal package’s edit served without a reinstall',
    async (base) => {
      const step = stepRunner(`workspace next-workspace (${base})`);
      const { ids: built, remember } = imageIds(IMAGE);
      await removeCaseImages(IMAGE, []);
      const workspace = workspaceFrom('next-workspace');
      try {
        await step('generate', async () => {
          expect(await plopService(workspace, ['--name', SERVICE, '--deploy', 'none', '--image', IMAGE_NAME, '--base', base])).toContain('nextjs frontend (npm) ready');
          expect(readFileSync(join(workspace, 'packages', SERVICE, 'project.json'), 'utf8')).toContain(`-t ${IMAGE} .`);
          expect(readFileSync(join(workspace, 'packages', SERVICE, 'app/health/route.ts'), 'utf8')).toContain('export');
        });

        await buildLintVerify(step, workspace, SERVICE, remember);
        await step('layout', async () => {
          // Next traced from the workspace root: the server at its workspace path, node_modules at /app, @acme/ui bundled into the server's chunks.
          const app = await appFiles(IMAGE);
          expect(app.filter((path) => path.split('/').length === 1)).toEqual(['node_modules', 'packages']);
          expect(app.filter((path) => path.split('/').length === 2 && path.startsWith('packages/'))).toEqual(['packages/web']);
          expect(app).toEqual(expect.arrayContaining(['packages/web/server.js', 'packages/web/.next/static', 'packages/web/public', 'node_modules/next/package.json']));
          expect(await routeBody(IMAGE, 3000, '/')).toContain(BANNER);
        });

        await step('rebuild after the internal package’s edit', async () => {
          // A mark of this run: an edit an earlier run made is in BuildKit's cache, and would not be rebuilt.
          const mark = `acme-ui-${Date.now()}`;
          const source = join(workspace, 'packages/ui/index.tsx');
          writeFileSync(source, readFileSync(source, 'utf8').replace('<h1>{text}</h1>', `<h1 className="${mark}">{text}</h1>`));
          const run = await rebuild(workspace, SERVICE);
          requireSuccess({ exitCode: run.exitCode, all: run.log });
          await remember();
          const installs = dependencySteps(run.log);
          expect(installs.length).toBeGreaterThan(0);
          expect(installs.filter((install) => !install.cached)).toEqual([]);
          expect(runSteps(run.log, 'build').filter((build) => build.step.includes(' npm run build'))).toEqual([{ step: expect.stringMatching(/^mkdir -p public {2}&& npm run build/), cached: false }]);
          const page = await routeBody(IMAGE, 3000, '/');
          expect(page).toContain(`<h1 class="${mark}">Hello world!</h1>`);
          expect(page).not.toContain(BANNER);
        });
      } finally {
        await removeCaseImages(IMAGE, [...built]);
        removeWorkspace(workspace);
      }
    },
    TIMEOUT_MS,
  );
});
