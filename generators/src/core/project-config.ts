/**
 * Where a service's Nx configuration lives and how ours is merged into it: project.json when it
 * exists (or nothing else does), otherwise the "nx" field of an existing package.json. An existing
 * file is edited in place with jsonc-parser, as Nx reads it (comments and trailing commas
 * allowed): its comments and key order are kept, targets we do not own are never removed.
 */
import { applyEdits, modify, parse, type JSONPath, type ParseError } from 'jsonc-parser';
import type { ServiceSpec } from './spec.js';
import { imageTargets } from './targets.js';
import type { WorkspaceReader } from './workspace.js';

export interface ProjectConfigEdit {
  readonly path: string;
  readonly content: string;
}

export class UnreadableConfigError extends Error {
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}; fix or remove it, then run again`);
    this.name = 'UnreadableConfigError';
  }
}

export function projectConfigEdit(spec: ServiceSpec, workspace: WorkspaceReader): ProjectConfigEdit {
  const root = spec.directory;
  const projectJsonPath = `${root}/project.json`;
  const packageJsonPath = `${root}/package.json`;
  const projectJson = workspace.read(projectJsonPath);
  if (projectJson !== undefined) {
    return { path: projectJsonPath, content: edited(projectJson, [], ourEntries(readObject(projectJsonPath, projectJson), spec, true)) };
  }
  const packageJson = spec.mode === 'existing' ? workspace.read(packageJsonPath) : undefined;
  const manifest = packageJson === undefined ? undefined : readObject(packageJsonPath, packageJson);
  if (manifest && manifest.nx !== undefined) {
    if (typeof manifest.nx !== 'object' || manifest.nx === null || Array.isArray(manifest.nx)) {
      throw new UnreadableConfigError(packageJsonPath, 'its "nx" field is not an object (Nx reads project configuration from an object there)');
    }
    return { path: packageJsonPath, content: edited(packageJson!, ['nx'], ourEntries(manifest.nx as Record<string, unknown>, spec, false)) };
  }
  const created: Record<string, unknown> = {};
  for (const [path, value] of ourEntries({}, spec, true)) {
    let parent = created;
    for (const key of path.slice(0, -1)) parent = (parent[key] ??= {}) as Record<string, unknown>;
    parent[path.at(-1)!] = value;
  }
  return { path: projectJsonPath, content: `${JSON.stringify(created, null, 2)}\n` };
}

/** The keys we add to a project configuration, each as [path, value]: the header where missing, tags, our targets. */
function ourEntries(config: Record<string, unknown>, spec: ServiceSpec, standalone: boolean): [JSONPath, unknown][] {
  const root = spec.directory;
  const header: [string, unknown][] = standalone
    ? [
        ['name', spec.name],
        ['$schema', `${'../'.repeat(root.split('/').length)}node_modules/nx/schemas/project-schema.json`],
        ['projectType', 'application'],
        ['sourceRoot', root],
      ]
    : [];
  const tags = Array.isArray(config.tags) ? config.tags : [];
  const ourTags = ['dockwright', `stack:${spec.stack}`, `type:${spec.appType}`].filter((tag) => !tags.includes(tag));
  return [
    ...header.filter(([key]) => !(key in config)).map(([key, value]): [JSONPath, unknown] => [[key], value]),
    ...(ourTags.length > 0 || !Array.isArray(config.tags) ? [[['tags'], [...tags, ...ourTags]] as [JSONPath, unknown]] : []),
    ...Object.entries(imageTargets(spec)).map(([name, target]): [JSONPath, unknown] => [['targets', name], target]),
  ];
}

const FORMATTING = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

function edited(text: string, prefix: JSONPath, entries: readonly [JSONPath, unknown][]): string {
  let result = text;
  for (const [path, value] of entries) result = applyEdits(result, modify(result, [...prefix, ...path], value, FORMATTING));
  return result;
}

function readObject(path: string, text: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const parsed: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UnreadableConfigError(path, 'not a JSON object');
  return parsed as Record<string, unknown>;
}
