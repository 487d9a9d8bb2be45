/** The steps every workspace-member e2e case shares: generate with plop, then build, lint and verify through the project's Nx targets. */
import { expect } from '@jest/globals';
import { execa } from 'execa';
import { REPO_ROOT } from '../../support/cli.js';
import { DOCKER } from './engine.js';
import { StepProblem, exitReason, outputOf, requireSuccess, verifyFailure, type stepRunner } from './steps.js';
import { nxRun } from './workspace.js';

type Step = ReturnType<typeof stepRunner>;

/** `npx plop service -- <flags>` into the workspace, as a user runs it: its output, or the step's problem. */
export async function plopService(workspace: string, flags: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<string> {
  const run = await execa('npx', ['plop', '--dest', workspace, 'service', '--', ...flags], {
    cwd: REPO_ROOT,
    stdin: 'ignore',
    reject: false,
    all: true,
    env: { FORCE_COLOR: '0', ...env },
  });
  if (run.exitCode !== 0) throw new StepProblem(exitReason(run), outputOf(run));
  return outputOf(run);
}

/** Every image ID a tag pointed at: a rebuild leaves the one before untagged, and cleanup must remove it too. */
export function imageIds(image: string) {
  const ids = new Set<string>();
  const remember = async () => {
    const inspect = await execa(DOCKER, ['image', 'inspect', '-f', '{{.Id}}', image], { reject: false });
    if (inspect.exitCode === 0) ids.add(inspect.stdout.trim());
  };
  return { ids, remember };
}

/** build-image, lint-dockerfile and verify-image through Nx: every check passed, the health endpoint answering 200. */
export async function buildLintVerify(step: Step, workspace: string, project: string, remember: () => Promise<void>): Promise<void> {
  await step('build', async () => {
    requireSuccess(await nxRun(workspace, `${project}:build-image`));
    await remember();
  });
  await step('lint', async () => requireSuccess(await nxRun(workspace, `${project}:lint-dockerfile`)));
  await step('verify', async () => {
    const verify = await nxRun(workspace, `${project}:verify-image`);
    if (verify.exitCode !== 0) throw verifyFailure(verify);
    expect(String(verify.all)).toContain('all checks passed');
    expect(String(verify.all)).toMatch(/pass {2}endpoint +GET \/health → 200/);
  });
}
