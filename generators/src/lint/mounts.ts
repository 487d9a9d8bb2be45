/** `RUN --mount=type=cache,target=/x`: the mounts of a RUN, as key/value options. */
import type { Instruction } from 'dockerfile-ast';
import { flagsOf } from './flags.js';

export interface Mount {
  readonly type: string;
  readonly target: string | undefined;
}

export function mountsOf(run: Instruction): Mount[] {
  return flagsOf(run)
    .filter((flag) => flag.getName() === 'mount')
    .map((flag) => {
      const options = new Map(
        (flag.getValue() ?? '').split(',').map((option) => {
          const [key = '', ...value] = option.split('=');
          return [key.trim(), value.join('=').trim()] as const;
        }),
      );
      return { type: options.get('type') ?? 'bind', target: options.get('target') ?? options.get('dst') ?? options.get('destination') };
    });
}

/** A cache or tmpfs mount over `path` (or a folder above it): what it writes never reaches a layer. */
export const mountsOver = (run: Instruction, path: string) =>
  mountsOf(run).some((mount) => (mount.type === 'cache' || mount.type === 'tmpfs') && mount.target !== undefined && `${path}/`.startsWith(`${mount.target.replace(/\/+$/, '')}/`));
