/** The terminal report: `file:line:col  severity  rule  message`, the hint below, a summary; text from files escaped. */
import { createColors } from 'picocolors';
import type { FileResult, Totals } from '../types.js';
import { terminalSafe as safe } from './terminal-safe.js';

export interface HumanOptions {
  readonly color: boolean;
  readonly maxWarnings: number | undefined;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function formatHuman(results: readonly FileResult[], totals: Totals, options: HumanOptions): string {
  const c = createColors(options.color);
  const lines: string[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      const severity = finding.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      lines.push(`${c.bold(`${safe(finding.file)}:${finding.line}:${finding.column}`)}  ${severity}  ${c.cyan(finding.ruleId)}  ${safe(finding.message)}`);
      lines.push(c.dim(`    hint: ${finding.hint}`));
    }
  }
  const suppressed = results.flatMap((result) => result.suppressed);
  if (suppressed.length > 0) {
    lines.push('', c.bold(`Suppressed (${suppressed.length}):`));
    for (const finding of suppressed) {
      lines.push(`  ${safe(finding.file)}:${finding.line}  ${c.cyan(finding.ruleId)}  ${safe(finding.message)}  ${c.dim(`(reason: ${safe(finding.reason)})`)}`);
    }
  }
  const unused = results.flatMap((result) => result.unusedSuppressions.map((entry) => `  ${safe(result.file)}:${entry.line}  ${safe(entry.ruleId)}`));
  if (unused.length > 0) lines.push('', c.bold(`Unused dockwright-ignore comments (${unused.length}):`), ...unused);
  const notes = results.flatMap((result) => result.notes.map((note) => `  ${safe(result.file)}:${note.line}  ${safe(note.message)}`));
  if (notes.length > 0) lines.push('', c.bold(`Notes (${notes.length}):`), ...notes);
  lines.push('', summary(totals, options, c));
  return lines.join('\n').replace(/^\n/, '');
}

function summary(totals: Totals, options: HumanOptions, c: ReturnType<typeof createColors>): string {
  const problems = totals.errors + totals.warnings;
  const files = plural(totals.files, 'Dockerfile');
  const waived = totals.suppressed > 0 ? `, ${totals.suppressed} suppressed` : '';
  const overLimit = options.maxWarnings !== undefined && totals.warnings > options.maxWarnings;
  const limit = overLimit ? `; ${plural(totals.warnings, 'warning')} exceed --max-warnings ${options.maxWarnings}` : '';
  if (problems === 0) return c.green(`✔ ${files} linted: no problems${waived}`);
  const text = `✖ ${plural(problems, 'problem')} (${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}) in ${files}${waived}${limit}`;
  return totals.errors > 0 || overLimit ? c.red(c.bold(text)) : c.yellow(c.bold(text));
}
