/**
 * One e2e case, as named steps: generate (its lockfile step reports as `lock`), build, lint,
 * verify (a failed run or health check reports as `run` or `health`), rebuild after source edit,
 * rebuild after dependency edit. Pass or fail, the case's containers, images and workspace go.
 */
import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { PACKAGE_MANAGERS, type PackageManagerId } from '../../../generators/src/core/stacks.js';
import { expectedUid, healthPath, type E2ECase } from '../matrix.js';
import { routeStatus } from './app-route.js';
import { removeCaseImages } from './cleanup.js';
import { editFile } from './edits.js';
import { DOCKER } from './engine.js';
import { StepProblem, failedChecks, generateFailureStep, outputOf, exitReason, requireSuccess, stepRunner, verifyFailure } from './steps.js';
import { dependencySteps, generateCase, nxRun, nxWorkspace, rebuild, removeWorkspace } from './workspace.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Healthy inside (verify's healthy row passed) and the endpoint row failed saying why, with the expected text. */
const unreachableAsExpected = (table: string, reason: RegExp) =>
  /pass {2}healthy +healthy after/.test(table) && failedChecks(table).some(({ check, detail }) => check === 'endpoint' && reason.test(detail));

/** Runs a case; resolves to its figures row (size and build times) for the README table. */
export async function runCase(name: string, testCase: E2ECase): Promise<string> {
  const step = stepRunner(name);
  const image = `${name}:latest`;
  const builtImages = new Set<string>();
  /** Every image ID the tag pointed at: a rebuild leaves the one before untagged, still on disk. */
  const remember = async () => {
    const inspect = await execa(DOCKER, ['image', 'inspect', '-f', '{{.Id}}', image], { reject: false });
    if (inspect.exitCode === 0) builtImages.add(inspect.stdout.trim());
  };

  // What an interrupted earlier run may have left under this case's name.
  await removeCaseImages(image, []);
  const workspace = nxWorkspace();
  let failed = false;
  try {
    await step('generate', async () => {
      const generated = await generateCase(workspace, name, testCase);
      const output = outputOf(generated);
      if (generated.exitCode !== 0) throw new StepProblem(exitReason(generated), output, generateFailureStep(output));
      // What a fixture case must detect (a package manager flavour: yarn1).
      expect(output).toContain(`${testCase.stack} ${testCase.appType} (${testCase.packageManager}) ready`);
    });

    const coldSeconds = await step('build', async () => {
      const started = Date.now();
      requireSuccess(await nxRun(workspace, `${name}:build-image`));
      const seconds = (Date.now() - started) / 1000;
      await remember();
      return seconds;
    });

    await step('lint', async () => requireSuccess(await nxRun(workspace, `${name}:lint-dockerfile`)));

    const rows = await step('verify', async () => {
      const verify = await nxRun(workspace, `${name}:verify-image`);
      // verify-image depends on build-image: Nx builds again (from cache) first.
      await remember();
      const table = String(verify.all);
      if (verify.exitCode !== 0 && testCase.unreachableFromHost && unreachableAsExpected(table, testCase.unreachableFromHost)) return { table, unreachable: true };
      if (verify.exitCode !== 0) throw verifyFailure(verify);
      expect(table).toContain('all checks passed');
      for (const check of ['size', 'user', 'healthcheck', 'build tools', 'app files', 'healthy', 'stop']) {
        expect(table).toMatch(new RegExp(`pass  ${check} `));
      }
      if (testCase.appType !== 'worker') expect(table).toMatch(new RegExp(`pass {2}endpoint +GET ${escape(healthPath(testCase))} → 200`));
      expect(table).toMatch(new RegExp(`pass  user +${expectedUid(testCase)}:`));
      // Healthy as the manifests run it (design.md §4.13).
      expect(table).toMatch(/pass {2}healthy +healthy after \d+ s \(read-only root, tmpfs \/tmp[^)]*, cap-drop ALL, no-new-privileges\)/);
      return { table, unreachable: false };
    });
    const size = /pass {2}size +(\S+ MB)/.exec(rows.table)?.[1] ?? '?';
    if (rows.unreachable) return `| ${name} | ${size} | ${coldSeconds.toFixed(1)} s | unreachable from the host, as verify-image says | — |`;

    if (testCase.route) {
      const route = testCase.route;
      await step('route', async () => {
        const port = Number(/^EXPOSE (\d+)$/m.exec(readFileSync(join(workspace, 'docker', `${name}.Dockerfile`), 'utf8'))?.[1]);
        expect(`GET ${route} → ${await routeStatus(image, port, route)}`).toBe(`GET ${route} → 200`);
      });
    }

    const packageDir = join(workspace, 'packages', name);
    const afterSource = await step('rebuild after source edit', async () => {
      editFile(join(packageDir, testCase.sourceFile));
      const run = await rebuild(workspace, name);
      requireSuccess({ exitCode: run.exitCode, all: run.log });
      await remember();
      const sourceSteps = dependencySteps(run.log);
      expect(sourceSteps.length).toBeGreaterThan(0);
      expect(sourceSteps.filter((dependencyStep) => !dependencyStep.cached)).toEqual([]);
      return run;
    });

    const afterDependencies = await step('rebuild after dependency edit', async () => {
      editFile(join(packageDir, PACKAGE_MANAGERS[testCase.packageManager as PackageManagerId].dependencyFiles[0]!));
      const run = await rebuild(workspace, name);
      requireSuccess({ exitCode: run.exitCode, all: run.log });
      await remember();
      expect(dependencySteps(run.log).some((dependencyStep) => !dependencyStep.cached)).toBe(true);
      return run;
    });

    return `| ${name} | ${size} | ${coldSeconds.toFixed(1)} s | ${afterSource.seconds.toFixed(1)} s | ${afterDependencies.seconds.toFixed(1)} s |`;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    const left = await removeCaseImages(image, [...builtImages]);
    try {
      removeWorkspace(workspace);
    } catch (error) {
      left.push(`workspace ${workspace}: ${(error as Error).message}`);
    }
    if (left.length > 0) {
      const message = `${name}: cleanup failed (left behind: ${left.join(', ')})`;
      // Never hide the step that failed behind the cleanup's own failure.
      if (failed) console.error(message);
      else throw new Error(message);
    }
  }
}
