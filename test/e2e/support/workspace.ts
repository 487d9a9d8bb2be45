/** A throwaway Nx workspace that uses this repository's installed tools, and the real CLIs in it. */
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT } from '../../support/cli.js';
import type { E2ECase } from '../matrix.js';
import { DOCKER, dockerEnv } from './engine.js';

export function nxWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'dockwright-e2e-'));
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ name: 'e2e-workspace', private: true }, null, 2)}\n`);
  writeFileSync(join(root, 'nx.json'), '{}\n');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

/**
 * `npx plop service -- …` from the repository into the workspace, as a user runs it; for an
 * existing-package case the package is copied in first.
 */
export async function generateCase(workspace: string, name: string, testCase: E2ECase): Promise<void> {
  if (testCase.existing) {
    cpSync(join(REPO_ROOT, 'test/e2e/existing', testCase.existing), join(workspace, 'packages', name), { recursive: true });
  }
  const { stack, appType, packageManager, flags = [] } = testCase;
  const args = ['--name', name, '--stack', stack, '--appType', appType, '--packageManager', packageManager, ...flags];
  await execa('npx', ['plop', '--dest', workspace, 'service', '--', ...args], { cwd: REPO_ROOT, stdin: 'ignore' });
}

export async function nxRun(workspace: string, target: string) {
  return execa('npx', ['nx', 'run', target, '--outputStyle=static'], {
    cwd: workspace,
    env: dockerEnv(),
    stdin: 'ignore',
    reject: false,
    all: true,
  });
}

/** The project's build-image command with plain progress, so BuildKit's cache report can be read. */
export async function rebuild(workspace: string, name: string): Promise<{ seconds: number; log: string }> {
  const project = JSON.parse(readFileSync(join(workspace, 'packages', name, 'project.json'), 'utf8'));
  const command: string = project.targets['build-image'].options.command;
  const [, ...args] = command.split(' ');
  const started = Date.now();
  const run = await execa(DOCKER, [...args, '--progress=plain'], { cwd: workspace, env: dockerEnv(), stdin: 'ignore', all: true });
  return { seconds: (Date.now() - started) / 1000, log: String(run.all) };
}

/**
 * The dependency steps of a build, from BuildKit's plain log: every RUN of the `deps` stage (each
 * template installs its locked dependencies there, before any source), and whether each was CACHED.
 */
export function dependencySteps(log: string): { step: string; cached: boolean }[] {
  const steps = [...log.matchAll(/^#(\d+) \[deps \d+\/\d+\] RUN (.*)$/gm)];
  return steps.map(([, id, command]) => ({ step: command!, cached: new RegExp(`^#${id} CACHED$`, 'm').test(log) }));
}
