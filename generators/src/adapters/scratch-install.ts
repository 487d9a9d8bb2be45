/**
 * The package managers' commands, run in a scratch folder: never in the user's tree, so a run that
 * fails or is interrupted changes nothing there. Shared by every lockfile check and lock.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackageManagerDefinition } from '../core/stacks.js';
import { undoOnInterrupt } from './interrupts.js';
import { isProcessAlive } from './process-alive.js';

/** A lockfile that cannot pass the frozen install: the message is one line naming it and the fix. */
export class LockfileError extends Error {
  override readonly name = 'LockfileError';
}

type FrozenCheck = NonNullable<NonNullable<PackageManagerDefinition['host']>['frozenCheck']>;

/** Why the frozen install would fail, or undefined when it passes. */
export async function frozenCheckFailure(check: FrozenCheck, scratch: string, lockfile: string): Promise<string | undefined> {
  const before = readFileSync(join(scratch, lockfile), 'utf8');
  const result = await run(check.command, scratch);
  const output = `${result.stdout}\n${result.stderr}`;
  const reason = check.reasons.map((pattern) => pattern.exec(output)?.[1]).find(Boolean)?.trim();
  if (result.failed && !check.passedWhen?.test(output)) return reason ?? result.why;
  if (readFileSync(join(scratch, lockfile), 'utf8') !== before) return reason ?? `${lockfile} is not in step with package.json`;
  return undefined;
}

const SCRATCH_PREFIX = 'dockwright-lock-';
const SCRATCH_OWNER = new RegExp(`^${SCRATCH_PREFIX}(\\d+)-`);

/** A scratch folder named after this process, removed afterwards, on SIGINT/SIGTERM too. */
export async function inScratch<T>(work: (scratch: string) => Promise<T>): Promise<T> {
  removeAbandonedScratch();
  let scratch: string | undefined;
  const remove = () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  // Registered before the folder exists: a signal the moment it appears must still remove it.
  const release = undoOnInterrupt(remove);
  try {
    scratch = mkdtempSync(join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
    return await work(scratch);
  } finally {
    release();
    remove();
  }
}

/** Scratch folders of runs that were killed (SIGKILL leaves no chance to clean up). */
function removeAbandonedScratch(): void {
  for (const entry of readdirSync(tmpdir())) {
    const owner = SCRATCH_OWNER.exec(entry)?.[1];
    if (owner && !isProcessAlive(Number(owner))) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
  }
}

const CAUSE = /\b(?:E[A-Z]{4,}|ERR_PNPM_\w+|YN\d{4})\b/;

/** Our own tsx preload must not leak into package managers. */
function packageManagerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['NODE_OPTIONS', 'npm_config_node_options', 'NPM_CONFIG_NODE_OPTIONS']) delete env[key];
  return env;
}

export async function run(command: readonly string[], cwd: string): Promise<{ failed: boolean; why: string; stdout: string; stderr: string }> {
  const [program, ...args] = command;
  const { execa } = await import('execa');
  const result = await execa(program!, args, { cwd, env: packageManagerEnv(), extendEnv: false, reject: false, stdin: 'ignore' });
  const lines = String(result.stderr || result.stdout || result.message).trim().split('\n');
  // The line that names the cause (npm's `code`/errno, pnpm's ERR_PNPM_, Yarn's YN codes), else the last one.
  const lastLine = lines.find((line) => CAUSE.test(line)) ?? lines.at(-1) ?? '';
  return {
    failed: result.failed,
    why: result.code === 'ENOENT' ? `${program} is not installed` : lastLine,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
  };
}
