/**
 * Inline suppression: `# dockwright-ignore DW301 <reason>` (or `DW301,DW302`) silences those
 * rules on the instruction right below the comment. The reason is required: suppressed findings
 * are listed with it in every report, so a reviewer sees what was waived and why.
 */
import { memoize } from './memo.js';
import type { DockerfileModel } from './model.js';
import { isRuleId } from './rule-ids.js';
import type { Report } from './rule.js';

const DIRECTIVE = 'dockwright-ignore';

export interface Suppression {
  /** Zero-based line of the comment. */
  readonly line: number;
  readonly column: number;
  readonly ruleIds: readonly string[];
  readonly reason: string;
  /** First line of the instruction it applies to; undefined when no instruction follows. */
  readonly target: number | undefined;
}

export const suppressionsOf = memoize((model: DockerfileModel): readonly Suppression[] => parse(model));

function parse(model: DockerfileModel): Suppression[] {
  const starts = model.ast.getInstructions().map((instruction) => instruction.getRange().start.line);
  return model.ast
    .getComments()
    .map((comment) => ({ comment, content: comment.getContent() }))
    .filter(({ content }) => content === DIRECTIVE || content.startsWith(`${DIRECTIVE} `))
    .map(({ comment, content }) => {
      const [ids = '', ...reason] = content.slice(DIRECTIVE.length).trim().split(/\s+/);
      const { line, character } = comment.getRange().start;
      return {
        line,
        column: character,
        ruleIds: ids.split(',').filter((id) => id !== ''),
        reason: reason.join(' '),
        target: starts.find((start) => start > line),
      };
    });
}

/** What is wrong with a suppression comment, if anything. */
export function suppressionProblems(suppression: Suppression): string[] {
  const problems: string[] = [];
  if (suppression.ruleIds.length === 0) problems.push(`names no rule; write \`# ${DIRECTIVE} DW301 <reason>\``);
  const unknown = suppression.ruleIds.filter((id) => !isRuleId(id));
  if (unknown.length > 0) problems.push(`names unknown rule ${unknown.join(', ')}`);
  if (suppression.ruleIds.length > 0 && suppression.reason === '') problems.push('gives no reason after the rule id');
  if (suppression.target === undefined) problems.push('has no instruction below it to apply to');
  return problems;
}

export interface Applied<T> {
  readonly kept: T[];
  readonly suppressed: { readonly finding: T; readonly reason: string }[];
  readonly unused: { readonly ruleId: string; readonly line: number }[];
}

/** Splits findings into kept and suppressed; reports suppressions that matched nothing. */
export function applySuppressions<T extends Pick<Report, 'anchor'> & { readonly ruleId: string }>(
  findings: readonly T[],
  suppressions: readonly Suppression[],
): Applied<T> {
  const used = new Set<string>();
  const kept: T[] = [];
  const suppressed: Applied<T>['suppressed'] = [];
  for (const finding of findings) {
    const match = suppressions.find(
      (suppression) => suppression.target === finding.anchor && suppression.ruleIds.includes(finding.ruleId) && suppression.reason !== '',
    );
    if (!match) {
      kept.push(finding);
      continue;
    }
    used.add(`${match.line}:${finding.ruleId}`);
    suppressed.push({ finding, reason: match.reason });
  }
  const unused = suppressions.flatMap((suppression) =>
    suppression.ruleIds
      .filter((ruleId) => isRuleId(ruleId) && suppression.reason !== '' && !used.has(`${suppression.line}:${ruleId}`))
      .map((ruleId) => ({ ruleId, line: suppression.line })),
  );
  return { kept, suppressed, unused };
}
