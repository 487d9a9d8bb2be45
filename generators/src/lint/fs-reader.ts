/** Read-only file access relative to a folder (the workspace root): the linter's WorkspaceReader. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WorkspaceReader } from '../core/workspace.js';

export class FsReader implements WorkspaceReader {
  constructor(readonly root: string) {}

  exists(path: string): boolean {
    return existsSync(resolve(this.root, path));
  }

  read(path: string): string | undefined {
    const file = resolve(this.root, path);
    return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
  }

  children(path: string): string[] {
    const folder = resolve(this.root, path);
    return existsSync(folder) && statSync(folder).isDirectory() ? readdirSync(folder).sort() : [];
  }
}
