import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execa } from 'execa';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

export const tempWorkspace = (prefix = 'dockwright-test-') => mkdtempSync(join(tmpdir(), prefix));

/** `npx plop --dest <workspace> service -- <flags>`, run from the repository as a user runs it, stdin closed. */
export function plop(workspace: string, flags: readonly string[]) {
  return execa('npx', ['plop', '--dest', workspace, 'service', '--', ...flags], {
    cwd: REPO_ROOT,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
    env: { FORCE_COLOR: '0' },
  });
}

/** `npx dockwright service …` in a workspace, with its own TMPDIR so leftovers of the lock step can be seen. */
export async function dockwrightService(workspace: string, args: readonly string[], env: Readonly<Record<string, string>> = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'dockwright-tmpdir-'));
  const run = await execa('node', [join(REPO_ROOT, 'generators/bin/dockwright.js'), 'service', ...args], {
    cwd: workspace,
    reject: false,
    stdin: 'ignore',
    // npm run's NODE_OPTIONS preload resolves from the repository, not from the workspace.
    env: { TMPDIR: scratch, FORCE_COLOR: '0', NODE_OPTIONS: '', ...env },
  });
  return { ...run, leftovers: readdirSync(scratch).filter((entry) => entry.startsWith('dockwright-')) };
}

/** Every file under a folder with its content, by relative path. */
export function readTree(root: string): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const path = join(root, entry);
    if (statSync(path).isFile()) tree[relative(root, path)] = readFileSync(path, 'utf8');
  }
  return tree;
}

export interface TerminalStep {
  /** Wait until the screen output contains this... */
  readonly waitFor: RegExp;
  /** ...then type this (\r is Enter, \x1b[B is arrow down). */
  readonly send: string;
}

/** Runs a command in a pseudo-terminal (util-linux `script`) and answers its prompts in order. */
export function runInTerminal(command: string, steps: readonly TerminalStep[], timeoutMs = 60_000) {
  return new Promise<{ exitCode: number | null; output: string }>((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: REPO_ROOT, env: { ...process.env, TERM: 'xterm' } });
    let output = '';
    let step = 0;
    let consumed = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out at step ${step} waiting for ${steps[step]?.waitFor}; output:\n${output}`));
    }, timeoutMs);
    const advance = () => {
      while (step < steps.length) {
        const match = steps[step]!.waitFor.exec(output.slice(consumed));
        if (!match) return;
        consumed += match.index + match[0].length;
        child.stdin.write(steps[step]!.send);
        step += 1;
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      advance();
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, output });
    });
  });
}
