/** Which package manager a Node install root uses (its lockfile, else `packageManager`), refusing setups the image cannot install. */
import { WorkspaceLayoutError } from '../../core/workspace-model.js';
import { flavourAt } from '../../core/detect.js';
import { PACKAGE_MANAGERS, PACKAGE_MANAGER_NAMES, type PackageManagerId } from '../../core/stacks.js';
import { unsupportedSetup } from '../../core/unsupported-setup.js';
import type { WorkspaceReader } from '../../core/workspace.js';
import { under, type JsonObject } from './files.js';

export type NodePackageManager = Extract<PackageManagerId, 'npm' | 'pnpm' | 'yarn' | 'yarn1'>;

/** The managers users name (a flavour such as Yarn 1 shares its lockfile name and is picked after). */
const NODE_PACKAGE_MANAGERS = PACKAGE_MANAGER_NAMES.filter(
  (id): id is NodePackageManager => PACKAGE_MANAGERS[id].ecosystem === 'node',
);

export interface RootPackageManager {
  readonly packageManager?: NodePackageManager;
  readonly lockfile?: string;
}

export function rootPackageManager(reader: WorkspaceReader, root: string, manifest: JsonObject | undefined): RootPackageManager {
  const locked = NODE_PACKAGE_MANAGERS.filter((id) => reader.read(under(root, PACKAGE_MANAGERS[id].lockfile)) !== undefined);
  if (locked.length > 1) {
    const files = locked.map((id) => under(root, PACKAGE_MANAGERS[id].lockfile)).join(' and ');
    throw new WorkspaceLayoutError(`${files}: one workspace, two lockfiles; delete the one your package manager does not write, then run again`);
  }
  const named = locked[0] ?? declaredPackageManager(manifest) ?? (reader.exists(under(root, 'pnpm-workspace.yaml')) ? 'pnpm' : undefined);
  const packageManager = named && (flavourAt(reader, root, named) as NodePackageManager);
  const lockfile = packageManager && locked[0] ? under(root, PACKAGE_MANAGERS[packageManager].lockfile) : undefined;
  // What the image's install cannot take (Yarn Plug'n'Play, Yarn 1, yarnPath): the same rules, and words, as for a package of its own.
  const unsupported = packageManager && unsupportedSetup(reader, root, packageManager);
  if (unsupported) throw new WorkspaceLayoutError(`lockfile: ${unsupported}`);
  return { packageManager, lockfile };
}

/** `"packageManager": "pnpm@10.34.8+sha512..."` (Corepack's field) names the manager before any lockfile exists. */
function declaredPackageManager(manifest: JsonObject | undefined): NodePackageManager | undefined {
  const declared = manifest?.packageManager;
  const name = typeof declared === 'string' ? declared.split('@')[0] : undefined;
  return NODE_PACKAGE_MANAGERS.find((id) => id === name);
}
