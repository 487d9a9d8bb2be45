/** One entry point for the three report formats. */
import type { Format } from '../options.js';
import { totalsOf, type FileResult } from '../types.js';
import { formatHuman } from './human.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';

export interface FormatOptions {
  readonly color: boolean;
  readonly maxWarnings: number | undefined;
}

export function formatReport(format: Format, results: readonly FileResult[], options: FormatOptions): string {
  const totals = totalsOf(results);
  if (format === 'json') return formatJson(results, totals);
  if (format === 'sarif') return formatSarif(results);
  return formatHuman(results, totals, options);
}
