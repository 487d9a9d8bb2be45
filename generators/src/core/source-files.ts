/**
 * A package's own source files, found through the workspace port: dependency, build and tool
 * folders are skipped, and the walk is bounded so a huge package cannot stall planning.
 */
import type { WorkspaceReader } from './workspace.js';

const SKIPPED_FOLDERS = new Set([
  'node_modules', '.git', '.next', '.nuxt', '.turbo', '.nx', '.yarn', 'dist', 'build', 'out', 'coverage',
  '.venv', 'venv', '__pycache__', '.mypy_cache', '.pytest_cache', 'target', 'vendor',
  // Tests call the app's routes; they are not the app.
  'test', 'tests', '__tests__', 'spec', 'e2e',
]);
/** Test files beside the code (`app.test.ts`, `app.spec.js`, `test_app.py`, `app_test.py`, `main_test.go`). */
const TEST_FILE = /(?:\.(?:test|spec)\.[cm]?[jt]sx?$)|(?:^test_.*\.py$)|(?:_test\.(?:py|go)$)/;
/** A Python virtual environment under any name is somebody's library code. */
const VENV_MARKER = 'pyvenv.cfg';
const MAX_FILES = 5_000;
const MAX_DEPTH = 16;
/** Larger files are generated or vendored, not where an app registers its routes. */
const MAX_FILE_CHARS = 512 * 1024;

export interface SourceFile {
  /** Relative to the package root. */
  readonly path: string;
  readonly content: string;
}

/** Files under root whose name ends with one of the extensions, in path order. */
export function sourceFiles(workspace: WorkspaceReader, root: string, extensions: readonly string[]): SourceFile[] {
  const found: SourceFile[] = [];
  const walk = (folder: string, depth: number): void => {
    for (const name of workspace.children(folder === '' ? root : `${root}/${folder}`)) {
      if (found.length >= MAX_FILES) return;
      const path = folder === '' ? name : `${folder}/${name}`;
      const source = extensions.some((extension) => name.endsWith(extension)) && !TEST_FILE.test(name);
      const content = source ? workspace.read(`${root}/${path}`) : undefined;
      if (content !== undefined) {
        if (content.length <= MAX_FILE_CHARS) found.push({ path, content });
      } else if (depth < MAX_DEPTH && !SKIPPED_FOLDERS.has(name) && !workspace.exists(`${root}/${path}/${VENV_MARKER}`)) {
        walk(path, depth + 1);
      }
    }
  };
  walk('', 0);
  return found;
}
