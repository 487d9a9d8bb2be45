/**
 * Moves the tested set of skeleton dependencies forward, deliberately:
 *
 *   npm run skeletons:update                  each npm package to the newest release of its current major
 *   npm run skeletons:update -- vite@8.4.0    one package to a given version (others stay)
 *   npm run skeletons:update -- --relock      keep every version, re-resolve the seed lockfiles only
 *
 * Then every Node skeleton (stack × app type × package manager) is locked afresh in a scratch
 * folder and must pass its frozen install; the seed lockfiles in templates/<stack>/skeleton-lock/
 * and the examples are rewritten only when all of them pass. It ends by naming the e2e run that
 * must pass before the new set is committed. PyPI is not reachable here: the pypi pins move by
 * hand, together with the offline wheelhouse of the python stand-in image.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { undoOnInterrupt } from '../generators/src/adapters/interrupts.js';
import { newLockfile, seedLockfilePath } from '../generators/src/adapters/lockfiles.js';
import { plan } from '../generators/src/core/plan.js';
import { EXACT_VERSION, SKELETON_VERSIONS_FILE } from '../generators/src/core/skeleton-versions.js';
import { resolveSpec, workspaceDefaults } from '../generators/src/core/spec.js';
import { PACKAGE_MANAGERS, supportedCombinations, type PackageManagerDefinition } from '../generators/src/core/stacks.js';
import { templatesRoot } from '../generators/src/core/templates.js';
import type { WorkspaceReader } from '../generators/src/core/workspace.js';

const SEED_NAME = 'dockwright-skeleton';
const emptyWorkspace: WorkspaceReader = { exists: () => false, read: () => undefined, children: () => [] };

const args = process.argv.slice(2);
const relockOnly = args.includes('--relock');
const requested = new Map(
  args
    .filter((arg) => !arg.startsWith('--'))
    .map((arg) => {
      const at = arg.lastIndexOf('@');
      if (at <= 0 || !EXACT_VERSION.test(arg.slice(at + 1))) throw new Error(`expected <package>@<exact version>; got ${arg}`);
      return [arg.slice(0, at), arg.slice(at + 1)] as const;
    }),
);

const versionsPath = join(templatesRoot(), SKELETON_VERSIONS_FILE);
const originalText = readFileSync(versionsPath, 'utf8');
const versions = JSON.parse(originalText) as { npm: Record<string, string> } & Record<string, unknown>;

const moves: string[] = [];
for (const [name, current] of Object.entries(versions.npm)) {
  const next = requested.get(name) ?? (relockOnly || requested.size > 0 ? current : newestInMajor(name, current));
  if (next !== current) moves.push(`${name} ${current} → ${next}`);
  versions.npm[name] = next;
}
for (const name of requested.keys()) {
  if (!(name in versions.npm)) throw new Error(`${name} is not a skeleton dependency (${Object.keys(versions.npm).join(', ')})`);
}
writeFileSync(versionsPath, `${JSON.stringify(versions, null, 2)}\n`);
// Ctrl-C while locking: the pins go back, so versions and seeds never disagree.
const releaseUndo = undoOnInterrupt(() => writeFileSync(versionsPath, originalText));

const seeds = new Map<string, string>();
try {
  for (const combination of nodeSkeletons()) {
    const label = `${combination.stack} ${combination.appType} (${combination.packageManager})`;
    const { spec } = resolveSpec({ name: SEED_NAME, mode: 'new', ...combination }, workspaceDefaults(emptyWorkspace));
    const host = (PACKAGE_MANAGERS[spec.packageManager] as PackageManagerDefinition).host!;
    const locked = await newLockfile(spec, plan(spec, emptyWorkspace).changes, host, { seeded: false });
    seeds.set(seedLockfilePath(spec), locked.content);
    console.log(`locked    ${label}`);
  }
} catch (error) {
  writeFileSync(versionsPath, originalText);
  console.error(`skeletons:update: ${(error as Error).message}\nnothing was changed; pin the package that fails to the version before it (npm run skeletons:update -- <package>@<version>)`);
  process.exit(1);
}

releaseUndo();
for (const [path, content] of seeds) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
execFileSync('npm', ['run', 'examples'], { stdio: 'inherit' });

console.log(
  [
    '',
    moves.length > 0 ? `moved:\n  ${moves.join('\n  ')}` : 'no version moved; seed lockfiles re-resolved',
    'Now prove the set on a real engine before committing it:',
    '  bash .ci/engine.sh start && bash test/e2e/base-images/build.sh',
    '  DOCKWRIGHT_DOCKER=/usr/bin/docker npm run test:jest -- test/e2e',
  ].join('\n'),
);

function newestInMajor(name: string, current: string): string {
  const major = current.split('.')[0]!;
  const range = major === '0' ? `~${current.split('.').slice(0, 2).join('.')}` : `^${major}`;
  const answer = execFileSync('npm', ['view', `${name}@${range}`, 'version', '--json'], { encoding: 'utf8' });
  const found: unknown = JSON.parse(answer);
  const list = Array.isArray(found) ? found : [found];
  const stable = list.filter((version): version is string => typeof version === 'string' && /^\d+\.\d+\.\d+$/.test(version));
  return stable.at(-1) ?? current;
}

/** Each Node stack × app type × package manager once (the base does not change the package). */
function nodeSkeletons() {
  const seen = new Set<string>();
  return supportedCombinations().filter(({ stack, appType, packageManager }) => {
    const key = `${stack}/${appType}/${packageManager}`;
    const host = (PACKAGE_MANAGERS[packageManager] as PackageManagerDefinition).host;
    if (seen.has(key) || PACKAGE_MANAGERS[packageManager].ecosystem !== 'node' || !host?.frozenCheck) return false;
    seen.add(key);
    return true;
  });
}
