/**
 * Lockfiles for new packages, written by the package manager itself in a scratch folder before
 * anything touches the workspace, so they join the plan and are applied (or not) with it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Change } from '../core/plan.js';
import type { ServiceSpec } from '../core/spec.js';
import { PACKAGE_MANAGERS } from '../core/stacks.js';
import { packageRoot } from '../core/workspace.js';

/** The command that writes only the lockfile, with no install scripts; undefined when the lockfile is a template. */
function lockCommand(spec: ServiceSpec): readonly string[] | undefined {
  const pm = PACKAGE_MANAGERS[spec.packageManager];
  switch (pm.id) {
    case 'npm':
      return ['npm', 'install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'];
    case 'pnpm':
      return ['npx', '--yes', `pnpm@${pm.version}`, 'install', '--lockfile-only', '--ignore-scripts'];
    case 'yarn':
      return ['npx', '--yes', '-p', `@yarnpkg/cli-dist@${pm.version}`, 'yarn', 'install', '--mode=update-lockfile'];
    case 'poetry':
      return ['poetry', 'lock'];
    case 'uv':
      return ['uv', 'lock'];
    default:
      return undefined;
  }
}

/** Our own `--import tsx` must not leak into package managers running elsewhere. */
function packageManagerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['NODE_OPTIONS', 'npm_config_node_options', 'NPM_CONFIG_NODE_OPTIONS']) delete env[key];
  return env;
}

/** The lockfile for a new package, or undefined when the skeleton's template already is one (pip). */
export async function lockfileChange(spec: ServiceSpec, changes: readonly Change[]): Promise<Change | undefined> {
  const command = lockCommand(spec);
  if (!command) return undefined;
  const root = packageRoot(spec.name);
  const lockfile = `${root}/${PACKAGE_MANAGERS[spec.packageManager].lockfile}`;
  const scratch = mkdtempSync(join(tmpdir(), 'dockwright-lock-'));
  try {
    for (const change of changes) {
      const file = change.path.slice(root.length + 1);
      if (change.path.startsWith(`${root}/`) && !file.includes('/')) writeFileSync(join(scratch, file), change.content);
    }
    const [program, ...args] = command;
    const { execa } = await import('execa');
    const run = await execa(program!, args, { cwd: scratch, env: packageManagerEnv(), extendEnv: false, reject: false, stdin: 'ignore' });
    if (run.failed) {
      const lastLine = String(run.stderr || run.message).trim().split('\n').at(-1);
      const why = run.code === 'ENOENT' ? `${program} is not installed` : lastLine;
      throw new Error(`lockfile: \`${command.join(' ')}\` failed (${why}); fix that, or re-run with --skipInstall and lock it yourself`);
    }
    const content = readFileSync(join(scratch, basename(lockfile)), 'utf8');
    return { path: lockfile, content, previous: undefined, ownership: 'owned' };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
