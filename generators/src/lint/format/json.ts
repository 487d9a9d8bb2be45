/** `--format json`: the results and totals as they are, for scripts. */
import type { FileResult, Totals } from '../types.js';

export const JSON_REPORT_VERSION = 1;

export function formatJson(results: readonly FileResult[], totals: Totals): string {
  return JSON.stringify({ version: JSON_REPORT_VERSION, results, totals }, null, 2);
}
