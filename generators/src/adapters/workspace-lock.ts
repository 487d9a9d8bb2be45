/**
 * A new package that joins a workspace: its package manager adds it to the root lockfile (the one
 * file outside the package that mode new changes), in a scratch copy of what the install reads,
 * and the result must pass the frozen check before anything is written. Only then is the member's
 * image build from the root known, and its pruned lockfile checked as for any member.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Notice } from '../core/context.js';
import type { Change } from '../core/plan.js';
import { InputError, type RunFlags, type ServiceSpec } from '../core/spec.js';
import { hostCommands } from '../core/stacks.js';
import type { WorkspaceBuild, WorkspaceJoin } from '../core/workspace-model.js';
import { under, type WorkspaceReader } from '../core/workspace.js';
import { detectWorkspace, workspaceBuild } from '../ecosystems/workspaces.js';
import { checkPrunedLockfile, copyInto, rootInstallFiles } from './pruned-lockfile.js';
import { frozenCheckFailure, inScratch, LockfileError, run } from './scratch-install.js';

export interface JoinedWorkspace {
  /** The spec with the member's image build from the workspace root. */
  readonly spec: ServiceSpec;
  /** The root lockfile with the member recorded; none on a dry run or with --skipInstall. */
  readonly lockfile?: Change;
  readonly notices: readonly Notice[];
}

export async function joinWorkspace(spec: ServiceSpec, joins: WorkspaceJoin, planned: readonly Change[], workspace: WorkspaceReader, flags: Pick<RunFlags, 'skipInstall' | 'dryRun'>): Promise<JoinedWorkspace> {
  const taken = detectWorkspace(workspace, spec.directory).members.find((member) => member.name === spec.name);
  if (taken) throw new InputError('name', `${spec.name} is already the package name of ${taken.path} in the workspace; choose another --name`);
  const member = planned.filter((change) => change.path.startsWith(`${spec.directory}/`));
  const withMember = overlay(workspace, member);
  // The build as it will be once the root lockfile records the member: it names the root files the lock reads, and refuses what the image cannot install.
  const pending = buildOf(withMember, spec.directory, { unlocked: spec.directory });
  const host = hostCommands(spec.packageManager);
  const lockfile = pending.lockfile;
  if (flags.dryRun || flags.skipInstall || !host?.lock) {
    const message = flags.dryRun && host?.lock
      ? `would record ${spec.directory} (\`${host.lock.join(' ')}\` at the root)`
      : `does not record ${spec.directory} yet; run \`${host?.frozenCheck?.fix ?? `${spec.packageManager} install`}\` at the root before building its image`;
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
