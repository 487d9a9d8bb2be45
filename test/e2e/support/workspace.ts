/** A throwaway Nx workspace that uses this repository's installed tools, and the real CLIs in it. */
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT } from '../../support/cli.js';
import { generatorArgs, type E2ECase } from '../matrix.js';
import { DOCKER, dockerEnv } from './engine.js';

const WORKSPACE_PREFIX = 'dockwright-e2e-';

export function nxWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), WORKSPACE_PREFIX));
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ name: 'e2e-workspace', private: true }, null, 2)}\n`);
  writeFileSync(join(root, 'nx.json'), '{}\n');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

/**
 * A copy of a test/fixtures/workspaces fixture as a workspace of its own: nx.json, and this
 * repository's tools on node_modules (never sent to the daemon: the context lets in only what the
 * image needs). That node_modules is not the workspace's install, so Nx is told not to read the
 * lockfile against it (its pnpm parser needs the install's node_modules/.modules.yaml).
 */
export function workspaceFrom(fixture: string): string {
  const root = mkdtempSync(join(tmpdir(), WORKSPACE_PREFIX));
  cpSync(join(REPO_ROOT, 'test/fixtures/workspaces', fixture), root, { recursive: true });
  // An Nx fixture keeps its own nx.json (its build inside the image reads it).
  if (!existsSync(join(root, 'nx.json'))) writeFileSync(join(root, 'nx.json'), `${JSON.stringify({ pluginsConfig: { '@nx/js': { analyzeLockfile: false } } }, null, 2)}\n`);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

/**
 * Removes a workspace nxWorkspace() or workspaceFrom() made: its node_modules link first (unlinked, never followed:
 * it is the repository's own), then the folder. rmSync would not follow the link either.
 */
export function removeWorkspace(root: string): void {
  if (dirname(root) !== tmpdir() || !basename(root).startsWith(WORKSPACE_PREFIX)) {
    throw new Error(`not a workspace nxWorkspace() or workspaceFrom() made: ${root}`);
  }
  const link = join(root, 'node_modules');
  if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(link);
  rmSync(root, { recursive: true, force: true });
}

/**
 * `npx plop service -- …` from the repository into the workspace, as a user runs it; for an
 * existing-package or fixture case the package is copied in first. Resolves to the run, failed or not.
 */
export async function generateCase(workspace: string, name: string, testCase: E2ECase) {
  if (testCase.existing && testCase.fixture) throw new Error(`${name}: existing and fixture are exclusive`);
  const source = testCase.fixture
    ? join(REPO_ROOT, testCase.fixture)
    : testCase.existing
      ? join(REPO_ROOT, 'test/e2e/existing', testCase.existing)
      : undefined;
  if (source) {
    if (!existsSync(source)) throw new Error(`no such folder to copy into the workspace: ${source}`);
    cpSync(source, join(workspace, 'packages', name), { recursive: true });
  }
  return execa('npx', ['plop', '--dest', workspace, 'service', '--', ...generatorArgs(name, testCase)], {
    cwd: REPO_ROOT,
    stdin: 'ignore',
    reject: false,
    all: true,
    env: { FORCE_COLOR: '0' },
  });
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
export async function rebuild(
  workspace: string,
  name: string,
  extra: readonly string[] = [],
): Promise<{ seconds: number; log: string; exitCode: number | undefined }> {
  const project = JSON.parse(readFileSync(join(workspace, 'packages', name, 'project.json'), 'utf8'));
  const command: string = project.targets['build-image'].options.command;
  const [, ...args] = command.split(' ');
  const started = Date.now();
  const run = await execa(DOCKER, [...args, '--progress=plain', ...extra], { cwd: workspace, env: dockerEnv(), stdin: 'ignore', all: true, reject: false });
  return { seconds: (Date.now() - started) / 1000, log: String(run.all), exitCode: run.exitCode };
}

/**
 * The dependency steps of a build, from BuildKit's plain log: every RUN of the `deps` stage (each
 * template installs its locked dependencies there, before any source), and whether each was CACHED.
 */
export const dependencySteps = (log: string) => runSteps(log, 'deps');

/** Every RUN of one stage in BuildKit's plain log, once each (the log repeats a step's header when its output resumes), and whether each was CACHED. */
export function runSteps(log: string, stage: string): { step: string; cached: boolean }[] {
  const steps = new Map([...log.matchAll(new RegExp(`^#(\\d+) \\[${stage} \\d+/\\d+\\] RUN (.*)$`, 'gm'))].map(([, id, command]) => [id!, command!]));
  return [...steps].map(([id, command]) => ({ step: command, cached: new RegExp(`^#${id} CACHED$`, 'm').test(log) }));
}
