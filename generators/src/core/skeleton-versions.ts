/**
 * The tested set of skeleton dependencies (templates/_shared/skeleton-versions.json): exact
 * versions the e2e suite proved, one per package and registry. Templates name a package, never a
 * version (`{{npm "vite"}}`), so moving the set is one file and a script (skeletons:update).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SKELETON_VERSIONS_FILE = '_shared/skeleton-versions.json';
export const SKELETON_REGISTRIES = ['npm', 'pypi'] as const;
export type SkeletonRegistry = (typeof SKELETON_REGISTRIES)[number];
export type SkeletonVersions = Readonly<Record<SkeletonRegistry, Readonly<Record<string, string>>>>;

/** An exact version: no range operator, wildcard or tag (semver for npm, PEP 440 release for PyPI). */
export const EXACT_VERSION = /^\d+(?:\.\d+)*(?:-[0-9A-Za-z.-]+)?$/;

export function readSkeletonVersions(templatesRoot: string): SkeletonVersions {
  const parsed = JSON.parse(readFileSync(join(templatesRoot, SKELETON_VERSIONS_FILE), 'utf8')) as Record<string, unknown>;
  const versions = {} as Record<SkeletonRegistry, Record<string, string>>;
  for (const registry of SKELETON_REGISTRIES) {
    const entries = Object.entries((parsed[registry] ?? {}) as Record<string, unknown>);
    for (const [name, version] of entries) {
      if (typeof version !== 'string' || !EXACT_VERSION.test(version)) {
        throw new Error(`${SKELETON_VERSIONS_FILE}: ${registry} ${name} must be an exact version; got ${JSON.stringify(version)}`);
      }
    }
    versions[registry] = Object.fromEntries(entries) as Record<string, string>;
  }
  return versions;
}
