/** The read side of a workspace. Planning sees the workspace only through this port. */
export interface WorkspaceReader {
  /** Paths are workspace-relative and POSIX-style. */
  exists(path: string): boolean;
  /** The file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** The names of a folder's entries (files and folders), none when it is not a folder; '' is the workspace root. */
  children(path: string): string[];
}

/** A service's folder when nothing else says: packages/<name>. */
export const packageRoot = (name: string) => `packages/${name}`;

/** A path under a workspace-relative folder ('' is the workspace root). */
export const under = (folder: string, path: string) => (folder === '' ? path : path === '' ? folder : `${folder}/${path}`.replace(/\/{2,}/g, '/'));
export const dockerfilePath = (name: string) => `docker/${name}.Dockerfile`;
/** BuildKit's ignore file for one Dockerfile (docker/<name>.Dockerfile.dockerignore, beside it), read instead of the context's. */
export const dockerIgnorePath = (name: string) => `${dockerfilePath(name)}.dockerignore`;
