/**
 * Workspace globs (npm/yarn `workspaces`, pnpm-workspace.yaml `packages`) matched the way Nx
 * matches them (minimatch, `!` excludes), over the folders the port lists.
 */
import { GLOBSTAR, Minimatch, minimatch } from 'minimatch';
import type { WorkspaceReader } from '../../core/workspace.js';
import { folders, under } from './files.js';

/** The member folders (relative to root, sorted) that hold a package.json and match the patterns. */
export function matchingPackageFolders(reader: WorkspaceReader, root: string, patterns: readonly string[]): string[] {
  const { include } = split(patterns);
  const candidates = new Set(include.flatMap((pattern) => candidateFolders(reader, root, pattern)));
  return [...candidates]
    .filter((folder) => globsTakeIn(patterns, folder))
    .filter((folder) => reader.read(under(root, under(folder, 'package.json'))) !== undefined)
    .sort();
}

/** Whether a folder (relative to the root), existing or not, is one the globs make a member. */
export function globsTakeIn(patterns: readonly string[], folder: string): boolean {
  const { include, exclude } = split(patterns);
  return include.some((pattern) => minimatch(folder, pattern)) && !exclude.some((pattern) => minimatch(folder, pattern));
}

function split(patterns: readonly string[]): { include: string[]; exclude: string[] } {
  const normalized = patterns.map(normalize);
  return {
    include: normalized.filter((pattern) => !pattern.startsWith('!')),
    exclude: normalized.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1)),
  };
}

/** `./packages/*`, `packages/*\/`, `packages/*\/package.json` all name the folders `packages/*`. */
function normalize(pattern: string): string {
  const negated = pattern.startsWith('!');
  const body = (negated ? pattern.slice(1) : pattern).replace(/^\.\//, '').replace(/\/package\.json$/, '').replace(/\/+$/, '');
  return `${negated ? '!' : ''}${body}`;
}

/** Only the folders under each of the pattern's literal prefixes (one per brace branch), to the depth it can reach. */
function candidateFolders(reader: WorkspaceReader, root: string, pattern: string): string[] {
  const relative = (folder: string) => (root === '' ? folder : folder === root ? '' : folder.slice(root.length + 1));
  return new Minimatch(pattern).set.flatMap((parts) => {
    const literal: string[] = [];
    for (const part of parts) {
      if (typeof part !== 'string') break;
      literal.push(part);
    }
    const rest = parts.slice(literal.length);
    const depth = rest.includes(GLOBSTAR) ? Infinity : rest.length;
    return folders(reader, under(root, literal.join('/')), depth).map(relative);
  });
}
