/**
 * apply(changes): every conflict is found before anything is written; then the writes happen in
 * order, and a failure part-way undoes what was done, so the workspace is left as it was.
 */
import { createTwoFilesPatch } from 'diff';
import type { Change } from './plan.js';

export type ChangeStatus = 'create' | 'overwrite' | 'merge' | 'unchanged' | 'conflict';

export interface WorkspaceWriter {
  /** Writes a file, creating missing parent folders; returns the folders it created, outermost first. */
  write(path: string, content: string): string[];
  remove(path: string): void;
  /** Removes a folder if it is empty. */
  removeEmptyFolder(path: string): void;
}

export interface ApplyOptions {
  readonly force: boolean;
  readonly dryRun: boolean;
}

export interface AppliedChange {
  readonly path: string;
  readonly status: ChangeStatus;
}

export class ConflictError extends Error {
  constructor(readonly paths: readonly string[]) {
    super(
      `${paths.length} file(s) exist and differ from what dockwright would write; nothing was written. ` +
        `Re-run with --force to overwrite them (project.json and next.config are merged, never overwritten): ${paths.join(', ')}`,
    );
    this.name = 'ConflictError';
  }
}

export function statusOf(change: Change, force: boolean): ChangeStatus {
  if (change.previous === undefined) return 'create';
  if (change.previous === change.content) return 'unchanged';
  if (change.ownership === 'merged') return 'merge';
  return force ? 'overwrite' : 'conflict';
}

export function assertNoConflicts(changes: readonly Change[], force: boolean): void {
  const conflicts = changes.filter((change) => statusOf(change, force) === 'conflict').map((change) => change.path);
  if (conflicts.length > 0) throw new ConflictError(conflicts);
}

export function apply(changes: readonly Change[], writer: WorkspaceWriter, options: ApplyOptions): AppliedChange[] {
  assertNoConflicts(changes, options.force);
  const statuses = changes.map((change) => ({ change, status: statusOf(change, options.force) }));
  const result = statuses.map(({ change, status }) => ({ path: change.path, status }));
  if (options.dryRun) return result;

  const done: Change[] = [];
  const createdFolders: string[] = [];
  try {
    for (const { change, status } of statuses) {
      if (status === 'unchanged') continue;
      createdFolders.push(...writer.write(change.path, change.content));
      done.push(change);
    }
  } catch (error) {
    rollBack(done, createdFolders, writer);
    throw error;
  }
  return result;
}

function rollBack(done: readonly Change[], createdFolders: readonly string[], writer: WorkspaceWriter): void {
  for (const change of [...done].reverse()) {
    if (change.previous === undefined) writer.remove(change.path);
    else writer.write(change.path, change.previous);
  }
  for (const folder of [...createdFolders].reverse()) writer.removeEmptyFolder(folder);
}

/** What a dry run prints: one line a file, and a unified diff for every file that already exists. */
export function describeChanges(changes: readonly Change[], force: boolean): string {
  return changes
    .map((change) => {
      const status = statusOf(change, force);
      const line = `${status.padEnd(9)} ${change.path}`;
      if (change.previous === undefined || status === 'unchanged') return line;
      const patch = createTwoFilesPatch(`a/${change.path}`, `b/${change.path}`, change.previous, change.content, '', '', {
        context: 3,
      });
      return `${line}\n${patch.split('\n').slice(2).join('\n').trimEnd()}`;
    })
    .join('\n');
}
