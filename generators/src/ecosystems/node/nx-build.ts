/**
 * An Nx workspace's own builds, as the project configuration and nx.json declare them: a `build`
 * target of a bundling executor (its outputPath, and the file it writes for main), or the build
 * the @nx/js/typescript plugin infers from a project's tsconfig.lib.json (tsc --build to its outDir).
 */
import { posix } from 'node:path';
import { SAFE_RELATIVE_PATH } from '../../core/node/entry.js';
import { compilerLayout } from '../../core/node/tsconfig.js';
import type { WorkspaceReader } from '../../core/workspace.js';
import { asRecord, readObject } from './files.js';

export interface NxBuild {
  /** The folder the build writes, relative to the project. */
  readonly output: string;
  /** The file it writes for the project's main, relative to the project: what an app runs. */
  readonly entry?: string;
}

/** Executors that write `<outputPath>/<main's name>.js`. */
const BUNDLERS = new Set(['@nx/esbuild:esbuild', '@nx/webpack:webpack', '@nx/rspack:rspack']);
const TYPESCRIPT_PLUGIN = '@nx/js/typescript';
const DEFAULT_LIBRARY_CONFIG = 'tsconfig.lib.json';

export function nxBuildOf(reader: WorkspaceReader, project: string): NxBuild | undefined {
  const target = buildTarget(reader, project);
  if (target && BUNDLERS.has(String(target.executor))) {
    const options = asRecord(target.options);
    const output = projectPath(project, options.outputPath);
    const main = typeof options.main === 'string' ? posix.basename(options.main).replace(/\.[cm]?[jt]sx?$/, '') : undefined;
    if (output) return { output, ...(main && SAFE_RELATIVE_PATH.test(main) ? { entry: `${output}/${main}.js` } : {}) };
  }
  const configName = inferredLibraryConfig(reader);
  if (!target && configName && reader.exists(`${project}/${configName}`)) {
    const output = compilerLayout(reader, project, configName)?.outDir;
    if (output && output !== '.' && SAFE_RELATIVE_PATH.test(output)) return { output };
  }
  return undefined;
}

/** The `build` target of project.json, else of package.json's `nx` field. */
function buildTarget(reader: WorkspaceReader, project: string): Record<string, unknown> | undefined {
  const fromProjectJson = asRecord(asRecord(readObject(reader, `${project}/project.json`, 'jsonc')?.targets).build);
  if (Object.keys(fromProjectJson).length > 0) return fromProjectJson;
  const fromPackageJson = asRecord(asRecord(asRecord(readObject(reader, `${project}/package.json`)?.nx).targets).build);
  return Object.keys(fromPackageJson).length > 0 ? fromPackageJson : undefined;
}

/** The tsconfig the @nx/js/typescript plugin builds libraries from, when nx.json registers it with a build. */
function inferredLibraryConfig(reader: WorkspaceReader): string | undefined {
  const plugins = readObject(reader, 'nx.json', 'jsonc')?.plugins;
  for (const plugin of Array.isArray(plugins) ? plugins : []) {
    const entry = typeof plugin === 'string' ? { plugin } : asRecord(plugin);
    if (entry.plugin !== TYPESCRIPT_PLUGIN) continue;
    const build = asRecord(entry.options).build;
    if (build === false || build === undefined) return undefined;
    const configName = asRecord(build).configName;
    return typeof configName === 'string' ? configName : DEFAULT_LIBRARY_CONFIG;
  }
  return undefined;
}

/** A workspace-relative output path as a folder inside the project, or undefined. */
function projectPath(project: string, outputPath: unknown): string | undefined {
  if (typeof outputPath !== 'string') return undefined;
  const relative = posix.relative(project, posix.normalize(outputPath.replace(/^\{workspaceRoot\}\//, '').replace(/^\{projectRoot\}/, project)));
  return relative !== '' && SAFE_RELATIVE_PATH.test(relative) ? relative : undefined;
}
