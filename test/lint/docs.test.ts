/** docs/lint.md and docs/policy.md say what the code does: every rule row, every key and default. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { RULES } from '../../generators/src/lint/rules/index.js';
import { DEFAULT_POLICY } from '../../generators/src/policy/schema.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const lintDoc = read('docs/lint.md');
const policyDoc = read('docs/policy.md');

describe('docs/lint.md', () => {
  it.each(RULES.map((rule) => [rule.id, rule] as const))('has the row of %s, with its equivalents', (_id, rule) => {
    const { hadolint = '—', trivy = '—', buildkit = '—' } = rule.equivalents;
    expect(lintDoc).toContain(`| ${rule.id} | \`${rule.name}\` | ${rule.severity} | ${rule.summary} | ${hadolint} | ${trivy} | ${buildkit} |`);
  });
});

/** `uid.api` → 1000, …: every leaf of the default policy (rules aside, which default to each rule's severity). */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

describe('docs/policy.md', () => {
  it.each(leaves({ ...DEFAULT_POLICY, rules: undefined }).filter(([key]) => key !== 'rules'))('documents %s with its default', (key, value) => {
    const row = policyDoc.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(`| \`${JSON.stringify(value).replaceAll(',', ', ')}\` |`);
  });

  it('documents rules.<id>', () => expect(policyDoc).toContain('| `rules.<id>` |'));
});
