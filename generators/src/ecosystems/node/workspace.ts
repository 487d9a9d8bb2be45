/**
 * The Node ecosystem's workspace detection: the nearest root above a service that declares
 * members (package.json `workspaces`, pnpm-workspace.yaml, nx.json), its kind, package manager,
 * lockfile and members, with internal dependency edges from the manifests.
 */
import { posix } from 'node:path';
import {
  workspaceModel,
  WorkspaceLayoutError,
  type DetectOptions,
  type WorkspaceEcosystem,
  type WorkspaceJoin,
  type WorkspaceKind,
  type WorkspaceMember,
  type WorkspaceModel,
} from '../../core/workspace-model.js';
import type { WorkspaceReader } from '../../core/workspace.js';
import { asRecord, asStrings, readObject, under, type JsonObject } from './files.js';
import { imageBuild } from './image-build.js';
import { internalDependencyNames } from './internal-edges.js';
import { assertLockfileInStep } from './lockfile-sync.js';
import { nxProjects, packageMembers, type MemberManifest } from './members.js';
import { globsTakeIn } from './patterns.js';
import { rootPackageManager } from './package-manager.js';
import { pathAliasEdges } from './tsconfig-paths.js';

export const nodeWorkspaces: WorkspaceEcosystem = { detectWorkspace, workspaceToJoin, imageBuild };

function detectWorkspace(reader: WorkspaceReader, servicePath: string, { unlocked }: DetectOptions = {}): WorkspaceModel | undefined {
  const root = workspaceRootAbove(reader, servicePath);
  if (root === undefined) return selfContained(reader, servicePath);
  const rootManifest = readObject(reader, under(root, 'package.json'));
  const pnpmWorkspace = readObject(reader, under(root, 'pnpm-workspace.yaml'), 'yaml');
  const isNx = reader.exists(under(root, 'nx.json'));
  const patterns = memberPatterns(reader, root, rootManifest, pnpmWorkspace);
  const packageManagerMembers = packageMembers(reader, root, patterns);
  // A package of its own (a package.json the root's globs do not take in) installs on its own, as today.
  if (servicePath !== root && reader.exists(under(servicePath, 'package.json')) && !packageManagerMembers.some((member) => member.path === servicePath)) {
    return selfContained(reader, servicePath);
  }
  const { packageManager, lockfile } = rootPackageManager(reader, root, rootManifest);
  const kind: WorkspaceKind = isNx ? 'nx' : pnpmWorkspace ? 'pnpm' : packageManager === 'yarn' || packageManager === 'yarn1' ? 'yarn' : 'npm';
  const manifests = kind === 'nx' ? nxProjects(reader, root, packageManagerMembers, rootManifest) : packageManagerMembers;
  refuseDuplicateNames(manifests);
  // The lockfile records what the package manager installs: its members and the root, not an Nx project outside its globs.
  const installed = new Set([root, ...packageManagerMembers.map((member) => member.path)]);
  if (lockfile && packageManager) assertLockfileInStep(reader, root, lockfile, packageManager, manifests.filter((manifest) => installed.has(manifest.path) && manifest.path !== unlocked));
  // pnpm links a plain range to a member only with linkWorkspacePackages (off by default since pnpm 9).
  const rangesLinkMembers = packageManager !== 'pnpm' || pnpmWorkspace?.linkWorkspacePackages === true;
  const aliasEdges = pathAliasEdges(reader, root, manifests);
  const names = new Set(manifests.map((manifest) => manifest.name));
  const members: WorkspaceMember[] = manifests.map((manifest) => ({
    name: manifest.name,
    path: manifest.path,
    version: manifest.version,
    dependencies: manifest.dependencies,
    internal: internalEdges(manifest, manifests, names, aliasEdges, rangesLinkMembers),
  }));
  return workspaceModel({ root, kind, packageManager, lockfile, members, servicePath });
}

function internalEdges(
  manifest: MemberManifest,
  manifests: readonly MemberManifest[],
  names: ReadonlySet<string>,
  aliasEdges: ReadonlyMap<string, readonly string[]>,
  rangesLinkMembers: boolean,
): string[] {
  const edges = new Set([...internalDependencyNames(manifest, manifest.dependencies, manifests, { rangesLinkMembers }), ...(aliasEdges.get(manifest.name) ?? [])]);
  for (const implicit of manifest.implicitDependencies) {
    if (implicit.startsWith('!')) edges.delete(implicit.slice(1));
    else if (names.has(implicit)) edges.add(implicit);
  }
  return [...edges].sort();
}

/**
 * A new package joins the workspace whose package manager's globs take its folder in (Nx links
 * packages through those globs too); a folder they leave out gets a package of its own, as today.
 */
function workspaceToJoin(reader: WorkspaceReader, servicePath: string): WorkspaceJoin | undefined {
  const root = workspaceRootAbove(reader, servicePath);
  if (root === undefined || root === servicePath) return undefined;
  const rootManifest = readObject(reader, under(root, 'package.json'));
  const patterns = memberPatterns(reader, root, rootManifest, readObject(reader, under(root, 'pnpm-workspace.yaml'), 'yaml'));
  if (!globsTakeIn(patterns, root === '' ? servicePath : posix.relative(root, servicePath))) return undefined;
  const { packageManager, lockfile } = rootPackageManager(reader, root, rootManifest);
  return { root, manifest: 'package.json', ...(packageManager ? { packageManager } : {}), ...(lockfile ? { lockfile } : {}) };
}

const workspaceRootAbove = (reader: WorkspaceReader, servicePath: string) => ancestors(servicePath).find((folder) => isWorkspaceRoot(reader, folder));

/** Nx reads both kinds of globs (getGlobPatternsFromPackageManagerWorkspaces); pnpm ignores `workspaces`. */
function memberPatterns(reader: WorkspaceReader, root: string, rootManifest: JsonObject | undefined, pnpmWorkspace: JsonObject | undefined): string[] {
  if (reader.exists(under(root, 'nx.json'))) return [...packageJsonPatterns(rootManifest), ...pnpmPatterns(pnpmWorkspace)];
  return pnpmWorkspace ? pnpmPatterns(pnpmWorkspace) : packageJsonPatterns(rootManifest);
}

/** The service folder, then each folder above it, up to the reader's root (''). */
function ancestors(servicePath: string): string[] {
  const found: string[] = [];
  for (let folder = servicePath; ; folder = posix.dirname(folder)) {
    const normalized = folder === '.' || folder === '/' ? '' : folder;
    found.push(normalized);
    if (normalized === '') return found;
  }
}

function isWorkspaceRoot(reader: WorkspaceReader, folder: string): boolean {
  if (reader.exists(under(folder, 'nx.json')) || reader.exists(under(folder, 'pnpm-workspace.yaml'))) return true;
  return readObject(reader, under(folder, 'package.json'))?.workspaces !== undefined;
}

const packageJsonPatterns = (manifest: JsonObject | undefined) =>
  Array.isArray(manifest?.workspaces) ? asStrings(manifest.workspaces) : asStrings(asRecord(manifest?.workspaces).packages);
const pnpmPatterns = (pnpmWorkspace: JsonObject | undefined) => asStrings(pnpmWorkspace?.packages);

function refuseDuplicateNames(manifests: readonly MemberManifest[]): void {
  const seen = new Map<string, string>();
  for (const { name, path } of manifests) {
    const other = seen.get(name);
    if (other !== undefined) throw new WorkspaceLayoutError(`${path}/package.json: the name ${name} is also ${other}'s; give each workspace member its own name`);
    seen.set(name, path);
  }
}

/** A package with its own package.json and no workspace above it: today's layout, its own root. */
function selfContained(reader: WorkspaceReader, servicePath: string): WorkspaceModel | undefined {
  const manifest = readObject(reader, under(servicePath, 'package.json'));
  if (manifest === undefined) return undefined;
  const { packageManager, lockfile } = rootPackageManager(reader, servicePath, manifest);
  return workspaceModel({ root: servicePath, kind: 'none', packageManager, lockfile, members: [], servicePath });
}
