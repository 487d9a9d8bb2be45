/** The workspace on disk, for plop and the CLI. Paths are workspace-relative and POSIX-style. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { PendingWrite } from '../core/apply.js';
import type { WorkspaceReader } from '../core/workspace.js';
import { WorkspacePaths } from './fs-paths.js';
import { commitWrites, pendingRecovery, recoverAbandonedCommit, type CommitReport } from './fs-transaction.js';

export class FsWorkspace implements WorkspaceReader {
  private readonly paths: WorkspacePaths;

  constructor(root: string) {
    this.paths = new WorkspacePaths(root);
  }

  get root(): string {
    return this.paths.root;
  }

  exists(path: string): boolean {
    return existsSync(this.paths.forRead(path));
  }

  read(path: string): string | undefined {
    const file = this.paths.forRead(path);
    return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
  }

  children(path: string): string[] {
    const folder = path === '' ? this.paths.root : this.paths.forRead(path);
    return existsSync(folder) && statSync(folder).isDirectory() ? readdirSync(folder).sort() : [];
  }

  /**
   * Undoes what a run killed mid-commit left (a dry run only reports it); a line for the report
   * when there was something.
   */
  recoverAbandonedCommit({ dryRun }: { dryRun: boolean }): string | undefined {
    return dryRun ? pendingRecovery(this.paths) : recoverAbandonedCommit(this.paths);
  }

  /** Every write or none, as one transaction (see fs-transaction.ts). */
  commit(writes: readonly PendingWrite[]): Promise<CommitReport> {
    return commitWrites(this.paths, writes);
  }
}
