/** DW003: a `# dockwright-ignore` comment that cannot work (no rule, unknown rule, no reason). */
import type { Rule } from '../rule.js';
import { suppressionProblems, suppressionsOf } from '../suppress.js';

export const badSuppression: Rule = {
  id: 'DW003',
  name: 'bad-suppression',
  severity: 'warning',
  summary: 'A `# dockwright-ignore` comment names known rules and gives a reason.',
  hint: 'Write `# dockwright-ignore DW301 <why this is acceptable>` right above the instruction.',
  equivalents: {},
  *check({ model }) {
    for (const suppression of suppressionsOf(model)) {
      for (const problem of suppressionProblems(suppression)) {
        yield { message: `dockwright-ignore ${problem}`, line: suppression.line, column: suppression.column, anchor: suppression.line };
      }
    }
  },
};
