/** What a repository is as a workspace (root, kind, package manager, members) and a service's closure of internal packages. */
import type { PackageManagerId } from './stacks.js';
import type { WorkspaceReader } from './workspace.js';

export type WorkspaceKind = 'npm' | 'pnpm' | 'yarn' | 'nx' | 'none';

export interface WorkspaceMember {
  readonly name: string;
  /** Workspace-relative folder (POSIX, no trailing slash). */
  readonly path: string;
  readonly version?: string;
  /** What the manifest declares (dependencies, devDependencies, optionalDependencies): name → specifier. */
  readonly dependencies: Readonly<Record<string, string>>;
  /** Names of the members this one depends on, sorted. */
  readonly internal: readonly string[];
}

export interface WorkspaceModel {
  /** The workspace root, relative to the reader's root ('' when it is the reader's root). */
  readonly root: string;
  readonly kind: WorkspaceKind;
  readonly packageManager?: PackageManagerId;
  /** The lockfile the install uses, relative to the reader's root. */
  readonly lockfile?: string;
  /** Every member, sorted by path. */
  readonly members: readonly WorkspaceMember[];
  /** The member at the service path, when it is one. */
  readonly service?: WorkspaceMember;
  /** The internal packages a member (by name or path) needs, transitively, dependencies before their dependents; the member itself excluded. */
  closure(member: string): WorkspaceMember[];
}

/** A layout dockwright cannot build: the message is one line naming the file and what to do. */
export class WorkspaceLayoutError extends Error {
  override readonly name = 'WorkspaceLayoutError';
}

/** One package of a member's image: a folder of the workspace and the folder its build writes (false: it has no build, its files run as they are). */
export interface ImagePackage {
  readonly name: string;
  readonly path: string;
  readonly buildOutput: string | false;
}

/** How a workspace member's image is built from the workspace root, its context narrowed to what this lists. */
export interface WorkspaceBuild {
  readonly packageManager: PackageManagerId;
  /** Root files the install reads, each present: package.json, the lockfile, the manager's own (pnpm-workspace.yaml, .yarnrc.yml). */
  readonly rootFiles: readonly string[];
  /** Root folders the install reads (the patches pnpm's patchedDependencies name). */
  readonly rootFolders: readonly string[];
  readonly lockfile: string;
  /** The internal packages the service needs, dependencies first. */
  readonly internal: readonly ImagePackage[];
  /** The service's own folder; `build` when the workspace's tooling declares what it writes and runs (else its entry says). */
  readonly service: { readonly name: string; readonly path: string; readonly build?: { readonly output: string; readonly entry: string } };
  /** Root files the builds read (tsconfig.base.json, nx.json), copied after the installs. */
  readonly buildFiles: readonly string[];
  /** One command that builds every package with a build, through the workspace's own tooling (Nx), instead of each package's build script. */
  readonly buildCommand?: string;
}

/** The workspace a new package joins when its folder is one the root's globs make a member: it gets no lockfile of its own. */
export interface WorkspaceJoin {
  readonly root: string;
  /** The file that makes a folder a member (package.json): only a package of a stack that has one joins. */
  readonly manifest: string;
  /** Undefined while the root names none (no lockfile, no `packageManager`): the new member's decides. */
  readonly packageManager?: PackageManagerId;
  /** The root lockfile the package manager adds the member to; undefined when the root has none yet. */
  readonly lockfile?: string;
}

/** Detection options: `unlocked`, a member path the root lockfile may not record yet (a new member, before its lock). */
export interface DetectOptions {
  readonly unlocked?: string;
}

/** One ecosystem's detection: the workspace the service path belongs to, or undefined when it sees none. */
export interface WorkspaceEcosystem {
  detectWorkspace(reader: WorkspaceReader, servicePath: string, options?: DetectOptions): WorkspaceModel | undefined;
  /** The workspace a new package at the service path (no manifest yet) would be a member of. */
  workspaceToJoin(reader: WorkspaceReader, servicePath: string): WorkspaceJoin | undefined;
  /** What building the service's image from the workspace root needs; throws WorkspaceLayoutError for a layout its image cannot install. */
  imageBuild(reader: WorkspaceReader, model: WorkspaceModel & { readonly service: WorkspaceMember }): WorkspaceBuild;
}

/** A model over members, with the closure walk every ecosystem shares. */
export function workspaceModel(facts: Omit<WorkspaceModel, 'closure' | 'service' | 'members'> & { members: readonly WorkspaceMember[]; servicePath: string }): WorkspaceModel {
  const { servicePath, ...rest } = facts;
  const members = [...facts.members].sort((a, b) => compare(a.path, b.path));
  const byName = new Map(members.map((member) => [member.name, member]));
  const find = (key: string) => byName.get(key) ?? members.find((member) => member.path === key);
  return {
    ...rest,
    members,
    service: members.find((member) => member.path === servicePath),
    closure: (key) => dependencyOrder(find(key), byName),
  };
}

/** Depth-first post-order over sorted edges: stable, each package once, a cycle cut where it closes. */
function dependencyOrder(start: WorkspaceMember | undefined, byName: ReadonlyMap<string, WorkspaceMember>): WorkspaceMember[] {
  if (!start) return [];
  const order: WorkspaceMember[] = [];
  const seen = new Set<string>([start.name]);
  const visit = (member: WorkspaceMember) => {
    for (const name of member.internal) {
      const dependency = byName.get(name);
      if (!dependency || seen.has(name)) continue;
      seen.add(name);
      visit(dependency);
      order.push(dependency);
    }
  };
  visit(start);
  return order;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
