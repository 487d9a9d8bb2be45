/** Linting files of a workspace: read each (within the size limit), find its build context, lint; and the exit code. */
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
  return files.map((file) => lintFile(file, workspace, options));
}

export function lintFile(file: string, workspace: WorkspaceReader, options: RunOptions): FileResult {
  const text = workspace.read(file);
  if (text === undefined) throw new Error(`cannot read ${file}`);
  checkSize(file, text);
  const buildContext = resolveBuildContext(file, workspace, options.contextDir);
  return lintDockerfile({ file, text }, { policy: options.policy, appType: options.appType, buildContext });
}

/** 1 when there are errors, or more warnings than allowed; 0 otherwise. */
export function exitCodeFor(totals: Totals, maxWarnings: number | undefined): 0 | 1 {
  if (totals.errors > 0) return 1;
  return maxWarnings !== undefined && totals.warnings > maxWarnings ? 1 : 0;
}
