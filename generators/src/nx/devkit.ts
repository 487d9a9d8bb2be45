/**
 * The @nx/devkit functions the generator uses. @nx/devkit is an optional peer of this package (plop
 * and CLI users need no Nx), so a workspace may have `nx` without it. getProjects, logger and
 * updateProjectConfiguration are what @nx/devkit itself re-exports from `nx/src/devkit-exports`,
 * which the running Nx has already loaded: they are taken from there. @nx/devkit (~0.1 s to load)
 * is loaded only for formatFiles, its own addition, and only when there is a file to format;
 * without it nothing is formatted.
 */
import { createRequire } from 'node:module';
import type * as Devkit from '@nx/devkit';
import type { Tree } from '@nx/devkit';

export type DevkitApi = Pick<typeof Devkit, 'formatFiles' | 'getProjects' | 'logger' | 'updateProjectConfiguration'>;

const require = createRequire(import.meta.url);
let loaded: DevkitApi | undefined;

function isMissing(error: unknown, specifier: string): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === 'MODULE_NOT_FOUND' && Boolean(message?.includes(`'${specifier}'`));
}

async function formatFiles(tree: Tree): Promise<void> {
  let format: typeof Devkit.formatFiles;
  try {
    format = (require('@nx/devkit') as typeof Devkit).formatFiles;
  } catch (error) {
    if (isMissing(error, '@nx/devkit')) return;
    throw error;
  }
  await format(tree);
}

export function devkit(): DevkitApi {
  if (loaded) return loaded;
  let nx: typeof Devkit;
  try {
    nx = require('nx/src/devkit-exports') as typeof Devkit;
  } catch (error) {
    // A layout where only the declared peer resolves from here (pnpm without hoisting): all of it from @nx/devkit.
    if (!isMissing(error, 'nx/src/devkit-exports')) throw error;
    const full = require('@nx/devkit') as typeof Devkit;
    loaded = { getProjects: full.getProjects, logger: full.logger, updateProjectConfiguration: full.updateProjectConfiguration, formatFiles: full.formatFiles };
    return loaded;
  }
  loaded = {
    getProjects: nx.getProjects,
    logger: nx.logger,
    updateProjectConfiguration: nx.updateProjectConfiguration,
    formatFiles,
  };
  return loaded;
}
