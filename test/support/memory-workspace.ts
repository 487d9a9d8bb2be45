import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { WorkspaceWriter } from '../../generators/src/core/apply.js';
import type { WorkspaceReader } from '../../generators/src/core/workspace.js';

/** A workspace in a Map, for planning and apply tests. */
export class MemoryWorkspace implements WorkspaceReader, WorkspaceWriter {
  readonly files: Map<string, string>;
  writes = 0;

  constructor(files: Record<string, string> = {}) {
    this.files = new Map(Object.entries(files));
  }

  /** A folder's files (a fixture), with changes on top: a path mapped to undefined is left out. */
  static fromFolder(folder: string, changes: Readonly<Record<string, string | undefined>> = {}): MemoryWorkspace {
    const files: Record<string, string> = {};
    for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      const path = join(folder, entry);
      if (statSync(path).isFile()) files[entry.split(sep).join('/')] = readFileSync(path, 'utf8');
    }
    for (const [path, content] of Object.entries(changes)) {
      if (content === undefined) delete files[path];
      else files[path] = content;
    }
    return new MemoryWorkspace(files);
  }

  exists(path: string): boolean {
    return this.files.has(path) || [...this.files.keys()].some((file) => file.startsWith(`${path}/`));
  }

  read(path: string): string | undefined {
    return this.files.get(path);
  }

  children(path: string): string[] {
    const prefix = path === '' ? '' : `${path}/`;
    const names = [...this.files.keys()].filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length).split('/')[0]!);
    return [...new Set(names)].sort();
  }

  write(path: string, content: string): void {
    this.writes += 1;
    this.files.set(path, content);
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries([...this.files.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
