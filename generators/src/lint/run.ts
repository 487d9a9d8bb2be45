/** Linting files of a workspace: read them all (each within the size limit), find each one's build context, lint; and the exit code. */
import type { AppType } from '../core/stacks.js';
import type { WorkspaceReader } from '../core/workspace.js';
import type { Policy } from '../policy/schema.js';
import { resolveBuildContext } from './context.js';
import { checkSize } from './limits.js';
import { lintDockerfile } from './lint.js';
import type { FileResult, Totals } from './types.js';

export interface RunOptions {
  readonly policy: Policy;
  readonly appType?: AppType;
  /** Overrides every file's build context. */
  readonly contextDir?: string;
}

/** The files of one lint, read: their texts, and which of them another one equals. */
export interface ReadFiles {
  readonly files: readonly string[];
  readonly texts: readonly string[];
  /** Indexes of the texts another one equals: only their models are worth keeping (lintDockerfile's keepModel). */
  readonly repeated: ReadonlySet<number>;
}

export function lintFiles(files: readonly string[], workspace: WorkspaceReader, options: RunOptions): FileResult[] {
  return lintRead(readFiles(files, workspace), workspace, options);
}

export function lintRead(read: ReadFiles, workspace: WorkspaceReader, options: RunOptions): FileResult[] {
  return read.files.map((_, index) => lintReadFile(read, index, workspace, options));
}

/** Every file's text, within the size limit, in order: the first file that cannot be read is the error. */
export function readFiles(files: readonly string[], workspace: WorkspaceReader): ReadFiles {
  const texts = files.map((file) => {
    const text = workspace.read(file);
    if (text === undefined) throw new Error(`cannot read ${file}`);
    checkSize(file, text);
    return text;
  });
  return { files, texts, repeated: repeatedIndexes(texts) };
}

export function repeatedIndexes(texts: readonly string[]): Set<number> {
  const first = new Map<string, number>();
  const repeated = new Set<number>();
  texts.forEach((text, index) => {
    const earlier = first.get(text);
    if (earlier === undefined) first.set(text, index);
    else repeated.add(earlier).add(index);
  });
  return repeated;
}

/** Lints the index-th of the files read, in its own build context. */
export function lintReadFile(read: ReadFiles, index: number, workspace: WorkspaceReader, options: RunOptions): FileResult {
  const file = read.files[index]!;
  const buildContext = resolveBuildContext(file, workspace, options.contextDir);
  return lintDockerfile({ file, text: read.texts[index]! }, { policy: options.policy, appType: options.appType, buildContext, keepModel: read.repeated.has(index) });
}

/** 1 when there are errors, or more warnings than allowed; 0 otherwise. */
export function exitCodeFor(totals: Totals, maxWarnings: number | undefined): 0 | 1 {
  if (totals.errors > 0) return 1;
  return maxWarnings !== undefined && totals.warnings > maxWarnings ? 1 : 0;
}
