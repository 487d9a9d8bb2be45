/** The workspace on disk, for plop and the CLI. Paths are workspace-relative and POSIX-style. */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { WorkspaceWriter } from '../core/apply.js';
import type { WorkspaceReader } from '../core/workspace.js';

export class FsWorkspace implements WorkspaceReader, WorkspaceWriter {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  exists(path: string): boolean {
    return existsSync(this.absolute(path));
  }

  read(path: string): string | undefined {
    const file = this.absolute(path);
    return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
  }

  children(path: string): string[] {
    const folder = this.absolute(path);
    return existsSync(folder) && statSync(folder).isDirectory() ? readdirSync(folder).sort() : [];
  }

  write(path: string, content: string): string[] {
    const file = this.absolute(path);
    const created = this.missingFolders(dirname(file));
    try {
      if (created.length > 0) mkdirSync(dirname(file), { recursive: true });
      // Write beside the target, then rename: a reader never sees half a file.
      const temporary = join(dirname(file), `.${Date.now()}-${process.pid}.dockwright-tmp`);
      writeFileSync(temporary, content);
      renameSync(temporary, file);
    } catch (error) {
      for (const folder of [...created].reverse()) this.removeEmptyFolderAbsolute(folder);
      throw error;
    }
    return created.map((folder) => relative(this.root, folder).split('\\').join('/'));
  }

  remove(path: string): void {
    rmSync(this.absolute(path), { force: true });
  }

  removeEmptyFolder(path: string): void {
    this.removeEmptyFolderAbsolute(this.absolute(path));
  }

  private removeEmptyFolderAbsolute(folder: string): void {
    if (existsSync(folder) && readdirSync(folder).length === 0) rmdirSync(folder);
  }

  /** Folders from the outermost missing one down to `folder`. */
  private missingFolders(folder: string): string[] {
    const missing: string[] = [];
    for (let current = folder; !existsSync(current) && current !== this.root; current = dirname(current)) {
      missing.unshift(current);
    }
    return missing;
  }

  private absolute(path: string): string {
    const file = resolve(this.root, path);
    const inside = relative(this.root, file);
    if (isAbsolute(path) || inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`refusing to touch ${path}: outside the workspace ${this.root}`);
    }
    return file;
  }
}
