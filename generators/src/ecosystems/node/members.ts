/** The members of a Node workspace as manifests say them: npm/Yarn/pnpm globs, and Nx's projects by Nx's layout rules. */
import { posix } from 'node:path';
import type { WorkspaceReader } from '../../core/workspace.js';
import { asRecord, asStrings, folders, readObject, under, type JsonObject } from './files.js';
import { nxIgnoredFolders } from './nx-ignore.js';
import { matchingPackageFolders } from './patterns.js';

export interface MemberManifest {
  readonly name: string;
  /** Relative to the reader's root. */
  readonly path: string;
  readonly version?: string;
  readonly dependencies: Readonly<Record<string, string>>;
  /** The names of its peerDependencies (pnpm installs and locks them where autoInstallPeers is on, its default). */
  readonly peers: readonly string[];
  /** Nx `implicitDependencies` (project names; `!name` removes an edge Nx would infer). */
  readonly implicitDependencies: readonly string[];
  /** Whether the member has no package.json (an Nx project.json-only project, reached through tsconfig paths). */
  readonly projectJsonOnly: boolean;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

export function packageMembers(reader: WorkspaceReader, root: string, patterns: readonly string[]): MemberManifest[] {
  return matchingPackageFolders(reader, root, patterns).map((folder) => readMember(reader, under(root, folder)));
}

/**
 * Nx's rules without its plugins: every folder with a project.json is a project (outside what the
 * root .gitignore and .nxignore ignore), and so is every package.json member of the package
 * manager's workspace (the root's only when it has an `nx` field).
 */
export function nxProjects(reader: WorkspaceReader, root: string, packageManagerMembers: readonly MemberManifest[], rootManifest: JsonObject | undefined): MemberManifest[] {
  const withProjectJson = folders(reader, root, Infinity, nxIgnoredFolders(reader, root))
    .filter((folder) => folder !== root && reader.read(under(folder, 'project.json')) !== undefined)
    .map((folder) => readMember(reader, folder));
  const found = new Map(withProjectJson.map((member) => [member.path, member]));
  for (const member of packageManagerMembers) if (!found.has(member.path)) found.set(member.path, member);
  if (rootManifest?.nx !== undefined && !found.has(root)) found.set(root, readMember(reader, root));
  return [...found.values()];
}

function readMember(reader: WorkspaceReader, folder: string): MemberManifest {
  const manifest = readObject(reader, under(folder, 'package.json'));
  const projectJson = readObject(reader, under(folder, 'project.json'), 'jsonc');
  const declared = asRecord(manifest);
  const name = stringOr(projectJson?.name) ?? stringOr(declared.name) ?? posix.basename(folder).toLowerCase();
  const dependencies = Object.fromEntries(
    DEPENDENCY_FIELDS.flatMap((field) => Object.entries(asRecord(declared[field]))).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const implicitDependencies = [...asStrings(asRecord(declared.nx).implicitDependencies), ...asStrings(projectJson?.implicitDependencies)];
  const peers = Object.keys(asRecord(declared.peerDependencies));
  return { name, path: folder, version: stringOr(declared.version), dependencies, peers, implicitDependencies, projectJsonOnly: manifest === undefined };
}

const stringOr = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
