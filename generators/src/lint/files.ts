/**
 * Which Dockerfiles to lint: the arguments, where `*`, `?` and `[…]` in the last path segment
 * are expanded (for shells and Nx commands that pass them through), or `docker/*.Dockerfile`.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from './options.js';

export const DEFAULT_PATTERN = 'docker/*.Dockerfile';
const GLOB = /[*?[]/;

/** Paths relative to `root` when inside it, POSIX-style, sorted, without duplicates. */
export function expandFiles(args: readonly string[], root: string): string[] {
  const patterns = args.length > 0 ? args : [DEFAULT_PATTERN];
  const files = patterns.flatMap((pattern) => {
    const matches = GLOB.test(pattern) ? expandGlob(pattern, root) : [pattern];
    if (args.length > 0 && matches.length === 0) throw new UsageError(`no files match ${pattern}`);
    for (const file of matches) {
      const absolute = resolve(root, file);
      if (!existsSync(absolute) || !statSync(absolute).isFile()) throw new UsageError(`no such file: ${file}`);
    }
    return matches.map((file) => display(file, root));
  });
  return [...new Set(files)].sort();
}

function expandGlob(pattern: string, root: string): string[] {
  const slash = pattern.lastIndexOf('/');
  const dir = slash === -1 ? '.' : pattern.slice(0, slash) || '/';
  const name = pattern.slice(slash + 1);
  if (GLOB.test(dir)) throw new UsageError(`only the file name may hold wildcards: ${pattern}`);
  const folder = resolve(root, dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  const regex = segmentRegex(name);
  return readdirSync(folder)
    // A folder, or a symlink to nothing, matched by the pattern is not a Dockerfile: left out as a shell's `[ -f ]` would.
    .filter((entry) => regex.test(entry) && statSync(resolve(folder, entry), { throwIfNoEntry: false })?.isFile() === true)
    .map((entry) => (slash === -1 ? entry : `${pattern.slice(0, slash)}/${entry}`));
}

function segmentRegex(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\[!/g, '[^');
  return new RegExp(`^${source}$`);
}

function display(file: string, root: string): string {
  const absolute = resolve(root, file);
  const inside = relative(root, absolute);
  const path = inside.startsWith('..') || isAbsolute(inside) ? absolute : inside;
  return path.split('\\').join('/');
}

/**
 * The input `--output` would overwrite, if any: paths compared once symlinks are resolved (an
 * output that does not exist yet is resolved through its folder), so `-o docker/../x.Dockerfile`
 * or a link to an input is caught.
 */
export function inputOverwrittenBy(output: string, files: readonly string[], root: string): string | undefined {
  const target = realPath(resolve(root, output));
  return files.find((file) => realPath(resolve(root, file)) === target);
}

function realPath(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : resolve(realPath(parent), basename(path));
}
