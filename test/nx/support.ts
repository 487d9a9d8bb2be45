/** Helpers for the Nx front-end tests: run the generator on a Tree, read back what it wrote. */
import { jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing.js';
import serviceGenerator, { type ServiceGeneratorOptions } from '../../generators/src/nx/service/generator.js';

process.env.NX_DAEMON = 'false';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;
const made: string[] = [];
/** A temp folder, removed by removeTempDirs() (call it in afterAll). */
export const tempDir = (prefix = 'dockwright-nx-') => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A folder for the trees' root holding only nx.json: Nx's testing tree says /virtual, which Nx's
 * native project globbing (getProjects) reports on stderr as a missing workspace root (and
 * without an nx.json on disk the glob does not stop at the folder).
 */
let emptyRoot: string | undefined;
const emptyRootDir = () => {
  if (emptyRoot === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'dockwright-nx-root-'));
    writeFileSync(join(dir, 'nx.json'), '{}\n');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    emptyRoot = dir;
  }
  return emptyRoot;
};

export function emptyTree(files: Record<string, string> = {}): Tree {
  const tree = createTreeWithEmptyWorkspace();
  (tree as { root: string }).root = emptyRootDir();
  for (const [path, content] of Object.entries(files)) tree.write(path, content);
  return tree;
}

/** Runs the generator as Nx does (then the callback Nx runs after flushing). */
export async function generate(tree: Tree, options: ServiceGeneratorOptions): Promise<void> {
  const callback = await serviceGenerator(tree, options);
  callback();
}

/** Every file the tree holds under the given folders, by path. */
export function filesUnder(tree: Tree, ...prefixes: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const child of tree.children(dir)) {
      const path = dir ? `${dir}/${child}` : child;
      if (tree.isFile(path)) files[path] = tree.read(path, 'utf-8')!;
      else visit(path);
    }
  };
  for (const prefix of prefixes) {
    if (tree.isFile(prefix)) files[prefix] = tree.read(prefix, 'utf-8')!;
    else if (tree.exists(prefix)) visit(prefix);
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

/** What the tree would write to disk, as Nx prints it: type and path. */
export const changeList = (tree: Tree) => tree.listChanges().map((change) => `${change.type} ${change.path}`).sort();

/** Keeps the generator's own log lines (notices, next steps) out of the test output. */
export function quietLogs(): void {
  for (const method of ['info', 'warn', 'log'] as const) jest.spyOn(console, method).mockImplementation(() => undefined);
}
