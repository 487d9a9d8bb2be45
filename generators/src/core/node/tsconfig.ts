/**
 * What a tsconfig tells about the compiler's output, read through the workspace port as tsc reads
 * it: JSONC (comments, trailing commas), `extends` chains (relative files and packages installed in
 * node_modules), paths relative to the file that declares them, and the root directory tsc infers
 * from its input files when `rootDir` is not set.
 */
import { parse, type ParseError } from 'jsonc-parser';
import { posix } from 'node:path';
import { asRecord, asStrings } from '../detect.js';
import type { WorkspaceReader } from '../workspace.js';

export interface CompilerLayout {
  /** Package-relative POSIX paths; undefined when no file of the chain sets it. */
  readonly outDir: string | undefined;
  /** rootDir as set, or the common folder of the input files tsc would compile. */
  readonly rootDir: string | undefined;
  /**
   * No rootDir is set and the folder tsc infers from its inputs differs without the test files
   * (under test/, tests/, __tests__/, or *.test.* / *.spec.*): leaving them out of the build would
   * move where tsc writes the app's files.
   */
  readonly testsShapeOutput: boolean;
  /** The tsconfig files read, the named one first. */
  readonly chain: readonly string[];
  /** An `extends` target that could not be read: options it sets are unknown. */
  readonly unreadable: string | undefined;
}

interface Settings {
  outDir?: string;
  rootDir?: string;
  include?: string[];
  exclude?: string[];
  files?: string[];
  allowJs?: boolean;
}

const MAX_EXTENDS = 16;
/** The walk stops after this many folder entries, so a huge package cannot stall planning. */
const MAX_ENTRIES = 20_000;
const DEFAULT_EXCLUDE = ['node_modules', 'bower_components', 'jspm_packages'];
const TS_INPUT = /\.(?:[cm]?ts|tsx)$/;
const JS_INPUT = /\.(?:[cm]?js|jsx)$/;
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__)\/|\.(?:test|spec)\.[^/]+$/;
const DECLARATION = /\.d\.(?:[cm]?ts|[^.]+\.ts)$/;

/** The layout of package-relative `configPath` in the package at `root`, or undefined when the file is absent or not JSON. */
export function compilerLayout(workspace: WorkspaceReader, root: string, configPath: string): CompilerLayout | undefined {
  const settings: Settings = {};
  const chain: string[] = [];
  let unreadable: string | undefined;
  /** Reads one file and what it extends, nearest values first; false when the file is absent or not JSON. */
  const read = (path: string): boolean => {
    const config = readJsonc(workspace, workspacePath(root, path));
    if (!config) return false;
    chain.push(path);
    mergeInto(settings, config, posix.dirname(path));
    // An array extends: tsc applies the entries in order, later ones overriding earlier, so the last is read first.
    for (const target of extendsTargets(config.extends).reverse()) {
      if (chain.length >= MAX_EXTENDS) break;
      const resolved = resolveExtends(workspace, root, posix.dirname(path), target);
      if (resolved === undefined || !read(resolved)) unreadable ??= resolved ?? target;
    }
    return true;
  };
  if (!read(posix.normalize(configPath))) return undefined;
  const configDir = posix.dirname(chain[0]!);
  const inputs = inputFiles(workspace, root, configDir, settings);
  const inferred = commonFolder(inputs);
  // Tests matter only where tsc's inferred root moves without them (src/*.spec.ts beside src/main.ts does not move it).
  const testsShapeOutput = settings.rootDir === undefined && inferred !== commonFolder(inputs.filter((file) => !TEST_PATH.test(file)));
  return { outDir: settings.outDir, rootDir: settings.rootDir ?? inferred, testsShapeOutput, chain, unreadable };
}

/** `extends` as a list: a string, or the strings of an array. */
const extendsTargets = (value: unknown): string[] => (typeof value === 'string' ? [value] : asStrings(value));

/** A package-relative path as a workspace path (a workspace member's tsconfig extends the root's: `../../tsconfig.base.json`); undefined above the workspace. */
function workspacePath(root: string, path: string): string | undefined {
  const joined = posix.normalize(posix.join(root, path));
  return joined === '..' || joined.startsWith('../') ? undefined : joined;
}

function readJsonc(workspace: WorkspaceReader, path: string | undefined): Record<string, unknown> | undefined {
  const text = path === undefined ? undefined : workspace.read(path);
  if (text === undefined) return undefined;
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0 && typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Values of a file nearer the named tsconfig win: fill only what is still unset. */
function mergeInto(settings: Settings, config: Record<string, unknown>, dir: string): void {
  const options = asRecord(config.compilerOptions);
  const path = (value: unknown) => (typeof value === 'string' ? posix.normalize(posix.join(dir, value)) : undefined);
  const paths = (value: unknown) => (Array.isArray(value) ? asStrings(value).map((item) => path(item)!) : undefined);
  settings.outDir ??= path(options.outDir);
  settings.rootDir ??= path(options.rootDir);
  settings.allowJs ??= typeof options.allowJs === 'boolean' ? options.allowJs : undefined;
  settings.include ??= paths(config.include);
  settings.exclude ??= paths(config.exclude);
  settings.files ??= paths(config.files);
}

/** `./base.json`, `../tsconfig` (`.json` optional) or a package (`@tsconfig/node20/tsconfig.json`, `pkg`) under node_modules. */
function resolveExtends(workspace: WorkspaceReader, root: string, fromDir: string, target: string): string | undefined {
  const candidates = (path: string) => (path.endsWith('.json') ? [path] : [`${path}.json`, `${path}/tsconfig.json`, path]);
  const exists = (path: string) => {
    const at = workspacePath(root, path);
    return at !== undefined && workspace.exists(at);
  };
  if (target.startsWith('.')) return candidates(posix.normalize(posix.join(fromDir, target))).find(exists);
  for (let dir = fromDir; ; dir = posix.dirname(dir)) {
    const found = candidates(posix.join(dir, 'node_modules', target)).find(exists);
    if (found) return found;
    if (dir === '.' || dir === '') return undefined;
  }
}

/**
 * The non-declaration files tsc compiles: those `include` (default everything) matches minus
 * `exclude` (default node_modules and outDir), plus `files`.
 */
function inputFiles(workspace: WorkspaceReader, root: string, configDir: string, settings: Settings): string[] {
  const isInput = (name: string) => (TS_INPUT.test(name) || (settings.allowJs === true && JS_INPUT.test(name))) && !DECLARATION.test(name);
  const include = (settings.include ?? (settings.files ? [] : [posix.join(configDir, '**/*')])).map((pattern) => globMatcher(workspace, root, pattern));
  const exclude = (settings.exclude ?? [...DEFAULT_EXCLUDE.map((folder) => posix.join(configDir, folder)), ...(settings.outDir ? [settings.outDir] : [])]).map((pattern) =>
    globMatcher(workspace, root, pattern),
  );
  const inputs = new Set((settings.files ?? []).filter((file) => isInput(file)));
  let visited = 0;
  const walk = (folder: string): void => {
    for (const name of workspace.children(folder === '.' ? root : `${root}/${folder}`)) {
      if (++visited > MAX_ENTRIES) return;
      const path = folder === '.' ? name : `${folder}/${name}`;
      // tsc's wildcards never match a name that starts with a dot (.git, .next).
      if (name.startsWith('.') || name === 'node_modules' || exclude.some((matches) => matches(path))) continue;
      if (isInput(name) && include.some((matches) => matches(path))) inputs.add(path);
      else if (workspace.children(`${root}/${path}`).length > 0) walk(path);
    }
  };
  walk('.');
  return [...inputs];
}

/** tsc's inferred rootDir: the longest common folder of the input files. */
function commonFolder(files: readonly string[]): string | undefined {
  if (files.length === 0) return undefined;
  const folders = files.map((file) => posix.dirname(file).split('/'));
  const common: string[] = [];
  for (let index = 0; folders.every((parts) => parts[index] !== undefined && parts[index] === folders[0]![index]); index++) common.push(folders[0]![index]!);
  return common.length === 0 ? '.' : common.join('/');
}

/** tsc's include/exclude globs: `**` any folders, `*` and `?` within a name; a pattern without a wildcard names a file or everything under a folder. */
function globMatcher(workspace: WorkspaceReader, root: string, pattern: string): (path: string) => boolean {
  const normalized = pattern === '.' ? '' : pattern.replace(/^\.\//, '').replace(/\/$/, '');
  if (!/[*?]/.test(normalized)) {
    if (normalized === '') return () => true;
    const isFile = workspace.exists(`${root}/${normalized}`) && workspace.children(`${root}/${normalized}`).length === 0 && /\.[^/]+$/.test(normalized);
    return isFile ? (path) => path === normalized : (path) => path === normalized || path.startsWith(`${normalized}/`);
  }
  const source = normalized
    .split('/')
    .map((part) => (part === '**' ? '(?:[^/]+/)*' : `${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*').replaceAll('?', '[^/]')}/`))
    .join('')
    .replace(/\/$/, '');
  const regex = new RegExp(`^${source.replace(/\(\?:\[\^\/\]\+\/\)\*$/, '.*')}$`);
  return (path) => regex.test(path);
}
