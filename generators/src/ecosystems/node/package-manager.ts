/** Which package manager a Node workspace root uses (its lockfile, else `packageManager`), and the installs it cannot build. */
import { WorkspaceLayoutError } from '../../core/workspace-model.js';
import { PACKAGE_MANAGERS, type PackageManagerId } from '../../core/stacks.js';
import type { WorkspaceReader } from '../../core/workspace.js';
import { asRecord, readObject, under, type JsonObject } from './files.js';

export type NodePackageManager = Extract<PackageManagerId, 'npm' | 'pnpm' | 'yarn'>;

const NODE_PACKAGE_MANAGERS = (Object.keys(PACKAGE_MANAGERS) as PackageManagerId[]).filter(
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
  const packageManager = locked[0] ?? declaredPackageManager(manifest) ?? (reader.exists(under(root, 'pnpm-workspace.yaml')) ? 'pnpm' : undefined);
  const lockfile = packageManager && locked[0] ? under(root, PACKAGE_MANAGERS[packageManager].lockfile) : undefined;
  if (packageManager === 'yarn') refusePlugAndPlay(reader, root, lockfile);
  return { packageManager, lockfile };
}

/** `"packageManager": "pnpm@10.34.8+sha512..."` (Corepack's field) names the manager before any lockfile exists. */
function declaredPackageManager(manifest: JsonObject | undefined): NodePackageManager | undefined {
  const declared = manifest?.packageManager;
  const name = typeof declared === 'string' ? declared.split('@')[0] : undefined;
  return NODE_PACKAGE_MANAGERS.find((id) => id === name);
}

/**
 * Yarn 2+ installs with Plug'n'Play unless .yarnrc.yml says `nodeLinker: node-modules`; the images
 * install into node_modules, so a PnP workspace is refused here rather than failing in the build.
 */
function refusePlugAndPlay(reader: WorkspaceReader, root: string, lockfile: string | undefined): void {
  const berry = lockfile !== undefined && /^__metadata:/m.test(reader.read(lockfile) ?? '');
  if (!berry && !reader.exists(under(root, '.yarnrc.yml'))) return;
  const rc = under(root, '.yarnrc.yml');
  const linker = asRecord(readObject(reader, rc, 'yaml')).nodeLinker;
  if (linker === 'node-modules') return;
  const where = reader.exists(rc) ? `${rc} sets nodeLinker: ${String(linker ?? 'pnp (the default)')}` : `${lockfile} is Yarn's and there is no ${rc}`;
  throw new WorkspaceLayoutError(
    `${where}: Yarn Plug'n'Play workspaces are not supported; set nodeLinker: node-modules in ${rc} and run yarn install, then run again`,
  );
}
