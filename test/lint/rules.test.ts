/** Every rule has failing and passing fixtures; each fixture yields exactly the findings it expects. */
import { describe, expect, it } from '@jest/globals';
import { RULES } from '../../generators/src/lint/rules/index.js';
import { RULE_IDS } from '../../generators/src/lint/rule-ids.js';
import { expectationsOf, lintFixture, ruleFixtures, unmatched } from './support/fixtures.js';

const fixtures = ruleFixtures();

describe('rule catalogue', () => {
  it('lists every rule id once, in the order of the rule table', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([...RULE_IDS]);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has a name, summary, hint and severity', (_id, rule) => {
    expect(rule.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    for (const text of [rule.summary, rule.hint]) expect(text).toMatch(/^\S.*\S$/);
    expect(['error', 'warning']).toContain(rule.severity);
  });

  it.each([...RULE_IDS])('%s has at least one failing and one passing fixture', (id) => {
    const kinds = fixtures.filter((fixture) => fixture.ruleId === id).map((fixture) => fixture.kind);
    expect(kinds).toContain('fail');
    expect(kinds).toContain('pass');
  });
});

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
  const result = lintFixture(fixture);
  const expectations = expectationsOf(fixture.text);

  if (fixture.kind === 'fail') {
    it(`expects ${fixture.ruleId}`, () => {
      expect(expectations.some((expectation) => expectation.ruleId === fixture.ruleId)).toBe(true);
    });
  } else {
    it('expects nothing', () => expect(expectations).toEqual([]));
  }

  it('gets exactly the expected findings', () => {
    expect(unmatched(result.findings, expectations)).toEqual({ unexpected: [], missing: [] });
  });
});
