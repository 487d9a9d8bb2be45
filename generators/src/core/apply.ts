/**
 * From planned changes to writes: every conflict is found before anything is written, and
 * unchanged files are left alone. apply() hands the writes to an in-memory writer (the Nx Tree,
 * which reaches the disk only when Nx flushes it, and not at all after a failure); on disk they go
 * through one transaction (adapters/fs-transaction.ts).
 */
import { createTwoFilesPatch } from 'diff';
import type { Change } from './plan.js';
import type { WorkspaceReader } from './workspace.js';

export type ChangeStatus = 'create' | 'overwrite' | 'merge' | 'unchanged' | 'conflict';

export interface WorkspaceWriter {
  /** Writes a file, creating missing parent folders. */
  write(path: string, content: string): void;
}

export interface PendingWrite {
  readonly path: string;
  readonly content: string;
  /** What planning saw: the file must still hold exactly this when written (undefined: still absent). */
  readonly previous: string | undefined;
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
        `Re-run with --force to overwrite them (project.json and next.config are merged, never overwritten; in a compose file only this service's keys are replaced): ${paths.join(', ')}`,
    );
    this.name = 'ConflictError';
  }
}

export function statusOf(change: Change, force: boolean): ChangeStatus {
  if (change.previous === undefined) return 'create';
  if (change.previous === change.content) return 'unchanged';
  if (change.ownership === 'merged' && !change.replacesUserContent) return 'merge';
  if (change.ownership === 'merged') return force ? 'merge' : 'conflict';
  return force ? 'overwrite' : 'conflict';
}

export function assertNoConflicts(changes: readonly Change[], force: boolean, workspace?: WorkspaceReader): void {
  const conflicts = changes.filter((change) => statusOf(change, force) === 'conflict').map((change) => change.path);
  if (conflicts.length > 0) throw new ConflictError(conflicts);
  // A folder where a file goes reads as no file at all: found here, before any slow step, not at the commit.
  const blocked = workspace ? changes.filter((change) => change.previous === undefined && workspace.exists(change.path) && workspace.read(change.path) === undefined).map((change) => change.path) : [];
  if (blocked.length > 0) throw new Error(`cannot write as planned; nothing was written: ${blocked.map((path) => `${path} (a folder is in the way)`).join(', ')}`);
}

/** What a run writes, and the status of every planned file; throws ConflictError first. */
export function plannedWrites(changes: readonly Change[], force: boolean): { applied: AppliedChange[]; writes: PendingWrite[] } {
  assertNoConflicts(changes, force);
  const statuses = changes.map((change) => ({ change, status: statusOf(change, force) }));
  return {
    applied: statuses.map(({ change, status }) => ({ path: change.path, status })),
    writes: statuses.filter(({ status }) => status !== 'unchanged').map(({ change }) => ({ path: change.path, content: change.content, previous: change.previous })),
  };
}

export function apply(changes: readonly Change[], writer: WorkspaceWriter, options: ApplyOptions): AppliedChange[] {
  const { applied, writes } = plannedWrites(changes, options.force);
  if (!options.dryRun) for (const write of writes) writer.write(write.path, write.content);
  return applied;
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
