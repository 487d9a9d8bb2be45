/**
 * The build tools a RUN installs and leaves in the image. The official images install build
 * dependencies and remove them in the same RUN, so they never reach a layer: an apk virtual group
 * deleted by name (`apk add --virtual .build-deps … && apk del .build-deps`), packages purged by
 * name, or the apt idiom `savedAptMark=$(apt-mark showmanual)` … `apt-mark auto '.*'` …
 * `apt-get purge -y --auto-remove`, which removes everything the RUN installed.
 */
import { isAptMarkAuto, isBuildTool, osInstall, osRemove } from './packages.js';
import type { ShellCommand } from './shell.js';

export function buildToolsLeft(commands: readonly ShellCommand[]): string[] {
  const left = new Map<string, string | undefined>();
  let markedAuto = false;
  for (const command of commands) {
    const install = osInstall(command);
    if (install) {
      for (const name of install.packages.filter(isBuildTool)) left.set(name, install.virtual);
      continue;
    }
    if (isAptMarkAuto(command)) markedAuto = true;
    const remove = osRemove(command);
    if (!remove) continue;
    const isApt = remove.manager === 'apt-get' || remove.manager === 'apt';
    if (remove.autoRemove && isApt && markedAuto) left.clear();
    for (const [name, group] of [...left]) {
      if (remove.packages.includes(name) || (group !== undefined && remove.packages.includes(group))) left.delete(name);
    }
  }
  return [...left.keys()];
}
