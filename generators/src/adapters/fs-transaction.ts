/**
 * All of a run's writes to disk as one transaction. The folder `.dockwright-tx/` at the workspace
 * root is the lock (one writer at a time), the staging area (every new file is written there
 * first, so a full disk fails before the tree is touched) and the journal (what will be placed and
 * which files were backed up), from which a later run undoes what a killed run left. Conflicts are
 * checked again just before the first write. Between steps the event loop runs, so SIGINT or
 * SIGTERM can undo a commit half-way; any failure undoes it too.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
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
    if (placing) undoCommit(paths, folder, journal);
    if (locked) releaseLock(folder);
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

/**
 * Takes the lock atomically: the folder is made complete (owner.json inside) under a private name
 * and renamed into place, which fails while another run's folder is there. A folder whose owner is
 * gone is taken over (see takeOver) and undone first.
 */
function acquire(paths: WorkspacePaths, folder: string, onLocked: () => void): string | undefined {
  removeAbandonedLockFolders(paths.root);
  let recovered: string | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const candidate = `${folder}.${process.pid}-${randomUUID()}`;
    mkdirSync(candidate);
    writeFileSync(join(candidate, OWNER_FILE), JSON.stringify({ pid: process.pid, root: paths.root, started: new Date().toISOString() }));
    try {
      renameSync(candidate, folder);
      onLocked();
      return recovered;
    } catch (error) {
      rmSync(candidate, { recursive: true, force: true });
      if (!['EEXIST', 'ENOTEMPTY', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw asTransactionError(error, paths.root);
    }
    const owner = readOwner(folder);
    if (owner === 'live' || (owner !== 'gone' && isProcessAlive(owner.pid))) {
      const who = owner === 'live' ? 'another dockwright run' : `another dockwright run (pid ${owner.pid}, since ${owner.started})`;
      throw new TransactionError(
        `${who} is writing to this workspace; nothing was written. Run again when it has finished (if none is running, remove ${TRANSACTION_FOLDER})`,
      );
    }
    recovered = takeOver(paths, folder, owner === 'gone' ? undefined : owner.pid) ?? recovered;
  }
  throw new TransactionError(`cannot take the workspace lock ${TRANSACTION_FOLDER}; if no dockwright run is active, remove it`);
}

/** Lock candidates and released locks of runs killed before they could remove them (never one being undone). */
const ABANDONED_LOCK_FOLDER = new RegExp(`^${TRANSACTION_FOLDER.replaceAll('.', '\\.')}\\.(?:done-)?(\\d+)-`);

function removeAbandonedLockFolders(root: string): void {
  for (const entry of readdirSync(root)) {
    const pid = ABANDONED_LOCK_FOLDER.exec(entry)?.[1];
    if (pid && !isProcessAlive(Number(pid))) rmSync(join(root, entry), { recursive: true, force: true });
  }
}

/**
 * Moved aside in one rename before it is deleted: the next run can take the lock at once, and
 * never finds (or fills) a half-deleted folder.
 */
function releaseLock(folder: string): void {
  const released = `${folder}.done-${process.pid}-${randomUUID()}`;
  renameSync(folder, released);
  rmSync(released, { recursive: true, force: true });
}

/**
 * Undoes what a killed run left half-committed, before anything reads the tree; undefined when
 * there is nothing to undo (no transaction folder, or its owner still runs).
 */
export function recoverAbandonedCommit(paths: WorkspacePaths): string | undefined {
  const folder = join(paths.root, TRANSACTION_FOLDER);
  if (!existsSync(folder)) return undefined;
  const owner = readOwner(folder);
  if (owner === 'live' || (owner !== 'gone' && isProcessAlive(owner.pid))) return undefined;
  return takeOver(paths, folder, owner === 'gone' ? undefined : owner.pid);
}

/** What a dry run says about a folder a killed run left: the next real run undoes it. */
export function pendingRecovery(paths: WorkspacePaths): string | undefined {
  const folder = join(paths.root, TRANSACTION_FOLDER);
  if (!existsSync(folder)) return undefined;
  const owner = readOwner(folder);
  if (owner === 'live' || (owner !== 'gone' && isProcessAlive(owner.pid))) return undefined;
  return `${TRANSACTION_FOLDER} was left by an interrupted run; the next run that writes undoes it first`;
}

/**
 * Moves the abandoned folder aside (one rename: of several runs, exactly one wins it), then undoes
 * its journal. Undefined when another run won.
 */
function takeOver(paths: WorkspacePaths, folder: string, pid: number | undefined): string | undefined {
  const taken = `${folder}.undo-${process.pid}-${randomUUID()}`;
  try {
    renameSync(folder, taken);
  } catch {
    return undefined;
  }
  try {
    const journal = readJournal(taken);
    const undone = journal ? undoCommit(paths, taken, journal) : [];
    const what = undone.length > 0 ? `undid ${undone.join(', ')}` : 'nothing of it had reached the tree';
    return `an earlier run${pid ? ` (pid ${pid})` : ''} was interrupted while writing; ${what}`;
  } finally {
    rmSync(taken, { recursive: true, force: true });
  }
}

/** Puts back every file an entry replaced and removes every file it added, newest first; returns what it touched. */
function undoCommit(paths: WorkspacePaths, folder: string, journal: Journal): string[] {
  const undone: string[] = [];
  for (const entry of [...journal.entries].reverse()) {
    if (existsSync(join(folder, entry.staged))) continue;
    const target = paths.forWrite(entry.path);
    if (entry.backup && existsSync(join(folder, entry.backup))) renameSync(join(folder, entry.backup), target);
    else rmSync(target, { force: true });
    undone.push(entry.path);
  }
  for (const created of [...journal.folders].reverse()) {
    const path = paths.forWrite(created);
    if (existsSync(path) && statSync(path).isDirectory() && readdirSync(path).length === 0) rmdirSync(path);
  }
  return undone;
}

const STAGED_NAME = /^\d+\.new$/;
const BACKUP_NAME = /^\d+\.old$/;

/**
 * The journal, only when it is one this code wrote: entries and folders that are plain workspace
 * paths (checked again by forWrite when used), file names of the form the staging uses.
 */
function readJournal(folder: string): Journal | undefined {
  const journal = readJson<{ entries?: unknown; folders?: unknown }>(join(folder, JOURNAL_FILE));
  const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
  const entries = Array.isArray(journal?.entries) ? journal.entries : undefined;
  const folders = Array.isArray(journal?.folders) ? journal.folders : undefined;
  const valid =
    entries?.every((entry: Record<string, unknown>) => isText(entry?.path) && isText(entry.staged) && STAGED_NAME.test(entry.staged) && (entry.backup === undefined || (isText(entry.backup) && BACKUP_NAME.test(entry.backup)))) &&
    folders?.every(isText);
  if (journal !== undefined && !valid) {
    throw new TransactionError(`${TRANSACTION_FOLDER}/${JOURNAL_FILE} is not a journal dockwright wrote; nothing was undone or written. Check the files it names, then remove ${TRANSACTION_FOLDER}`);
  }
  return journal === undefined ? undefined : (journal as Journal);
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

/** A lock folder younger than this with no readable owner may still be being set up by hand: left alone. */
const UNKNOWN_OWNER_GRACE_MS = 60_000;

function readOwner(folder: string): { pid: number; started: string } | 'live' | 'gone' {
  const owner = readJson<{ pid?: unknown; started?: unknown }>(join(folder, OWNER_FILE));
  if (typeof owner?.pid === 'number' && Number.isInteger(owner.pid) && owner.pid > 0) return { pid: owner.pid, started: String(owner.started) };
  const age = Date.now() - (lstatOrUndefined(folder)?.mtimeMs ?? 0);
  return age < UNKNOWN_OWNER_GRACE_MS ? 'live' : 'gone';
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
