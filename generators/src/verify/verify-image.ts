/** Every check on one built image, in the order a reader scans the table. */
import {
  checkAppFiles,
  checkBuildTools,
  checkHealthcheckDeclared,
  checkRuntime,
  checkSize,
  checkUser,
  inspectImage,
  type CheckResult,
  type Expectations,
} from './checks.js';
import { imageEntries } from './docker-cli.js';

export async function verifyImage(image: string, expected: Expectations): Promise<CheckResult[]> {
  const config = await inspectImage(image);
  const entries = await imageEntries(image);
  const files = entries.map((entry) => entry.path);
  const declared = checkHealthcheckDeclared(config, files);
  return [
    checkSize(config, expected),
    checkUser(config, expected),
    declared,
    checkBuildTools(files),
    checkAppFiles(config, entries, expected),
    ...(declared.ok ? await checkRuntime(image, config, expected) : []),
  ];
}

export function formatTable(image: string, results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((result) => result.check.length));
  const rows = results.map((result) => `  ${result.ok ? 'pass' : 'FAIL'}  ${result.check.padEnd(width)}  ${result.detail}`);
  const failed = results.filter((result) => !result.ok).length;
  return [`${image}`, ...rows, failed === 0 ? 'all checks passed' : `${failed} check(s) failed`].join('\n');
}
