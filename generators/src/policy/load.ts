/**
 * Finding the policy of a workspace: `dockwright.config.json` at its root, or the `dockwright`
 * key of its root package.json; neither means the defaults. The generator and the linter both
 * read it through here, so they never disagree.
 */
import type { WorkspaceReader } from '../core/workspace.js';
import { DEFAULT_POLICY, type Policy } from './schema.js';
import { PolicyError, validatePolicy } from './validate.js';

export const POLICY_FILE = 'dockwright.config.json';
export const PACKAGE_JSON_SOURCE = 'package.json#dockwright';

export function loadPolicy(workspace: WorkspaceReader): Policy {
  const fromFile = parse(workspace.read(POLICY_FILE), POLICY_FILE);
  const fromPackage = parse(workspace.read('package.json'), 'package.json');
  const packageKey = isObject(fromPackage) ? fromPackage.dockwright : undefined;
  if (fromFile !== undefined && packageKey !== undefined) {
    throw new PolicyError(POLICY_FILE, '', `the policy is also set in ${PACKAGE_JSON_SOURCE}; keep one of the two`);
  }
  if (fromFile !== undefined) return validatePolicy(fromFile, POLICY_FILE);
  if (packageKey !== undefined) return validatePolicy(packageKey, PACKAGE_JSON_SOURCE);
  return DEFAULT_POLICY;
}

function parse(text: string | undefined, source: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PolicyError(source, '', `not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
