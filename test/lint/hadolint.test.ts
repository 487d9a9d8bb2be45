/**
 * Agreement with hadolint's own specs: every case of test/lint/fixtures/hadolint/specs.json (the
 * Dockerfile text and whether hadolint's spec expects its rule to catch it) is linted, and our rule
 * mapped to that hadolint id (its `equivalents.hadolint`) must agree. The goal is 95 %; each case
 * where we differ is listed here and explained in docs/lint.md ("Where we differ from hadolint").
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { lintDockerfile } from '../../generators/src/lint/lint.js';
import { RULES } from '../../generators/src/lint/rules/index.js';

interface Case {
  readonly hadolint: string;
  readonly text: string;
  readonly flagged: boolean;
}

const { cases } = JSON.parse(readFileSync(new URL('./fixtures/hadolint/specs.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** Policy choices, documented: hadolint's expectation, then ours. */
const DIFFERENCES = [
  // BuildKit reads `"C:\"` with `\"` as an escaped quote: an unterminated word, not `C:\`.
  'DL3000 WORKDIR "C:\\"',
  // A root USER in a builder stage never runs the app: only the final image counts (DW301).
  'DL3002 FROM debian as base\nUSER root\nRUN something\nFROM scratch\nUSER foo\nRUN something else',
  // The final stage `FROM scratch` without USER runs as root (UID 0): that is reported.
  'DL3002 FROM debian as base\nUSER root\nRUN something\nUSER foo\nFROM scratch\nRUN something else',
];

const rulesFor = (hadolint: string) => RULES.filter((rule) => (rule.equivalents.hadolint ?? '').split(', ').includes(hadolint)).map((rule) => rule.id);
const dockerfile = (text: string) => (/^FROM /m.test(text) ? `${text}\n` : `FROM debian:12\n${text}\n`);

const verdicts = cases.map((spec) => {
  const ids = rulesFor(spec.hadolint);
  const ours = lintDockerfile({ file: 'Dockerfile', text: dockerfile(spec.text) }).findings.some((finding) => ids.includes(finding.ruleId));
  return { spec, ids, agrees: ours === spec.flagged };
});

describe('hadolint spec agreement', () => {
  it('maps every hadolint id in the cases to one of our rules', () => {
    for (const { spec, ids } of verdicts) expect([spec.hadolint, ids.length > 0]).toEqual([spec.hadolint, true]);
  });

  it('agrees on 95 % of the cases or more', () => {
    const agreed = verdicts.filter((verdict) => verdict.agrees).length;
    expect(agreed / verdicts.length).toBeGreaterThanOrEqual(0.95);
  });

  it('differs exactly where docs/lint.md says we choose to', () => {
    const differing = verdicts.filter((verdict) => !verdict.agrees).map(({ spec }) => `${spec.hadolint} ${spec.text}`);
    expect(differing).toEqual(DIFFERENCES);
  });

  it.each(['DL3000', 'DL3002', 'DL3003', 'DL3004', 'DL3007', 'DL3014', 'DL3015', 'DL3020', 'DL3025', 'DL4006'])('has cases for %s', (id) => {
    expect(cases.some((spec) => spec.hadolint === id)).toBe(true);
  });
});
