/**
 * Every lint rule id, stable across releases: policies, suppression comments and CI annotations
 * refer to them. Kept apart from the rules so the policy can validate ids without loading them.
 */
export const RULE_IDS = [
  'DW001',
  'DW002',
  'DW003',
  'DW101',
  'DW102',
  'DW103',
  'DW104',
  'DW201',
  'DW301',
  'DW302',
  'DW303',
  'DW401',
  'DW402',
  'DW403',
  'DW501',
  'DW601',
  'DW602',
  'DW603',
  'DW604',
  'DW701',
  'DW801',
  'DW802',
  'DW803',
  'DW804',
  'DW805',
  'DW901',
  'DW902',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
