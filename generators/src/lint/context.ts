/**
 * The build context of a Dockerfile and the .dockerignore that applies to it. By the workspace
 * convention `docker/<name>.Dockerfile` builds `packages/<name>`; any other Dockerfile builds the
 * folder it sits in, unless a context is given. As BuildKit does, `<Dockerfile>.dockerignore`
 * beside the Dockerfile wins over the context's `.dockerignore`.
 */
import type { WorkspaceReader } from '../core/workspace.js';
import { packageRoot } from '../core/workspace.js';

export interface BuildContext {
  /** Workspace-relative folder, POSIX-style; "." for the workspace root. */
  readonly dir: string;
  /** Where a .dockerignore for this build is expected. */
  readonly expectedIgnoreFile: string;
  readonly dockerignore: { readonly path: string; readonly text: string } | undefined;
}

const SERVICE_DOCKERFILE = /^docker\/([^/]+)\.Dockerfile$/;

export function defaultContextDir(dockerfile: string): string {
  const service = SERVICE_DOCKERFILE.exec(dockerfile)?.[1];
  if (service) return packageRoot(service);
  const slash = dockerfile.lastIndexOf('/');
  return slash === -1 ? '.' : dockerfile.slice(0, slash);
}

export function resolveBuildContext(dockerfile: string, workspace: WorkspaceReader, contextDir?: string): BuildContext {
  const dir = normalize(contextDir ?? defaultContextDir(dockerfile));
  const expectedIgnoreFile = dir === '.' ? '.dockerignore' : `${dir}/.dockerignore`;
  const candidates = [`${dockerfile}.dockerignore`, expectedIgnoreFile];
  for (const path of candidates) {
    const text = workspace.read(path);
    if (text !== undefined) return { dir, expectedIgnoreFile, dockerignore: { path, text } };
  }
  return { dir, expectedIgnoreFile, dockerignore: undefined };
}

const normalize = (dir: string) => dir.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^\.\//, '') || '.';
