/** The policy's public face, for the generator core and the linter. */
export { loadPolicy, POLICY_FILE } from './load.js';
export { DEFAULT_POLICY, budgetMbFor, policyUid, type Policy, type RuleLevel } from './schema.js';
export { PolicyError, validatePolicy } from './validate.js';
