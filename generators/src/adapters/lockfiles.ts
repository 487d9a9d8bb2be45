/**
 * Proven lockfiles. A new package's lockfile is written by its package manager in a scratch
 * folder, seeded with the skeleton's committed lockfile so every transitive version is one the
 * e2e suite proved; an existing package's lockfile is copied there as it is. Either way the
 * lockfile must then pass the frozen install its Dockerfile will run, before anything is written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Change } from '../core/plan.js';
import type { RunFlags, ServiceSpec } from '../core/spec.js';
import { hostCommands, PACKAGE_MANAGERS, type PackageManagerDefinition } from '../core/stacks.js';
import { templatesRoot } from '../core/templates.js';
import type { WorkspaceReader } from '../core/workspace.js';
import { frozenCheckFailure, inScratch, LockfileError, run } from './scratch-install.js';
import { checkPrunedLockfile } from './pruned-lockfile.js';

export type HostCommands = NonNullable<PackageManagerDefinition['host']>;
type FrozenCheck = NonNullable<HostCommands['frozenCheck']>;

/** The lockfile the skeleton of this stack and app type was proven with, when there is one. */
export function seedLockfilePath(spec: Pick<ServiceSpec, 'stack' | 'appType' | 'packageManager'>): string {
  return join(templatesRoot(), spec.stack, 'skeleton-lock', spec.appType, PACKAGE_MANAGERS[spec.packageManager].lockfile);
}

/**
 * The lockfile change for a new package (undefined where the skeleton's lockfile is a template or
 * the run writes nothing); for an existing one, the check of the lockfile it has. Throws
 * LockfileError when the lockfile would fail the image's frozen install.
 */
export async function proveDependencies(
  spec: ServiceSpec,
  changes: readonly Change[],
  workspace: WorkspaceReader,
  flags: Pick<RunFlags, 'skipInstall' | 'dryRun'>,
): Promise<Change | undefined> {
  const host = hostCommands(spec.packageManager);
  if (!host || flags.skipInstall) return undefined;
  if (spec.mode === 'new') return flags.dryRun ? undefined : newLockfile(spec, changes, host, { seeded: true });
  // A workspace member has no lockfile of its own: the root's was checked against every member's manifest as the workspace was read, and the image installs from it pruned.
  if (spec.workspace) await checkPrunedLockfile(spec.workspace, workspace);
  else if (host.frozenCheck) await checkExistingLockfile(spec, workspace, host.frozenCheck);
  return undefined;
}

/**
 * Locks a new package's planned files in a scratch folder and proves the result. seeded: start
 * from the skeleton's committed lockfile (generation); unseeded: resolve afresh (skeletons:update).
 */
export async function newLockfile(spec: ServiceSpec, changes: readonly Change[], host: HostCommands, { seeded }: { seeded: boolean }): Promise<Change> {
  const root = spec.directory;
  const lockfile = PACKAGE_MANAGERS[spec.packageManager].lockfile;
  const lockCommand = host.lock;
  if (!lockCommand) throw new Error(`unreachable: ${spec.packageManager} never locks a new package`);
  return inScratch(async (scratch) => {
    for (const change of changes) {
      const file = change.path.slice(root.length + 1);
      if (change.path.startsWith(`${root}/`) && !file.includes('/')) writeFileSync(join(scratch, file), change.content);
    }
    const seed = seedLockfilePath(spec);
    if (seeded && existsSync(seed)) writeFileSync(join(scratch, lockfile), readFileSync(seed));
    const lock = await run(lockCommand, scratch);
    if (lock.failed) {
      throw new LockfileError(`lockfile: \`${lockCommand.join(' ')}\` failed (${lock.why}); fix that, or re-run with --skipInstall and lock it yourself`);
    }
    if (host.frozenCheck) {
      const failure = await frozenCheckFailure(host.frozenCheck, scratch, lockfile);
      if (failure) {
        throw new LockfileError(
          `lockfile: the ${lockfile} written for ${root} fails \`${host.frozenCheck.runs}\` (${failure}): the registry does not serve a package it needs; re-run with --skipInstall and lock it where that registry is reachable`,
        );
      }
    }
    return { path: `${root}/${lockfile}`, content: readFileSync(join(scratch, lockfile), 'utf8'), previous: undefined, ownership: 'owned' };
  });
}

async function checkExistingLockfile(spec: ServiceSpec, workspace: WorkspaceReader, check: FrozenCheck): Promise<void> {
  const root = spec.directory;
  const pm: PackageManagerDefinition = PACKAGE_MANAGERS[spec.packageManager];
  const lockfilePath = `${root}/${pm.lockfile}`;
  if (!workspace.exists(lockfilePath)) {
    throw new LockfileError(`lockfile: ${lockfilePath} is missing, and the image installs from it with \`${check.runs}\`; run \`${check.fix}\` in ${root} and commit it`);
  }
  await inScratch(async (scratch) => {
    // Exactly the files the Dockerfile's dependency stage copies: the check sees what the image sees.
    for (const file of pm.dependencyFiles.map(optionalFileName)) {
      const content = workspace.read(`${root}/${file}`);
      if (content !== undefined) writeFileSync(join(scratch, file), content);
    }
    const failure = await frozenCheckFailure(check, scratch, pm.lockfile);
    if (failure) {
      throw new LockfileError(`lockfile: ${lockfilePath} fails \`${check.runs}\` (${failure}); run \`${check.fix}\` in ${root} against a registry that serves every package it names, and commit the lockfile`);
    }
  });
}

/** `go.su[m]` in a COPY line means "go.sum, when there is one". */
const optionalFileName = (pattern: string) => pattern.replace(/\[(.)\]/g, '$1');
