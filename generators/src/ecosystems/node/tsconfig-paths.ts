/**
 * Edges to Nx libraries that have no package.json: other projects import them by a tsconfig
 * `paths` alias (tsconfig.base.json), so the importers' sources say who depends on whom.
 */
import { posix } from 'node:path';
import type { WorkspaceReader } from '../../core/workspace.js';
import { asRecord, asStrings, filesUnder, readObject, under } from './files.js';
import type { MemberManifest } from './members.js';
import { importedSpecifiers, SOURCE_FILE } from './source-imports.js';

const ROOT_TSCONFIGS = ['tsconfig.base.json', 'tsconfig.json'];

/** Member name → the members it imports through an alias (only aliases that lead into a project.json-only member). */
export function pathAliasEdges(reader: WorkspaceReader, root: string, members: readonly MemberManifest[]): Map<string, string[]> {
  const aliases = aliasTargets(reader, root, members.filter((member) => member.projectJsonOnly));
  const edges = new Map<string, string[]>();
  if (aliases.size === 0) return edges;
  for (const member of members) {
    const imported = new Set<string>();
    for (const file of filesUnder(reader, member.path, (name) => SOURCE_FILE.test(name))) {
      for (const specifier of importedSpecifiers(file.text, file.path)) {
        const target = aliases.get(specifier) ?? aliases.get(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
        if (target && target !== member.name) imported.add(target);
      }
    }
    if (imported.size > 0) edges.set(member.name, [...imported].sort());
  }
  return edges;
}

/** Alias (without a trailing `/*`) → the member its first target lies in. */
function aliasTargets(reader: WorkspaceReader, root: string, candidates: readonly MemberManifest[]): Map<string, string> {
  const aliases = new Map<string, string>();
  if (candidates.length === 0) return aliases;
  const tsconfigPath = ROOT_TSCONFIGS.map((file) => under(root, file)).find((file) => reader.exists(file));
  if (!tsconfigPath) return aliases;
  const options = asRecord(asRecord(readObject(reader, tsconfigPath, 'jsonc')).compilerOptions);
  const baseUrl = typeof options.baseUrl === 'string' ? under(root, options.baseUrl) : root;
  for (const [alias, targets] of Object.entries(asRecord(options.paths))) {
    const first = asStrings(targets)[0];
    if (first === undefined) continue;
    const target = posix.normalize(under(baseUrl, first.replace(/\/\*$/, '')));
    const member = candidates.find((candidate) => target === candidate.path || target.startsWith(`${candidate.path}/`));
    if (member) aliases.set(alias.replace(/\/\*$/, ''), member.name);
  }
  return aliases;
}
