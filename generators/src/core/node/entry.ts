/**
 * What an existing Node package runs and which folder its build writes, from what it declares: the
 * `start` and `start:prod` scripts (`node [flags] <file> [args]`), then `main`; the build output
 * from the build script's tool (tsc and its tsconfig, nest and nest-cli.json, tsup, esbuild). A
 * TypeScript source named as the entry is mapped to the file the compiler writes for it.
 */
import { parse } from 'jsonc-parser';
import { posix } from 'node:path';
import { asRecord, parseJson } from '../detect.js';
import type { WorkspaceReader } from '../workspace.js';
import { compilerLayout, type CompilerLayout } from './tsconfig.js';

export interface NodeEntry {
  /** What follows the interpreter in CMD: node's flags, the entry file, its arguments. */
  readonly args: readonly string[];
  /** The folder the build writes, copied alone into the runtime stage; false without a build script. */
  readonly buildOutput: string | false;
  /** The build context must keep the tests: tsc compiles them, and its inferred rootDir depends on them. */
  readonly keepsTests: boolean;
  /**
   * The package has a `prepare` script, which npm and pnpm run after every install, where the
   * dependency stages have no source yet (it builds the package or installs git hooks).
   */
  readonly prepareScript: boolean;
}

/** The entry or the build output cannot be known: the message names the file and what to set in it. */
export class UnknownEntryError extends Error {
  constructor(path: string, whatToSet: string) {
    super(`${path}: ${whatToSet}`);
    this.name = 'UnknownEntryError';
  }
}

interface Declared {
  readonly args: readonly string[];
  /** Index of the entry file in args. */
  readonly fileIndex: number;
  readonly file: string;
  readonly from: string;
}

interface BuildOutput {
  /** Package-relative; undefined when the tool's configuration does not say. */
  readonly outDir: string | undefined;
  /** tsc's layout, to map a source entry to its compiled file. */
  readonly layout?: CompilerLayout;
  /** The file a user edits to name the output, and what to set there. */
  readonly config: string;
  readonly setOutput: string;
}

const SET_OUT_DIR = 'set compilerOptions.outDir to the folder the build writes (e.g. "dist"), so the image can copy the compiled output alone';

export const SAFE_RELATIVE_PATH = /^(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._@-]+(?:\/[A-Za-z0-9._@-]+)*$/;
/** A CMD argument taken from a script: no quoting, expansion or redirection to interpret. */
const SAFE_ARGUMENT = /^[A-Za-z0-9._@/=:,+-]+$/;
/** node's options that take the next word as their value (`-r dotenv/config`). */
const NODE_VALUE_FLAGS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--env-file-if-exists', '-C', '--conditions', '--title', '--input-type', '--inspect-port', '--debug-port', '--watch-path']);
/**
 * node's options a start script may carry that must not reach the production CMD: .env files
 * (the image never holds them; the container gets its environment at run time), the inspector (on
 * 0.0.0.0 it is remote code execution) and watch mode (development only).
 */
const DROPPED_FLAGS = new Set([
  '--env-file',
  '--env-file-if-exists',
  '--inspect',
  '--inspect-brk',
  '--inspect-wait',
  '--inspect-port',
  '--debug-port',
  '--inspect-publish-uid',
  '--watch',
  '--watch-path',
  '--watch-preserve-output',
]);
/** node's options after which there is no entry file to run. */
const NODE_NO_FILE_FLAGS = new Set(['-e', '--eval', '-p', '--print', '-v', '--version', '-h', '--help', '--test', '--run']);
const SCRIPT_SEPARATOR = /\s*(?:&&|\|\||;|\|)\s*/;
/** Words before the command that only set up its environment. */
const ENVIRONMENT_WORD = /^[A-Za-z_][A-Za-z0-9_]*=\S*$/;
const LAUNCHERS = new Set(['cross-env', 'env', 'npx', 'exec']);
const TS_SOURCE = /\.(?:[cm]?ts|tsx)$/;
const START_SCRIPTS = ['start', 'start:prod'];
const MAX_SCRIPT_DEPTH = 3;

export function nodeEntry(workspace: WorkspaceReader, root: string): NodeEntry {
  const manifest = parseJson(workspace.read(`${root}/package.json`)) ?? {};
  const scripts = asRecord(manifest.scripts);
  return { ...entryAndOutput(workspace, root, manifest, scripts), prepareScript: typeof scripts.prepare === 'string' };
}

/**
 * The folder an internal library's build writes, false without a build script: its tool's output
 * folder, else (a tool we cannot read) the folder its "main" lives in.
 */
export function libraryBuildOutput(workspace: WorkspaceReader, root: string): string | false {
  const manifest = parseJson(workspace.read(`${root}/package.json`)) ?? {};
  const scripts = asRecord(manifest.scripts);
  if (typeof scripts.build !== 'string') return false;
  const output = buildOutput(workspace, root, scripts);
  if (output.outDir !== undefined && output.outDir !== '.') return output.outDir;
  const mainFolder = typeof manifest.main === 'string' ? packagePath(posix.dirname(manifest.main)) : undefined;
  if (output.outDir === undefined && mainFolder !== undefined && mainFolder !== '.') return mainFolder;
  throw new UnknownEntryError(`${root}/${output.config}`, output.setOutput);
}

function entryAndOutput(workspace: WorkspaceReader, root: string, manifest: Record<string, unknown>, scripts: Record<string, unknown>): Omit<NodeEntry, 'prepareScript'> {
  const declared = [
    ...START_SCRIPTS.map((name) => (typeof scripts[name] === 'string' ? nodeCommand(scripts[name], `"${name}" script`) : undefined)),
    typeof manifest.main === 'string' ? entryOf([manifest.main], 0, '"main"') : undefined,
  ].filter((entry): entry is Declared => entry !== undefined);
  const setEntry = 'set "main" to the compiled entry (dist/…) or a "start" script "node <file>"';
  if (declared.length === 0) throw new UnknownEntryError(`${root}/package.json`, setEntry);
  if (typeof scripts.build !== 'string') return { args: declared[0]!.args, buildOutput: false, keepsTests: false };

  const output = buildOutput(workspace, root, scripts);
  const keepsTests = output.layout?.testsShapeOutput ?? false;
  if (output.outDir === undefined || output.outDir === '.') {
    const first = declared[0]!;
    const folder = first.file.split('/')[0]!;
    // A tool we cannot read: its output is taken to be the folder the entry lives in.
    if (output.outDir === undefined && !TS_SOURCE.test(first.file) && folder !== first.file) return { args: first.args, buildOutput: folder, keepsTests };
    throw new UnknownEntryError(`${root}/${output.config}`, output.setOutput);
  }
  for (const entry of declared) {
    if (isUnder(entry.file, output.outDir)) return { args: entry.args, buildOutput: output.outDir, keepsTests };
    const compiled = TS_SOURCE.test(entry.file) ? compiledPath(entry.file, output) : undefined;
    if (compiled) return { args: replaced(entry.args, entry.fileIndex, compiled), buildOutput: output.outDir, keepsTests };
  }
  throw new UnknownEntryError(
    `${root}/package.json`,
    `${setEntry.replace('(dist/…)', `(${output.outDir}/…, where ${output.config} writes)`)}; found ${declared.map((entry) => `${entry.file} (${entry.from})`).join(', ')}`,
  );
}

/** `node [flags] <file> [args]` in a script, wherever its segments put it (`tsc && node dist/main.js`). */
function nodeCommand(script: string, from: string): Declared | undefined {
  for (const segment of script.trim().split(SCRIPT_SEPARATOR)) {
    const words = commandWords(segment);
    if (words[0] !== 'node') continue;
    const args: string[] = [];
    for (let index = 1; index < words.length; index++) {
      const word = words[index]!;
      const flag = word.split('=')[0]!;
      if (NODE_NO_FILE_FLAGS.has(flag)) return undefined;
      if (!word.startsWith('-')) return entryOf([...args, ...words.slice(index)], args.length, from);
      const value = NODE_VALUE_FLAGS.has(word) ? words[++index] : undefined;
      if (!DROPPED_FLAGS.has(flag)) args.push(word, ...(value === undefined ? [] : [value]));
    }
  }
  return undefined;
}

/** A segment's words from its command on: environment assignments and launchers (`cross-env`, `npx`) dropped. */
function commandWords(segment: string): string[] {
  const words = segment.split(/\s+/).filter((word) => word !== '');
  let start = 0;
  while (start < words.length && (ENVIRONMENT_WORD.test(words[start]!) || LAUNCHERS.has(words[start]!))) start++;
  return words.slice(start);
}

function entryOf(args: readonly string[], fileIndex: number, from: string): Declared | undefined {
  const file = posix.normalize(args[fileIndex]!).replace(/\/$/, '');
  if (!SAFE_RELATIVE_PATH.test(file) || !args.every((arg) => SAFE_ARGUMENT.test(arg))) return undefined;
  return { args: replaced(args, fileIndex, file), fileIndex, file, from };
}

const replaced = (words: readonly string[], index: number, word: string) => words.map((current, at) => (at === index ? word : current));
const isUnder = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);

/** The compiled file tsc writes for a source: outDir + its path from rootDir, `.ts` → `.js` (`.mts` → `.mjs`). */
function compiledPath(source: string, output: BuildOutput): string | undefined {
  const rootDir = output.layout?.rootDir;
  if (!rootDir || !output.outDir) return undefined;
  const relative = posix.relative(rootDir, source);
  if (relative.startsWith('..')) return undefined;
  return posix.join(output.outDir, relative.replace(/\.([cm]?)tsx?$/, '.$1js'));
}

/** Where the build script's tool writes, following `npm run <script>` a few levels. */
function buildOutput(workspace: WorkspaceReader, root: string, scripts: Record<string, unknown>): BuildOutput {
  const words = buildWords(scripts, 'build', 0);
  const tool = (name: string) => words.find((segment) => segment[0] === name);
  const tsc = tool('tsc');
  const nest = words.find((segment) => segment[0] === 'nest' && segment[1] === 'build');
  if (tsc || nest) {
    const config = tsc ? tscProject(workspace, root, tsc) : nestProject(workspace, root, nest!);
    const layout = compilerLayout(workspace, root, config);
    const flagOutDir = tsc ? flagValue(tsc, ['--outDir']) : undefined;
    return { outDir: packagePath(flagOutDir ?? layout?.outDir), layout, config, setOutput: SET_OUT_DIR };
  }
  const tsup = tool('tsup');
  if (tsup) return { outDir: packagePath(flagValue(tsup, ['-d', '--out-dir']) ?? tsupOutDir(workspace, root) ?? 'dist'), config: 'tsup.config.ts', setOutput: 'set outDir to a folder of its own (e.g. "dist")' };
  const esbuild = tool('esbuild');
  if (esbuild) {
    const outfile = flagValue(esbuild, ['--outfile']);
    const outDir = packagePath(flagValue(esbuild, ['--outdir']) ?? (outfile ? posix.dirname(outfile) : undefined));
    return { outDir, config: 'package.json', setOutput: 'give esbuild in the "build" script an --outdir (e.g. --outdir=dist), so the image can copy the compiled output alone' };
  }
  // Another tool (a bundler, a task runner): a tsconfig beside it may still say where tsc writes.
  const layout = compilerLayout(workspace, root, 'tsconfig.json');
  if (layout) return { outDir: packagePath(layout.outDir), layout, config: 'tsconfig.json', setOutput: SET_OUT_DIR };
  return { outDir: undefined, config: 'package.json', setOutput: 'set "main" to the compiled entry the "build" script writes (e.g. dist/index.js)' };
}

function buildWords(scripts: Record<string, unknown>, name: string, depth: number): string[][] {
  const script = scripts[name];
  if (typeof script !== 'string' || depth > MAX_SCRIPT_DEPTH) return [];
  return script.split(SCRIPT_SEPARATOR).flatMap((segment) => {
    const words = commandWords(segment);
    const runs = /^(?:npm|pnpm|yarn|bun)$/.test(words[0] ?? '') ? (words[1] === 'run' ? words[2] : words[1]) : undefined;
    return runs && typeof scripts[runs] === 'string' ? buildWords(scripts, runs, depth + 1) : [words];
  });
}

function flagValue(words: readonly string[], flags: readonly string[]): string | undefined {
  for (let index = 0; index < words.length; index++) {
    const [flag, inline] = words[index]!.split(/=(.*)/s);
    if (flags.includes(flag!)) return inline ?? words[index + 1];
  }
  return undefined;
}

/** `tsc -p <file|folder>` / `tsc -b <…>`, else tsconfig.json. */
function tscProject(workspace: WorkspaceReader, root: string, words: readonly string[]): string {
  const project = flagValue(words, ['-p', '--project', '-b', '--build']) ?? 'tsconfig.json';
  const normalized = posix.normalize(project);
  return normalized.endsWith('.json') || !workspace.exists(`${root}/${normalized}/tsconfig.json`) ? normalized : `${normalized}/tsconfig.json`;
}

/** nest build: `-p`/`--path`, else nest-cli.json's compilerOptions.tsConfigPath, else tsconfig.build.json where it exists. */
function nestProject(workspace: WorkspaceReader, root: string, words: readonly string[]): string {
  const flag = flagValue(words, ['-p', '--path']);
  if (flag) return posix.normalize(flag);
  const nestCli = asRecord(parse(workspace.read(`${root}/nest-cli.json`) ?? '{}'));
  const configured = asRecord(nestCli.compilerOptions).tsConfigPath;
  if (typeof configured === 'string') return posix.normalize(configured);
  return workspace.exists(`${root}/tsconfig.build.json`) ? 'tsconfig.build.json' : 'tsconfig.json';
}

/** tsup's outDir from its config file, when written literally (`outDir: 'build'`). */
function tsupOutDir(workspace: WorkspaceReader, root: string): string | undefined {
  for (const file of ['tsup.config.ts', 'tsup.config.js', 'tsup.config.mjs', 'tsup.config.cjs', 'tsup.config.json']) {
    const text = workspace.read(`${root}/${file}`);
    const outDir = text === undefined ? undefined : /["']?outDir["']?\s*:\s*["']([^"']+)["']/.exec(text)?.[1];
    if (outDir) return outDir;
  }
  return undefined;
}

/** A folder inside the package, normalized (`./dist/` → `dist`); undefined when it is not one. */
function packagePath(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const normalized = posix.normalize(path).replace(/\/$/, '');
  return normalized === '.' || SAFE_RELATIVE_PATH.test(normalized) ? normalized : undefined;
}
