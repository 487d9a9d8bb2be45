/**
 * The file-system guarantees, attacked as a hostile environment would: symbolic links leading
 * out, a folder where a file goes, a full disk, SIGINT/SIGTERM/SIGKILL at the first write,
 * concurrent runs. After each, the tree is as it was (or, for a run that finished, complete),
 * nothing was written outside the workspace, and no staging or scratch folder is left.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT, readTree, tempWorkspace } from '../support/cli.js';

const CLI = join(REPO_ROOT, 'generators/bin/dockwright.js');
/** npm run's NODE_OPTIONS preload resolves from the repository, not from the workspace. */
const ENV = { FORCE_COLOR: '0', NODE_OPTIONS: '' };
const mounts: string[] = [];

afterAll(() => {
  for (const mount of mounts) execFileSync('umount', [mount]);
});

function dockwright(workspace: string, args: readonly string[], env: Record<string, string> = {}) {
  return execa('node', [CLI, 'service', ...args], { cwd: workspace, reject: false, stdin: 'ignore', env: { ...ENV, ...env } });
}

/** Every file under the workspace, symbolic links not followed (readTree follows none: it lists the workspace's own files). */
const snapshot = (workspace: string) => readTree(workspace);

const leftovers = (workspace: string) => readdirSync(workspace).filter((entry) => entry.startsWith('.dockwright'));

describe('symbolic links out of the workspace', () => {
  const layouts: [string, (workspace: string, outside: string) => void][] = [
    ['the service folder is a link', (workspace, outside) => {
      mkdirSync(join(workspace, 'packages'));
      symlinkSync(outside, join(workspace, 'packages/evil'));
    }],
    ['packages/ is a link', (workspace, outside) => symlinkSync(outside, join(workspace, 'packages'))],
    ['docker/ is a link', (workspace, outside) => symlinkSync(outside, join(workspace, 'docker'))],
    ['a sub-folder of the service is a link', (workspace, outside) => {
      mkdirSync(join(workspace, 'packages/evil'), { recursive: true });
      symlinkSync(outside, join(workspace, 'packages/evil/app'));
    }],
    ['a file dockwright writes is a link', (workspace, outside) => {
      mkdirSync(join(workspace, 'docker'));
      writeFileSync(join(outside, 'target'), 'theirs\n');
      symlinkSync(join(outside, 'target'), join(workspace, 'docker/evil.Dockerfile'));
    }],
  ];

  it.each(layouts)('%s: refused in one line, nothing written anywhere', async (_label, layout) => {
    const workspace = tempWorkspace();
    const outside = mkdtempSync(join(tmpdir(), 'dockwright-outside-'));
    layout(workspace, outside);
    const before = readdirSync(outside);
    const run = await dockwright(workspace, ['--name', 'evil', '--stack', 'python', '--force']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^dockwright service: refusing to write \S+: \S+ is a symbolic link \(to .+\); dockwright writes only through real folders of the workspace$/);
    expect(readdirSync(outside)).toEqual(before);
    expect(leftovers(workspace)).toEqual([]);
  });
});

describe('failures leave the tree as it was', () => {
  it('a folder where the Dockerfile goes', async () => {
    const workspace = tempWorkspace();
    mkdirSync(join(workspace, 'docker/svc.Dockerfile'), { recursive: true });
    const run = await dockwright(workspace, ['--name', 'svc', '--stack', 'node', '--skipInstall']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('dockwright service: cannot write as planned; nothing was written: docker/svc.Dockerfile (a folder is in the way)');
    expect(readdirSync(workspace).sort()).toEqual(['docker']);
    expect(readdirSync(join(workspace, 'docker/svc.Dockerfile'))).toEqual([]);
  });

  it('a full disk (a 32 KB tmpfs)', async () => {
    if (process.getuid?.() !== 0) {
      console.warn('*** SKIPPING the full-disk test: mounting a tmpfs needs root ***');
      return;
    }
    const workspace = mkdtempSync(join(tmpdir(), 'dockwright-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32k', 'tmpfs', workspace]);
    mounts.push(workspace);
    const run = await dockwright(workspace, ['--name', 'web', '--stack', 'nextjs', '--skipInstall']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('dockwright service: cannot stage the files in .dockwright-tx: no space left on the device; nothing was written');
    expect(readdirSync(workspace)).toEqual([]);
  });
});

/** A git repository holding one committed service, so `git status --porcelain` shows any change. */
async function committedWorkspace(): Promise<string> {
  const workspace = tempWorkspace();
  await dockwright(workspace, ['--name', 'first', '--stack', 'python']);
  for (const args of [['init', '-q'], ['add', '-A'], ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'base']]) {
    execFileSync('git', args, { cwd: workspace });
  }
  return workspace;
}

/** Starts a run and sends the signal the moment its transaction folder (or, with lockStep, its scratch folder) appears. */
function interruptedRun(workspace: string, args: readonly string[], signal: NodeJS.Signals, at: 'commit' | 'lock step') {
  const scratch = mkdtempSync(join(tmpdir(), 'dockwright-tmpdir-'));
  const child = spawn('node', [CLI, 'service', ...args], { cwd: workspace, stdio: 'ignore', env: { ...process.env, ...ENV, TMPDIR: scratch } });
  const watched = at === 'commit' ? workspace : scratch;
  const watcher = watch(watched, () => {
    if (readdirSync(watched).some((entry) => entry.startsWith('.dockwright-tx') || entry.startsWith('dockwright-lock-'))) {
      watcher.close();
      child.kill(signal);
    }
  });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; scratch: string }>((resolve) =>
    child.on('exit', (code, exitSignal) => {
      watcher.close();
      resolve({ code, signal: exitSignal, scratch });
    }),
  );
}

const gitStatus = (workspace: string) => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: workspace, encoding: 'utf8' });
const changedFiles = (workspace: string) => gitStatus(workspace).split('\n').filter(Boolean).map((line) => line.slice(3)).sort();

describe('a transaction folder left behind', () => {
  function abandoned(workspace: string, journal: unknown): void {
    mkdirSync(join(workspace, '.dockwright-tx'));
    writeFileSync(join(workspace, '.dockwright-tx/owner.json'), JSON.stringify({ pid: 2 ** 22 + 7, started: 'earlier' }));
    writeFileSync(join(workspace, '.dockwright-tx/journal.json'), JSON.stringify(journal));
  }

  it('a journal naming a file outside the workspace: nothing outside is touched, one line, nothing written', async () => {
    const workspace = tempWorkspace();
    const outside = mkdtempSync(join(tmpdir(), 'dockwright-victim-'));
    writeFileSync(join(outside, 'precious.txt'), 'keep\n');
    abandoned(workspace, { entries: [{ path: `../${outside.split('/').pop()}/precious.txt`, staged: '0.new' }], folders: [] });
    const run = await dockwright(workspace, ['--name', 'b', '--stack', 'go']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^dockwright service: refusing to touch .*: not a plain path inside the workspace$/);
    expect(readFileSync(join(outside, 'precious.txt'), 'utf8')).toBe('keep\n');
    expect(existsSync(join(workspace, 'docker'))).toBe(false);
  });

  it('a journal of the wrong shape: one line naming the folder, nothing undone or written', async () => {
    const workspace = tempWorkspace();
    abandoned(workspace, { entries: 5 });
    const run = await dockwright(workspace, ['--name', 'b', '--stack', 'go']);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({
      exitCode: 1,
      stderr: 'dockwright service: .dockwright-tx/journal.json is not a journal dockwright wrote; nothing was undone or written. Check the files it names, then remove .dockwright-tx',
    });
  });

  it('a dry run reports it and undoes nothing; the next real run undoes it and says what', async () => {
    const workspace = tempWorkspace();
    mkdirSync(join(workspace, 'docker'));
    writeFileSync(join(workspace, 'docker/half.Dockerfile'), 'FROM scratch\n');
    abandoned(workspace, { entries: [{ path: 'docker/half.Dockerfile', staged: '0.new' }], folders: [] });
    const dry = await dockwright(workspace, ['--name', 'b', '--stack', 'go', '--dryRun']);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('notice    .dockwright-tx was left by an interrupted run; the next run that writes undoes it first');
    expect(existsSync(join(workspace, 'docker/half.Dockerfile'))).toBe(true);
    const real = await dockwright(workspace, ['--name', 'b', '--stack', 'go']);
    expect(real.exitCode).toBe(0);
    expect(real.stdout).toContain('notice    an earlier run (pid 4194311) was interrupted while writing; undid docker/half.Dockerfile');
    expect(existsSync(join(workspace, 'docker/half.Dockerfile'))).toBe(false);
    expect(leftovers(workspace)).toEqual([]);
  });
});

describe('signals', () => {
  const args = ['--name', 'second', '--stack', 'node', '--skipInstall'];
  const TRIES = 10;

  it.each(['SIGINT', 'SIGTERM'] as const)(`%s at the first write, ${TRIES} times: the tree is as it was, or complete; never partial`, async (signal) => {
    // What a run that completes changes in the same workspace: its new files and the compose.yaml it merges into.
    const complete = await committedWorkspace();
    await dockwright(complete, args);
    const completeFiles = changedFiles(complete);
    for (let attempt = 0; attempt < TRIES; attempt += 1) {
      const workspace = await committedWorkspace();
      const run = await interruptedRun(workspace, args, signal, 'commit');
      const changed = changedFiles(workspace);
      expect({ attempt, changed: changed.length === 0 ? 'none' : changed }).toEqual({ attempt, changed: changed.length === 0 ? 'none' : completeFiles });
      if (changed.length === 0) expect(run.code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(leftovers(workspace)).toEqual([]);
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 120_000);

  it.each(['SIGINT', 'SIGTERM'] as const)('%s during the lock step: exit 128+n, the tree as it was, the scratch folder removed', async (signal) => {
    const workspace = await committedWorkspace();
    const run = await interruptedRun(workspace, ['--name', 'second', '--stack', 'node'], signal, 'lock step');
    expect(run.code).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(gitStatus(workspace)).toBe('');
    expect(readdirSync(run.scratch).filter((entry) => entry.startsWith('dockwright-'))).toEqual([]);
  }, 60_000);

  it(`SIGKILL at the first write, ${TRIES} times: the next run undoes what was left and completes`, async () => {
    for (let attempt = 0; attempt < TRIES; attempt += 1) {
      const workspace = await committedWorkspace();
      const killed = await interruptedRun(workspace, args, 'SIGKILL', 'commit');
      // The kill lands mid-run, or just after a run that finished: either way the next run must complete.
      expect(killed.signal === 'SIGKILL' || killed.code === 0).toBe(true);
      const again = await dockwright(workspace, args);
      expect({ attempt, exitCode: again.exitCode, stderr: again.stderr }).toEqual({ attempt, exitCode: 0, stderr: '' });
      expect(leftovers(workspace)).toEqual([]);
      const reference = tempWorkspace();
      await dockwright(reference, ['--name', 'first', '--stack', 'python']);
      await dockwright(reference, args);
      expect(snapshot(workspace)).toEqual(expect.objectContaining(snapshot(reference)));
      rmSync(workspace, { recursive: true, force: true });
    }
  }, 180_000);
});

/** The one-line ways a run that lost a race may fail; never a raw file-system error. */
const LOST_RACE =
  /^dockwright service: (another dockwright run( \(pid \d+, since .+\))? is writing to this workspace; nothing was written\. Run again when it has finished \(if none is running, remove \.dockwright-tx\)|cannot write as planned; nothing was written: .*(created|changed) since dockwright read it.*|\d+ file\(s\) exist and differ.*)$/;

describe('concurrent runs', () => {
  it('six runs at once for six services, three rounds: every run that succeeds wrote its own files and only those, every other one failed in one line', async () => {
    for (let round = 0; round < 3; round += 1) {
      const workspace = tempWorkspace();
      const names = [0, 1, 2, 3, 4, 5].map((index) => `r${round}s${index}`);
      const runs = await Promise.all(names.map((name) => dockwright(workspace, ['--name', name, '--stack', 'go'])));
      for (const [index, run] of runs.entries()) {
        const name = names[index]!;
        if (run.exitCode === 0) {
          expect(readFileSync(join(workspace, `docker/${name}.Dockerfile`), 'utf8')).toMatch(new RegExp(`^# ${name}: `));
          expect(readFileSync(join(workspace, `packages/${name}/go.mod`), 'utf8')).toMatch(new RegExp(`^module ${name}\\b`, 'm'));
        } else {
          expect({ name, stderr: run.stderr }).toEqual({ name, stderr: expect.stringMatching(LOST_RACE) });
          expect(existsSync(join(workspace, `packages/${name}`))).toBe(false);
        }
      }
      expect(leftovers(workspace)).toEqual([]);
    }
  }, 120_000);

  it('two runs for the same service with different ports: one wins, the other fails in one line, never a mix', async () => {
    const workspace = tempWorkspace();
    const runs = await Promise.all([
      dockwright(workspace, ['--name', 'svc', '--stack', 'node', '--port', '3001', '--skipInstall']),
      dockwright(workspace, ['--name', 'svc', '--stack', 'node', '--port', '3002', '--skipInstall']),
    ]);
    const codes = runs.map((run) => run.exitCode).sort();
    expect(codes).toEqual([0, 1]);
    const loser = runs.find((run) => run.exitCode === 1)!;
    expect(loser.stderr).toMatch(LOST_RACE);
    const winnerPort = runs[0]!.exitCode === 0 ? '3001' : '3002';
    expect(snapshot(workspace)['docker/svc.Dockerfile']).toContain(`EXPOSE ${winnerPort}`);
    expect(existsSync(join(workspace, '.dockwright-tx'))).toBe(false);
  });
});
