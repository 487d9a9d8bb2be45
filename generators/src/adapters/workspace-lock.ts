/**
 * Workspace lockfiles on the host, in scratch copies of what the package manager reads, before
 * anything is written. A new package that joins a workspace: its package manager adds it to the
 * root lockfile (the one file outside the package that mode new changes), and only then is the
 * member's image build from the root known. Every member: the lockfile its image installs from,
 * pruned as the image prunes it, must pass the frozen install.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Notice } from '../core/context.js';
import type { Change } from '../core/plan.js';
import type { RunFlags, ServiceSpec } from '../core/spec.js';
import { PACKAGE_MANAGERS, type PackageManagerDefinition } from '../core/stacks.js';
import type { WorkspaceBuild, WorkspaceJoin } from '../core/workspace-model.js';
import { under, type WorkspaceReader } from '../core/workspace.js';
import { detectWorkspace, workspaceBuild } from '../ecosystems/workspaces.js';
import { frozenCheckFailure, inScratch, LockfileError, run } from './scratch-install.js';

export interface JoinedWorkspace {
  /** The spec with the member's image build from the workspace root. */
  readonly spec: ServiceSpec;
  /** The root lockfile with the member recorded; none on a dry run or with --skipInstall. */
  readonly lockfile?: Change;
  readonly notices: readonly Notice[];
}

/** Registry settings a lockfile-only install on the host reads at the root (the image's context leaves them out, as secrets). */
const REGISTRY_FILES = ['.npmrc'];

export async function joinWorkspace(spec: ServiceSpec, planned: readonly Change[], workspace: WorkspaceReader, flags: Pick<RunFlags, 'skipInstall' | 'dryRun'>): Promise<JoinedWorkspace> {
  const joins = spec.joins;
  if (!joins) throw new Error('unreachable: only a joining member is locked at its root');
  const member = planned.filter((change) => change.path.startsWith(`${spec.directory}/`));
  const withMember = overlay(workspace, member);
  // The build as it will be once the root lockfile records the member: it names the root files the lock reads, and refuses what the image cannot install.
  const pending = buildOf(withMember, spec.directory, { unlocked: spec.directory });
  const host = (PACKAGE_MANAGERS[spec.packageManager] as PackageManagerDefinition).host;
  const lockfile = pending.lockfile;
  if (flags.dryRun || flags.skipInstall || !host?.lock) {
    const how = host?.frozenCheck?.fix ?? `${spec.packageManager} install`;
    const message = flags.dryRun ? `would record ${spec.directory} (\`${host?.lock?.join(' ')}\` at the root)` : `does not record ${spec.directory} yet; run \`${how}\` at the root before building its image`;
    return { spec: { ...spec, workspace: pending }, notices: [{ path: lockfile, message }] };
  }
  const lockCommand = host.lock;
  const content = await inScratch(async (scratch) => {
    copyInto(scratch, withMember, scratchFiles(withMember, joins, pending, spec.directory));
    const lock = await run(lockCommand, scratch);
    if (lock.failed) {
      throw new LockfileError(`lockfile: \`${lockCommand.join(' ')}\` at the workspace root failed (${lock.why}); fix that, or re-run with --skipInstall and run \`${host.frozenCheck?.fix ?? 'install'}\` at the root yourself`);
    }
    const failure = host.frozenCheck && (await frozenCheckFailure(host.frozenCheck, scratch, lockfile));
    if (failure) {
      throw new LockfileError(`lockfile: ${lockfile} with ${spec.directory} added fails \`${host.frozenCheck!.runs}\` (${failure}); fix the workspace's lockfile with \`${host.frozenCheck!.fix}\` at the root, then run again`);
    }
    return readFileSync(join(scratch, lockfile), 'utf8');
  });
  const locked: Change = { path: lockfile, content, previous: workspace.read(lockfile), ownership: 'merged', verbatim: true };
  const withLockfile = overlay(withMember, [locked]);
  const build = buildOf(withLockfile, spec.directory);
  await checkPrunedLockfile(build, withLockfile);
  return { spec: { ...spec, workspace: build }, lockfile: locked, notices: [] };
}

/**
 * The lockfile the image installs from, made on the host as its `lockfile` stage makes it: the
 * root files, the manifests of the service and its internal packages, the root lockfile, and the
 * package manager's lockfile-only install over them. It must then pass the frozen install the
 * `deps` stage runs, so a pruning the manager cannot do fails here, not in `docker build`.
 */
export async function checkPrunedLockfile(build: WorkspaceBuild, reader: WorkspaceReader): Promise<void> {
  const host = (PACKAGE_MANAGERS[build.packageManager] as PackageManagerDefinition).host;
  if (!host?.lock || !host.frozenCheck) return;
  const { lock: lockCommand, frozenCheck } = host;
  const packages = [build.service.path, ...build.internal.map(({ path }) => path)];
  const files = [...rootInstallFiles(reader, build), ...packages.map((path) => under(path, 'package.json'))];
  const shown = `${build.lockfile} pruned to ${build.service.path}${build.internal.length > 0 ? ' and its internal packages' : ''}`;
  await inScratch(async (scratch) => {
    copyInto(scratch, reader, files);
    const lock = await run(lockCommand, scratch);
    if (lock.failed) throw new LockfileError(`lockfile: ${shown}, as the image's lockfile stage prunes it, fails (${lock.why}); run \`${frozenCheck.fix}\` at the root, then run again`);
    const failure = await frozenCheckFailure(frozenCheck, scratch, build.lockfile);
    if (failure) throw new LockfileError(`lockfile: ${shown} fails \`${frozenCheck.runs}\` (${failure}), which the image's install runs; run \`${frozenCheck.fix}\` at the root, then run again`);
  });
}

function copyInto(scratch: string, reader: WorkspaceReader, paths: readonly string[]): void {
  for (const path of new Set(paths)) {
    const content = reader.read(path);
    if (content === undefined) continue;
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), content);
  }
}

function buildOf(reader: WorkspaceReader, directory: string, options?: { unlocked: string }): WorkspaceBuild {
  const build = workspaceBuild(reader, directory, options);
  if (!build) throw new Error(`unreachable: ${directory} was found to join a workspace`);
  return build;
}

/** What the package manager reads to lock the whole workspace: the root's install files and every member's manifest. */
function scratchFiles(reader: WorkspaceReader, joins: WorkspaceJoin, build: WorkspaceBuild, directory: string): string[] {
  const members = detectWorkspace(reader, directory, { unlocked: directory }).members.map((member) => under(member.path, joins.manifest));
  return [...rootInstallFiles(reader, build), ...members];
}

/** The root files an install reads: the image's (manifest, lockfile, the manager's own, patches) and the registry settings. */
function rootInstallFiles(reader: WorkspaceReader, build: WorkspaceBuild): string[] {
  return [...build.rootFiles, ...REGISTRY_FILES, ...build.rootFolders.flatMap((folder) => filesBelow(reader, folder))];
}

function filesBelow(reader: WorkspaceReader, folder: string): string[] {
  return reader.children(folder).flatMap((name) => {
    const path = under(folder, name);
    return reader.read(path) !== undefined ? [path] : filesBelow(reader, path);
  });
}

/** The workspace as it will be with the planned changes written. */
function overlay(reader: WorkspaceReader, changes: readonly Change[]): WorkspaceReader {
  const planned = new Map(changes.map((change) => [change.path, change.content]));
  const plannedFolders = new Set([...planned.keys()].flatMap((path) => path.split('/').slice(0, -1).map((_, index, segments) => segments.slice(0, index + 1).join('/'))));
  return {
    exists: (path) => planned.has(path) || plannedFolders.has(path) || reader.exists(path),
    read: (path) => planned.get(path) ?? reader.read(path),
    children: (path) => {
      const prefix = path === '' ? '' : `${path}/`;
      const added = [...planned.keys(), ...plannedFolders].filter((entry) => entry.startsWith(prefix) && entry !== path).map((entry) => entry.slice(prefix.length).split('/')[0]!);
      return [...new Set([...reader.children(path), ...added])].sort();
    },
  };
}
