/**
 * Whether the root lockfile still records what each member's package.json declares: the check npm
 * ci, pnpm --frozen-lockfile and yarn --immutable make first, done before anything is written.
 * It reads only each lockfile's per-workspace section (package-lock `packages`, pnpm `importers`,
 * Yarn's `name@workspace:path` entries); the frozen install stays the final word.
 */
import { posix } from 'node:path';
import { WorkspaceLayoutError } from '../../core/workspace-model.js';
import type { WorkspaceReader } from '../../core/workspace.js';
import { asRecord, readObject, type JsonObject } from './files.js';
import type { MemberManifest } from './members.js';
import type { NodePackageManager } from './package-manager.js';

/** What the lockfile recorded for one member: name → specifier, or undefined when the member is not in it. */
type Recorded = (lock: JsonObject, importer: string) => Map<string, string> | undefined;

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'];

const RECORDED: Record<Exclude<NodePackageManager, 'yarn1'>, Recorded> = {
  npm: (lock, importer) => {
    const entry = asRecord(lock.packages)[importer];
    return entry === undefined ? undefined : specifiers(DEPENDENCY_FIELDS.map((field) => asRecord(asRecord(entry)[field])));
  },
  pnpm: (lock, importer) => {
    const entry = asRecord(lock.importers)[importer || '.'];
    if (entry === undefined) return undefined;
    const fields = DEPENDENCY_FIELDS.map((field) => asRecord(asRecord(entry)[field]));
    return specifiers(fields.map((field) => Object.fromEntries(Object.entries(field).map(([name, locked]) => [name, asRecord(locked).specifier]))));
  },
  yarn: (lock, importer) => {
    const entry = Object.entries(lock).find(([, value]) => String(asRecord(value).resolution ?? '').endsWith(`@workspace:${importer || '.'}`));
    return entry === undefined ? undefined : specifiers([asRecord(asRecord(entry[1]).dependencies)]);
  },
};


function specifiers(fields: readonly JsonObject[]): Map<string, string> {
  return new Map(fields.flatMap((field) => Object.entries(field)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * A pnpm override replaces the specifier it records, and Yarn writes `npm:2.1.3` for `2.1.3`:
 * those are still in step.
 */
function sameSpecifier(declared: string, recorded: string, overridden: boolean): boolean {
  return overridden || recorded === declared || recorded === `npm:${declared}`;
}

export function assertLockfileInStep(
  reader: WorkspaceReader,
  root: string,
  lockfile: string,
  packageManager: NodePackageManager,
  members: readonly MemberManifest[],
): void {
  // Yarn 1's lockfile is not YAML and records no workspace entries: its frozen install is the only check.
  if (packageManager === 'yarn1') return;
  const lock = readObject(reader, lockfile, packageManager === 'npm' ? 'json' : 'yaml');
  if (lock === undefined) return;
  const overrides = new Set(Object.keys(asRecord(lock.overrides)));
  for (const member of members) {
    if (member.projectJsonOnly) continue;
    const importer = root === '' ? member.path : posix.relative(root, member.path);
    const recorded = RECORDED[packageManager](lock, importer);
    const drift = recorded === undefined ? 'not in the lockfile' : difference(member, recorded, overrides);
    if (drift) {
      throw new WorkspaceLayoutError(
        `${lockfile}: out of step with ${member.path}/package.json (${drift}); run ${packageManager} install at the workspace root, then run again`,
      );
    }
  }
}

function difference({ dependencies: declared, peers }: MemberManifest, recorded: ReadonlyMap<string, string>, overrides: ReadonlySet<string>): string | undefined {
  for (const [name, specifier] of Object.entries(declared)) {
    const locked = recorded.get(name);
    if (locked === undefined) return `${name} is not locked`;
    if (!sameSpecifier(specifier, locked, overrides.has(name))) return `${name} ${specifier} is locked as ${locked}`;
  }
  // A peer pnpm installed for the member (autoInstallPeers) is locked without being declared as a dependency.
  const extra = [...recorded.keys()].find((name) => !(name in declared) && !peers.includes(name));
  return extra === undefined ? undefined : `${extra} is locked but no longer declared`;
}
