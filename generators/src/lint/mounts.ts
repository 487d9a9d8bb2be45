/** `RUN --mount=type=cache,target=/x`: the mounts of a RUN, as key/value options. */
import type { Flag, Instruction } from 'dockerfile-ast';
import { flagsOf } from './flags.js';

export interface Mount {
  readonly flag: Flag;
  readonly type: string;
  readonly target: string | undefined;
  /** `from=<stage or image>`: what a bind or cache mount reads from. */
  readonly from: string | undefined;
}

export function mountsOf(run: Instruction): Mount[] {
  return flagsOf(run)
    .filter((flag) => flag.getName() === 'mount')
    .map((flag) => {
      const options = new Map(
        (flag.getValue() ?? '').split(',').map((option) => {
          const [key = '', ...value] = option.split('=');
          return [key.trim().toLowerCase(), value.join('=').trim()] as const;
        }),
      );
      const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
      return { flag, type: options.get('type') ?? 'bind', target, from: options.get('from') || undefined };
    });
}

/** A cache or tmpfs mount over `path` (or a folder above it): what it writes never reaches a layer. */
export const mountsOver = (run: Instruction, path: string) =>
  mountsOf(run).some((mount) => (mount.type === 'cache' || mount.type === 'tmpfs') && mount.target !== undefined && `${path}/`.startsWith(`${mount.target.replace(/\/+$/, '')}/`));
