/**
 * The @nx/devkit functions the generator uses. @nx/devkit is an optional peer of this package (plop
 * and CLI users need no Nx), so a workspace may have `nx` without it; then the same functions
 * come from `nx/src/devkit-exports`, which is what @nx/devkit itself re-exports, and only
 * formatFiles (a @nx/devkit addition) is missing: nothing is formatted.
 */
import { createRequire } from 'node:module';
import type * as Devkit from '@nx/devkit';

export type DevkitApi = Pick<typeof Devkit, 'formatFiles' | 'getProjects' | 'logger' | 'updateProjectConfiguration'>;

const require = createRequire(import.meta.url);
let loaded: DevkitApi | undefined;

function isMissing(error: unknown, specifier: string): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === 'MODULE_NOT_FOUND' && Boolean(message?.includes(`'${specifier}'`));
}

export function devkit(): DevkitApi {
  if (loaded) return loaded;
  try {
    loaded = require('@nx/devkit') as typeof Devkit;
  } catch (error) {
    if (!isMissing(error, '@nx/devkit')) throw error;
    const nx = require('nx/src/devkit-exports') as typeof Devkit;
    loaded = {
      getProjects: nx.getProjects,
      logger: nx.logger,
      updateProjectConfiguration: nx.updateProjectConfiguration,
      formatFiles: async () => undefined,
    };
  }
  return loaded;
}
