/**
 * All of a run's writes to disk as one transaction. The folder `.dockwright-tx/` at the workspace
 * root is the lock (one writer at a time), the staging area (every new file is written there
 * first, so a full disk fails before the tree is touched) and the journal (what will be placed and
 * which files were backed up), from which a later run undoes what a killed run left. Conflicts are
 * checked again just before the first write. Between steps the event loop runs, so SIGINT or
 * SIGTERM can undo a commit half-way; any failure undoes it too.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { deliverPendingSignals, undoOnInterrupt } from './interrupts.js';
import type { PendingWrite } from '../core/apply.js';
import { lstatOrUndefined, type WorkspacePaths } from './fs-paths.js';
import { isProcessAlive } from './process-alive.js';

export const TRANSACTION_FOLDER = '.dockwright-tx';
const OWNER_FILE = 'owner.json';
const JOURNAL_FILE = 'journal.json';

interface JournalEntry {
  readonly path: string;
  /** Present in the transaction folder until the file is placed. */
  readonly staged: string;
  /** A copy of the file being replaced, when there was one. */
  readonly backup?: string;
}

interface Journal {
  readonly entries: readonly JournalEntry[];
  /** Folders the commit creates, outermost first. */
  readonly folders: readonly string[];
}

/** A write that cannot happen as planned; nothing was written. The message is one line. */
export class TransactionError extends Error {
  override readonly name = 'TransactionError';
}

export interface CommitReport {
  /** Set when an earlier run was killed mid-commit and its changes were undone first. */
  readonly recovered?: string;
}

export async function commitWrites(paths: WorkspacePaths, writes: readonly PendingWrite[]): Promise<CommitReport> {
  const folder = join(paths.root, TRANSACTION_FOLDER);
  let locked = false;
  let placing = false;
  let journal: Journal = { entries: [], folders: [] };
  // A workspace that does not exist yet (plop --dest new-folder) is created, and removed again on failure.
  const createdRoot = mkdirSync(paths.root, { recursive: true });
  let committed = false;
  const undo = () => {
    if (placing) undoCommit(paths.root, folder, journal);
    if (locked) rmSync(folder, { recursive: true, force: true });
    if (createdRoot && !committed) removeEmptyChain(paths.root, createdRoot);
  };
  // Registered before the lock exists: a signal the moment it appears must still undo it.
  const release = undoOnInterrupt(undo);
  let recovered: string | undefined;
  try {
    recovered = acquire(paths, folder, () => (locked = true));
    const targets = writes.map((write) => paths.forWrite(write.path));
    const entries = stage(paths.root, folder, writes);
    assertStillAsPlanned(writes, targets);
    journal = { entries, folders: missingFolders(paths.root, targets) };
    writeFileSync(join(folder, JOURNAL_FILE), JSON.stringify(journal));
    placing = true;
    for (const created of journal.folders) {
      mkdirSync(join(paths.root, created));
      await deliverPendingSignals();
    }
    for (const [index, entry] of entries.entries()) {
      if (entry.backup) copyFileSync(targets[index]!, join(folder, entry.backup));
      renameSync(join(folder, entry.staged), targets[index]!);
      await deliverPendingSignals();
    }
    placing = false;
    committed = true;
  } catch (error) {
    throw asTransactionError(error, paths.root);
  } finally {
    undo();
    release();
  }
  return recovered ? { recovered } : {};
}

/** Every new file written into the transaction folder first: a full disk fails here, before the tree is touched. */
function stage(root: string, folder: string, writes: readonly PendingWrite[]): JournalEntry[] {
  try {
    return writes.map((write, index): JournalEntry => {
      const staged = `${index}.new`;
      writeFileSync(join(folder, staged), write.content);
      return { path: write.path, staged, ...(write.previous === undefined ? {} : { backup: `${index}.old` }) };
    });
  } catch (error) {
    // Write errors carry no path; the staging folder is where they happened.
    throw asTransactionError(Object.assign(error as Error, { path: (error as NodeJS.ErrnoException).path ?? join(folder, 'staged') }), root);
  }
}

/** Takes the lock; a lock left by a run that no longer exists is undone and taken over. */
function acquire(paths: WorkspacePaths, folder: string, onLocked: () => void): string | undefined {
  let recovered: string | undefined;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      mkdirSync(folder);
      onLocked();
      writeFileSync(join(folder, OWNER_FILE), JSON.stringify({ pid: process.pid, started: new Date().toISOString() }));
      return recovered;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw asTransactionError(error, paths.root);
    }
    const owner = readOwner(folder);
    if (owner && isProcessAlive(owner.pid)) {
      throw new TransactionError(
        `another dockwright run (pid ${owner.pid}, since ${owner.started}) is writing to this workspace; nothing was written, run again when it has finished`,
      );
    }
    recovered = recoverInterruptedRun(paths.root, folder, owner?.pid);
  }
  throw new TransactionError(`cannot take the workspace lock ${TRANSACTION_FOLDER}; remove it if no dockwright run is active`);
}

/**
 * Undoes what a killed run left half-committed, before anything reads the tree; undefined when
 * there is nothing to undo (no transaction folder, or its owner still runs).
 */
export function recoverAbandonedCommit(paths: WorkspacePaths): string | undefined {
  const folder = join(paths.root, TRANSACTION_FOLDER);
  if (!existsSync(folder)) return undefined;
  const owner = readOwner(folder);
  return owner && isProcessAlive(owner.pid) ? undefined : recoverInterruptedRun(paths.root, folder, owner?.pid);
}

/** Undoes a commit that a killed run left half-done; returns what was done, for the report. */
function recoverInterruptedRun(root: string, folder: string, pid: number | undefined): string {
  const journal = readJson<Journal>(join(folder, JOURNAL_FILE));
  const undone = journal ? undoCommit(root, folder, journal) : 0;
  rmSync(folder, { recursive: true, force: true });
  return `an earlier run${pid ? ` (pid ${pid})` : ''} was interrupted; its ${undone} written file(s) were undone`;
}

/** Puts back every file an entry replaced and removes every file it added, newest first. */
function undoCommit(root: string, folder: string, journal: Journal): number {
  let undone = 0;
  for (const entry of [...journal.entries].reverse()) {
    if (existsSync(join(folder, entry.staged))) continue;
    const target = join(root, entry.path);
    if (entry.backup && existsSync(join(folder, entry.backup))) renameSync(join(folder, entry.backup), target);
    else rmSync(target, { force: true });
    undone += 1;
  }
  for (const created of [...journal.folders].reverse()) {
    const path = join(root, created);
    if (existsSync(path) && statSync(path).isDirectory() && readdirSync(path).length === 0) rmdirSync(path);
  }
  return undone;
}

/** Removes `folder` and its empty parents up to and including `outermost`. */
function removeEmptyChain(folder: string, outermost: string): void {
  for (let current = folder; current.startsWith(outermost); current = dirname(current)) {
    if (!existsSync(current) || readdirSync(current).length > 0) return;
    rmdirSync(current);
    if (current === outermost) return;
  }
}

/** The tree must still be as planning saw it: the same file content, and no folder where a file goes. */
function assertStillAsPlanned(writes: readonly PendingWrite[], targets: readonly string[]): void {
  const problems = writes.flatMap((write, index) => {
    const target = targets[index]!;
    const blocker = blockingAncestor(target);
    if (blocker) return [`${write.path} (${blocker} is a file)`];
    const stat = lstatOrUndefined(target);
    if (stat?.isDirectory()) return [`${write.path} (a folder is in the way)`];
    const current = stat ? readFileSync(target, 'utf8') : undefined;
    if (current === write.previous) return [];
    return [`${write.path} (${current === undefined ? 'removed' : write.previous === undefined ? 'created' : 'changed'} since dockwright read it)`];
  });
  if (problems.length > 0) throw new TransactionError(`cannot write as planned; nothing was written: ${problems.join(', ')}`);
}

function blockingAncestor(target: string): string | undefined {
  for (let folder = dirname(target); folder !== dirname(folder); folder = dirname(folder)) {
    const stat = lstatOrUndefined(folder);
    if (stat) return stat.isDirectory() ? undefined : folder;
  }
  return undefined;
}

function missingFolders(root: string, targets: readonly string[]): string[] {
  const missing = new Set<string>();
  for (const target of targets) {
    const chain: string[] = [];
    for (let folder = dirname(target); folder !== root && !existsSync(folder); folder = dirname(folder)) chain.unshift(relative(root, folder));
    for (const folder of chain) missing.add(folder);
  }
  return [...missing];
}

function readOwner(folder: string): { pid: number; started: string } | undefined {
  const owner = readJson<{ pid?: unknown; started?: unknown }>(join(folder, OWNER_FILE));
  return typeof owner?.pid === 'number' ? { pid: owner.pid, started: String(owner.started) } : undefined;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

const FS_PROBLEMS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EISDIR: 'a folder is in the way',
  ENOTDIR: 'a file is in the way',
};

/** File-system errors in one line that names the file and says nothing was written. */
function asTransactionError(error: unknown, root: string): Error {
  if (!(error instanceof Error) || error instanceof TransactionError || error.name === 'PathError') return error as Error;
  const { code, path } = error as NodeJS.ErrnoException;
  const problem = code ? FS_PROBLEMS[code] : undefined;
  const shown = path === undefined ? 'the workspace' : relative(root, path).split('\\').join('/') || '.';
  const what = shown.startsWith(`${TRANSACTION_FOLDER}/`) ? `stage the files in ${TRANSACTION_FOLDER}` : `write ${shown}`;
  return problem ? new TransactionError(`cannot ${what}: ${problem}; nothing was written`) : error;
}
