/** What an existing package in its folder tells us about itself, and about the workspace it belongs to. */
import { workspaceBuild, workspaceToJoin } from '../ecosystems/workspaces.js';
import { PACKAGE_MANAGERS, STACKS, type PackageManagerDefinition, type PackageManagerId, type StackId } from './stacks.js';
import type { WorkspaceBuild, WorkspaceJoin } from './workspace-model.js';
import { under, type WorkspaceReader } from './workspace.js';

export interface ExistingPackage {
  /** The manifest files found (package.json, pyproject.toml, requirements.txt). */
  readonly manifests: readonly string[];
  readonly stack?: StackId;
  /** The package manager the files say is in use, flavour included (yarn1 for a Yarn 1 lockfile); a workspace member's is its root's. */
  readonly packageManager?: PackageManagerId;
  /** A member of a workspace with one root lockfile: its image builds from the root. */
  readonly workspace?: WorkspaceBuild;
  /** A folder with no manifest yet that the root's workspace globs take in: a new package there joins that workspace. */
  readonly joins?: WorkspaceJoin;
}

const ALL_MANIFESTS = [...new Set(Object.values(STACKS).flatMap((stack) => stack.manifests))];

export function inspectPackage(workspace: WorkspaceReader, root: string): ExistingPackage {
  const manifests = ALL_MANIFESTS.filter((file) => workspace.exists(`${root}/${file}`));
  // A package with a lockfile of its own installs on its own, as it always did; one without may be a workspace member.
  const ownLockfile = Object.values(PACKAGE_MANAGERS).some(({ lockfile }) => workspace.exists(`${root}/${lockfile}`));
  const build = manifests.includes('package.json') && !ownLockfile ? workspaceBuild(workspace, root) : undefined;
  const joins = manifests.length === 0 ? workspaceToJoin(workspace, root) : undefined;
  return {
    manifests,
    stack: detectStack(workspace, root, manifests),
    packageManager: build?.packageManager ?? joins?.packageManager ?? detectPackageManager(workspace, root),
    ...(build ? { workspace: build } : {}),
    ...(joins ? { joins } : {}),
  };
}

/** The name users type for a package manager: a flavour's `of` (yarn1 → yarn), else its own id. */
export function userFacingName(id: PackageManagerId): PackageManagerId {
  return ((PACKAGE_MANAGERS[id] as PackageManagerDefinition).flavour?.of as PackageManagerId | undefined) ?? id;
}

/** The flavour of `named` the files at `root` call for (Yarn 1 of yarn), else `named` itself. */
export function flavourAt(workspace: WorkspaceReader, root: string, named: PackageManagerId): PackageManagerId {
  const ids = Object.keys(PACKAGE_MANAGERS) as PackageManagerId[];
  return ids.find((id) => (PACKAGE_MANAGERS[id] as PackageManagerDefinition).flavour?.of === named && flavourApplies(workspace, root, id)) ?? named;
}

function flavourApplies(workspace: WorkspaceReader, root: string, id: PackageManagerId): boolean {
  const flavour = (PACKAGE_MANAGERS[id] as PackageManagerDefinition).flavour;
  if (!flavour || flavour.absent.some((file) => workspace.exists(under(root, file)))) return false;
  const decisive = flavour.matches.find(({ file }) => workspace.exists(under(root, file)));
  return decisive !== undefined && decisive.pattern.test(workspace.read(under(root, decisive.file)) ?? '');
}

function detectStack(workspace: WorkspaceReader, root: string, manifests: readonly string[]): StackId | undefined {
  if (manifests.includes('package.json')) {
    const manifest = parseJson(workspace.read(`${root}/package.json`));
    const dependencies = { ...asRecord(manifest?.dependencies), ...asRecord(manifest?.devDependencies) };
    // A direct vite dependency without next: a static site built by Vite.
    return 'next' in dependencies ? 'nextjs' : 'vite' in dependencies ? 'static' : 'node';
  }
  if (manifests.includes('go.mod')) return 'go';
  if (manifests.includes('Cargo.toml')) return 'rust';
  return manifests.length > 0 ? 'python' : undefined;
}

function detectPackageManager(workspace: WorkspaceReader, root: string): PackageManagerId | undefined {
  const named = namedPackageManager(workspace, root);
  return named && flavourAt(workspace, root, named);
}

/** By lockfile, else by package.json's `packageManager` field; the name, before any flavour. */
function namedPackageManager(workspace: WorkspaceReader, root: string): PackageManagerId | undefined {
  const byLockfile = (Object.keys(PACKAGE_MANAGERS) as PackageManagerId[]).filter((id) =>
    PACKAGE_MANAGERS[id].markers.some((marker) => workspace.exists(`${root}/${marker}`)),
  );
  // A Python package may carry requirements.txt next to poetry.lock or uv.lock; the lockfile wins.
  const preferred = byLockfile.find((id) => id !== 'pip') ?? byLockfile[0];
  if (preferred) return preferred;
  const declared = asRecord(parseJson(workspace.read(`${root}/package.json`))).packageManager;
  const declaredName = typeof declared === 'string' ? declared.split('@')[0] : undefined;
  return declaredName === 'pnpm' || declaredName === 'yarn' || declaredName === 'npm' ? declaredName : undefined;
}

export function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** An object's own fields; anything else (an array, a string, absent) reads as none. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The strings of an array; anything else reads as none. */
export const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
