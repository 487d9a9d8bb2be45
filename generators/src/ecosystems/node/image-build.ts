/** What building a Node workspace member's image from the workspace root needs: the root files its install reads, and its internal packages with what their builds write. */
import { posix } from 'node:path';
import { libraryBuildOutput, SAFE_RELATIVE_PATH } from '../../core/node/entry.js';
import { PACKAGE_MANAGERS, type PackageManagerDefinition } from '../../core/stacks.js';
import { WorkspaceLayoutError, type WorkspaceBuild, type WorkspaceEcosystem } from '../../core/workspace-model.js';
import type { WorkspaceReader } from '../../core/workspace.js';
import { asRecord, readObject } from './files.js';
import { nxBuildOf } from './nx-build.js';

export const imageBuild: WorkspaceEcosystem['imageBuild'] = (reader, model) => {
  const { root, packageManager, lockfile, service } = model;
  if (root !== '') throw new WorkspaceLayoutError(`${root}: is the root of the workspace ${service.path} belongs to; run dockwright there, so the image builds from that root`);
  if (!packageManager || !lockfile) {
    const manager = packageManager ?? 'npm';
    throw new WorkspaceLayoutError(
      `package.json: declares the workspace ${service.path} belongs to, and has no ${PACKAGE_MANAGERS[manager].lockfile} beside it, which the image installs from; run \`${manager} install\` at the root and commit it`,
    );
  }
  const prune = (PACKAGE_MANAGERS[packageManager] as PackageManagerDefinition).docker.workspace;
  if (!prune) {
    throw new WorkspaceLayoutError(
      `${lockfile}: ${packageManager} workspaces are not built by dockwright (it has no lockfile-only install to prune the root lockfile with; npm, pnpm and Yarn 4 workspaces are built); move the workspace to Yarn 4 with \`yarn set version 4\` and \`yarn install\`, or give the service a lockfile of its own`,
    );
  }
  // In an Nx workspace, what Nx builds (a build target, or a library the TypeScript plugin builds) is built by Nx.
  const nx = reader.exists('nx.json');
  const nxBuilt = (path: string) => (nx ? nxBuildOf(reader, path) : undefined);
  const internal = model.closure(service.path).map(({ name, path }) => {
    const buildOutput: string | false = libraryBuildOutput(reader, path) || (nxBuilt(path)?.output ?? false);
    return { name, path: safePath(path, `${path}/package.json`), buildOutput };
  });
  const serviceBuild = nxBuilt(service.path);
  // Once Nx builds one of them, it builds them all, in its task graph's order: a build script is a target Nx infers too.
  const nxBuilds = serviceBuild !== undefined || internal.some(({ path }) => nxBuilt(path));
  const built = [...internal.filter(({ buildOutput }) => buildOutput !== false), ...(serviceBuild || hasBuildScript(reader, service.path) ? [service] : [])];
  const nxProjects = nxBuilds ? built.map(({ name }) => name) : [];
  const patches = patchPaths(reader);
  return {
    packageManager,
    rootFiles: ['package.json', lockfile, ...prune.rootFiles.filter((file) => reader.exists(file)), ...patches.files],
    rootFolders: patches.folders,
    lockfile,
    internal,
    service: {
      name: service.name,
      path: safePath(service.path, `${service.path}/package.json`),
      ...(serviceBuild?.entry ? { build: { output: serviceBuild.output, entry: serviceBuild.entry } } : {}),
    },
    buildFiles: [...BUILD_FILES, ...(nx ? ['nx.json'] : [])].filter((file) => reader.exists(file)),
    ...(nxProjects.length > 0 ? { buildCommand: `npx --no nx run-many --targets=build --projects=${nxProjects.map((name) => safeProjectName(name)).join(',')} --outputStyle=static` } : {}),
  } satisfies WorkspaceBuild;
};

/**
 * The patches pnpm applies (pnpm-workspace.yaml's patchedDependencies, or package.json's
 * pnpm.patchedDependencies before pnpm 10), whose hashes the lockfile records: the top folder of
 * each, or the file itself at the root.
 */
function patchPaths(reader: WorkspaceReader): { files: string[]; folders: string[] } {
  const declared = {
    ...asRecord(asRecord(readObject(reader, 'package.json')?.pnpm).patchedDependencies),
    ...asRecord(readObject(reader, 'pnpm-workspace.yaml', 'yaml')?.patchedDependencies),
  };
  const paths = Object.values(declared)
    .filter((file): file is string => typeof file === 'string')
    .map((file) => safePath(posix.normalize(file), 'pnpm-workspace.yaml'));
  const unique = (items: string[]) => [...new Set(items)].sort();
  return { files: unique(paths.filter((path) => !path.includes('/'))), folders: unique(paths.filter((path) => path.includes('/')).map((path) => path.split('/')[0]!)) };
}

const hasBuildScript = (reader: WorkspaceReader, path: string) => typeof asRecord(readObject(reader, `${path}/package.json`)?.scripts).build === 'string';

/** The TypeScript configuration a package's tsconfig extends from the root. */
const BUILD_FILES = ['tsconfig.base.json', 'tsconfig.json'];

/** An Nx project name as a shell word; anything else is the user's to rename. */
function safeProjectName(name: string): string {
  if (/^[A-Za-z0-9@._/-]+$/.test(name)) return name;
  throw new WorkspaceLayoutError(`nx.json: the project name ${JSON.stringify(name)} has characters a build command cannot pass as they are; rename the project`);
}

/** A path a COPY line can name as it is; anything else is the user's to rename. */
function safePath(path: string, file: string): string {
  if (SAFE_RELATIVE_PATH.test(path)) return path;
  throw new WorkspaceLayoutError(`${file}: ${JSON.stringify(path)} is not a plain relative path of A-Z, a-z, 0-9, '.', '_', '@', '-' (the Dockerfile copies it by name); rename it`);
}
