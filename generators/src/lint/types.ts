/** What linting produces: findings, the ones suppressed inline, and per-file results. */
import type { RuleId } from './rule-ids.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly message: string;
  readonly hint: string;
  /** The file the finding points into, workspace-relative (usually the Dockerfile). */
  readonly file: string;
  /** One-based line and column. */
  readonly line: number;
  readonly column: number;
}

export interface SuppressedFinding extends Finding {
  /** The reason written after the rule id in the `# dockwright-ignore` comment. */
  readonly reason: string;
}

export interface UnusedSuppression {
  readonly ruleId: string;
  /** One-based line of the comment. */
  readonly line: number;
}

/** Rules not run on a file because they cannot apply to it (a Windows image has no root user, no apt). */
export interface Note {
  readonly ruleIds: readonly RuleId[];
  readonly message: string;
  /** One-based line it is about (the final FROM). */
  readonly line: number;
}

export interface FileResult {
  /** The Dockerfile, workspace-relative. */
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly unusedSuppressions: readonly UnusedSuppression[];
  readonly notes: readonly Note[];
}

export interface Totals {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
}

export function totalsOf(results: readonly FileResult[]): Totals {
  const findings = results.flatMap((result) => result.findings);
  return {
    files: results.length,
    errors: findings.filter((finding) => finding.severity === 'error').length,
    warnings: findings.filter((finding) => finding.severity === 'warning').length,
    suppressed: results.reduce((sum, result) => sum + result.suppressed.length, 0),
  };
}
