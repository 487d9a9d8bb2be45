/**
 * The lockfile a workspace member's image installs from, made on the host as the image's
 * `lockfile` stage makes it (the root files, the manifests of the service and its internal
 * packages, the root lockfile, the package manager's lockfile-only install), in a scratch folder,
 * then the frozen check the `deps` stage stands for: a pruning the manager cannot do fails here,
 * before anything is written, not in `docker build`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostCommands } from '../core/stacks.js';
import type { WorkspaceBuild } from '../core/workspace-model.js';
import { under, type WorkspaceReader } from '../core/workspace.js';
import { frozenCheckFailure, inScratch, LockfileError, run } from './scratch-install.js';

/** Registry settings a lockfile-only install on the host reads at the root (the image's context leaves them out, as secrets). */
const REGISTRY_FILES = ['.npmrc'];

export async function checkPrunedLockfile(build: WorkspaceBuild, reader: WorkspaceReader): Promise<void> {
  const host = hostCommands(build.packageManager);
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

/** The root files an install reads: the image's (manifest, lockfile, the manager's own, patches) and the registry settings. */
export function rootInstallFiles(reader: WorkspaceReader, build: WorkspaceBuild): string[] {
  return [...build.rootFiles, ...REGISTRY_FILES, ...build.rootFolders.flatMap((folder) => filesBelow(reader, folder))];
}

function filesBelow(reader: WorkspaceReader, folder: string): string[] {
  return reader.children(folder).flatMap((name) => {
    const path = under(folder, name);
    return reader.read(path) !== undefined ? [path] : filesBelow(reader, path);
  });
}

/** Copies workspace files into the scratch folder at their paths; files that do not exist are skipped. */
export function copyInto(scratch: string, reader: WorkspaceReader, paths: readonly string[]): void {
  for (const path of new Set(paths)) {
    const content = reader.read(path);
    if (content === undefined) continue;
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), content);
  }
}
