/**
 * Which of a manifest's dependencies are workspace members, by the rules the package managers link
 * them: `workspace:` always; `file:`/`link:` to a member's folder; a semver range the member's
 * version satisfies (npm and Yarn link those; pnpm only with linkWorkspacePackages).
 */
import { posix } from 'node:path';
import semver from 'semver';

export interface ManifestFacts {
  readonly name: string;
  readonly path: string;
  readonly version?: string;
}

export interface LinkRules {
  /** Whether a plain range that a member satisfies links that member (pnpm's linkWorkspacePackages). */
  readonly rangesLinkMembers: boolean;
}

export function internalDependencyNames(
  from: ManifestFacts,
  dependencies: Readonly<Record<string, string>>,
  members: readonly ManifestFacts[],
  rules: LinkRules,
): string[] {
  const byName = new Map(members.map((member) => [member.name, member]));
  const byPath = new Map(members.map((member) => [member.path, member]));
  const internal = new Set<string>();
  for (const [name, specifier] of Object.entries(dependencies)) {
    const target = linkedMember(from, name, specifier, byName, byPath, rules);
    if (target && target.name !== from.name) internal.add(target.name);
  }
  return [...internal].sort();
}

function linkedMember(
  from: ManifestFacts,
  name: string,
  specifier: string,
  byName: ReadonlyMap<string, ManifestFacts>,
  byPath: ReadonlyMap<string, ManifestFacts>,
  rules: LinkRules,
): ManifestFacts | undefined {
  const local = /^(?:file|link|portal):(.+)$/.exec(specifier);
  if (local) return byPath.get(posix.normalize(posix.join(from.path, local[1]!)).replace(/\/$/, ''));
  const member = byName.get(name);
  if (!member) return undefined;
  if (specifier.startsWith('workspace:')) return member;
  if (!rules.rangesLinkMembers) return undefined;
  // '*' and '' take any version (none declared, prereleases too), as npm's workspace linking does.
  if (specifier === '*' || specifier === '') return member;
  return member.version !== undefined && semver.satisfies(member.version, specifier, { includePrerelease: true }) ? member : undefined;
}
