/**
 * Every template proven on a real engine: generate with the real CLI, then run the project's Nx
 * targets as a user would (build-image, lint-dockerfile, verify-image: size budget, numeric UID,
 * health, endpoint, no build tools, stop time), and check BuildKit's cache report after a
 * source-only edit (dependency steps CACHED) and after a dependency edit (they run again).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { execa } from 'execa';
import { PACKAGE_MANAGERS, type PackageManagerId } from '../../generators/src/core/stacks.js';
import { editFile } from './support/edits.js';
import { DOCKER, describeWithEngine, missingImages } from './support/engine.js';
import { dependencySteps, generateCase, nxRun, nxWorkspace, rebuild } from './support/workspace.js';
import { BASE_IMAGES, E2E_CASES, caseName, expectedUid } from './matrix.js';

const BUILD_TIMEOUT_MS = 15 * 60_000;
const describeEngine = await describeWithEngine();
const figures: string[] = [];

describeEngine('images on a real engine', () => {
  beforeAll(async () => {
    const missing = await missingImages(BASE_IMAGES);
    if (missing.length > 0) throw new Error(`missing base images ${missing.join(', ')}: run test/e2e/base-images/build.sh`);
  });

  afterAll(() => {
    if (figures.length > 0) console.log(`e2e image figures\n| image | size | first build (machine's layer cache as found) | after source edit | after dependency edit |\n|---|---|---|---|---|\n${figures.join('\n')}`);
  });

  it.each(E2E_CASES.map((testCase) => [caseName(testCase), testCase] as const))(
    '%s',
    async (name, testCase) => {
      const workspace = nxWorkspace();
      await generateCase(workspace, name, testCase);
      const image = `${name}:latest`;

      const builtImages: string[] = [];
      const remember = async () => builtImages.push((await execa(DOCKER, ['image', 'inspect', '-f', '{{.Id}}', image])).stdout);
      const started = Date.now();
      const build = await nxRun(workspace, `${name}:build-image`);
      const coldSeconds = (Date.now() - started) / 1000;
      expect({ exitCode: build.exitCode, log: build.exitCode === 0 ? '' : build.all }).toEqual({ exitCode: 0, log: '' });
      await remember();

      const lint = await nxRun(workspace, `${name}:lint-dockerfile`);
      expect({ exitCode: lint.exitCode, log: lint.exitCode === 0 ? '' : lint.all }).toEqual({ exitCode: 0, log: '' });

      const verify = await nxRun(workspace, `${name}:verify-image`);
      expect({ exitCode: verify.exitCode, table: verify.all }).toEqual({ exitCode: 0, table: expect.stringContaining('all checks passed') });
      const rows = String(verify.all);
      for (const check of ['size', 'user', 'healthcheck', 'build tools', 'healthy', 'stop']) {
        expect(rows).toMatch(new RegExp(`pass  ${check} `));
      }
      if (testCase.appType !== 'worker') expect(rows).toMatch(/pass {2}endpoint +GET \/health → 200/);
      expect(rows).toMatch(new RegExp(`pass  user +${expectedUid(testCase)}:`));

      const packageDir = join(workspace, 'packages', name);
      editFile(join(packageDir, testCase.sourceFile));
      const afterSource = await rebuild(workspace, name);
      await remember();
      const sourceSteps = dependencySteps(afterSource.log);
      expect(sourceSteps.length).toBeGreaterThan(0);
      expect(sourceSteps.filter((step) => !step.cached)).toEqual([]);

      editFile(join(packageDir, PACKAGE_MANAGERS[testCase.packageManager as PackageManagerId].dependencyFiles[0]!));
      const afterDependencies = await rebuild(workspace, name);
      await remember();
      expect(dependencySteps(afterDependencies.log).some((step) => !step.cached)).toBe(true);

      const size = /pass {2}size +(\S+ MB)/.exec(rows)![1];
      figures.push(`| ${name} | ${size} | ${coldSeconds.toFixed(1)} s | ${afterSource.seconds.toFixed(1)} s | ${afterDependencies.seconds.toFixed(1)} s |`);
      await execa(DOCKER, ['image', 'rm', '-f', image, ...builtImages], { reject: false });
    },
    BUILD_TIMEOUT_MS,
  );
});
