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

export function lintFiles(files: readonly string[], workspace: WorkspaceReader, options: RunOptions): FileResult[] {
  const texts = files.map((file) => readDockerfile(file, workspace));
  const repeated = repeatedTexts(texts);
  return files.map((file, index) => lintText(file, texts[index]!, workspace, options, repeated.has(index)));
}

/** A Dockerfile's text, within the size limit. */
export function readDockerfile(file: string, workspace: WorkspaceReader): string {
  const text = workspace.read(file);
  if (text === undefined) throw new Error(`cannot read ${file}`);
  checkSize(file, text);
  return text;
}

/** The indexes of the texts another of them equals: only their models are worth keeping (lintDockerfile's keepModel). */
export function repeatedTexts(texts: readonly string[]): Set<number> {
  const first = new Map<string, number>();
  const repeated = new Set<number>();
  texts.forEach((text, index) => {
    const earlier = first.get(text);
    if (earlier === undefined) first.set(text, index);
    else repeated.add(earlier).add(index);
  });
  return repeated;
}

export function lintText(file: string, text: string, workspace: WorkspaceReader, options: RunOptions, keepModel: boolean): FileResult {
  const buildContext = resolveBuildContext(file, workspace, options.contextDir);
  return lintDockerfile({ file, text }, { policy: options.policy, appType: options.appType, buildContext, keepModel });
}

/** 1 when there are errors, or more warnings than allowed; 0 otherwise. */
export function exitCodeFor(totals: Totals, maxWarnings: number | undefined): 0 | 1 {
  if (totals.errors > 0) return 1;
  return maxWarnings !== undefined && totals.warnings > maxWarnings ? 1 : 0;
}
