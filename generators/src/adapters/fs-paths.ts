/**
 * Workspace-relative paths to absolute ones, refusing every way out: absolute paths, `.` and `..`
 * segments, and, for writes, any folder or file on the way that is a symbolic link (it could lead
 * outside the workspace, or into another service's folder).
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export class PathError extends Error {
  override readonly name = 'PathError';
}

const SEGMENT_FORBIDDEN = /[\\\0]/;

export class WorkspacePaths {
  /** The workspace root with its own symlinks resolved: the boundary every write must stay inside. */
  readonly root: string;

  constructor(root: string) {
    this.root = resolveExisting(resolve(root));
  }

  /** For reading: lexically inside the workspace. */
  forRead(path: string): string {
    return join(this.root, ...this.segments(path));
  }

  /** For writing: inside the workspace with no symbolic link on the way. */
  forWrite(path: string): string {
    const segments = this.segments(path);
    let current = this.root;
    for (const [index, segment] of segments.entries()) {
      current = join(current, segment);
      const stat = lstatOrUndefined(current);
      if (stat === undefined) break;
      if (stat.isSymbolicLink()) {
        const shown = segments.slice(0, index + 1).join('/');
        throw new PathError(`refusing to write ${path}: ${shown} is a symbolic link (to ${readlinkSync(current)}); dockwright writes only through real folders of the workspace`);
      }
    }
    return join(this.root, ...segments);
  }

  private segments(path: string): string[] {
    const segments = path.split('/');
    if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || segments.some((segment) => segment === '' || segment === '.' || segment === '..' || SEGMENT_FORBIDDEN.test(segment))) {
      throw new PathError(`refusing to touch ${JSON.stringify(path)}: not a plain path inside the workspace`);
    }
    return segments;
  }
}

/** realpath of the deepest folder that exists, with the rest appended: a workspace may not exist yet (plop --dest). */
function resolveExisting(path: string): string {
  const missing: string[] = [];
  for (let current = path; ; current = dirname(current)) {
    try {
      return join(realpathSync(current), ...missing);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(current) === current) throw error;
      missing.unshift(basename(current));
    }
  }
}

export function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}
