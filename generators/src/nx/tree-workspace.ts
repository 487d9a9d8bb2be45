/**
 * The Nx Tree as the core's workspace port: planning reads through it, apply writes through it.
 * Nothing reaches the disk until Nx flushes the tree, so `--dry-run` and Nx's own change report
 * work as they do for Nx's generators, and a failure part-way leaves the workspace untouched.
 */
import { existsSync } from 'node:fs';
import type { Tree } from '@nx/devkit';
import { WorkspacePaths } from '../adapters/fs-paths.js';
import type { WorkspaceWriter } from '../core/apply.js';
import type { WorkspaceReader } from '../core/workspace.js';

export class TreeWorkspace implements WorkspaceReader, WorkspaceWriter {
  /** The disk under the Tree, when there is one: Nx's flush follows symbolic links, so writes are checked here first. */
  private readonly disk: WorkspacePaths | undefined;

  constructor(readonly tree: Tree) {
    this.disk = existsSync(tree.root) ? new WorkspacePaths(tree.root) : undefined;
  }

  exists(path: string): boolean {
    return this.tree.exists(this.checked(path));
  }

  read(path: string): string | undefined {
    const file = this.checked(path);
    return this.tree.isFile(file) ? (this.tree.read(file, 'utf-8') ?? undefined) : undefined;
  }

  children(path: string): string[] {
    return [...this.tree.children(this.checked(path))].sort();
  }

  /** A Tree has no folders of its own: they exist while a file under them does. */
  write(path: string, content: string): void {
    this.disk?.forWrite(path);
    this.tree.write(this.checked(path), content);
  }

  /** Workspace-relative POSIX paths only, as the port promises; anything else is a bug upstream. */
  private checked(path: string): string {
    if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..') || path.includes('\\')) {
      throw new Error(`refusing to touch ${path}: not a path inside the workspace`);
    }
    return path;
  }
}
