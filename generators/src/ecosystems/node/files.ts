/** Reading a Node workspace's JSON, JSONC and YAML files through the workspace port, and its folders. */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { WorkspaceLayoutError } from '../../core/workspace-model.js';
import { under, type WorkspaceReader } from '../../core/workspace.js';
import { asRecord, asStrings } from '../../core/detect.js';

export type JsonObject = Record<string, unknown>;

export { asRecord, asStrings, under };

/** The file as an object, undefined when absent; an unreadable file is the user's to fix, so it is named. */
export function readObject(reader: WorkspaceReader, path: string, format: 'json' | 'jsonc' | 'yaml' = 'json'): JsonObject | undefined {
  const text = reader.read(path);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = format === 'yaml' ? parseYaml(text) : format === 'json' ? JSON.parse(text) : parseJsoncStrict(text);
  } catch (error) {
    throw new WorkspaceLayoutError(`${path}: does not parse (${(error as Error).message.split('\n')[0]}); fix it, then run again`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new WorkspaceLayoutError(`${path}: is not an object; fix it, then run again`);
  return value as JsonObject;
}

function parseJsoncStrict(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) throw new Error(`JSONC error at offset ${errors[0]!.offset}`);
  return value;
}


/** Folders the walk never enters: installed packages, build output, and dot-folders (.git, .nx, .yarn, ...). */
const isSkipped = (name: string) => name === 'node_modules' || name === 'dist' || name.startsWith('.');

/** A folder (relative to the reader's root) the walk must not enter. */
export type FolderFilter = (folder: string) => boolean;

/** Every folder under `base` to `depth` levels (base itself included), in sorted order. */
export function folders(reader: WorkspaceReader, base: string, depth = Infinity, ignored: FolderFilter = () => false): string[] {
  const found: string[] = [];
  const visit = (folder: string, left: number) => {
    found.push(folder);
    if (left === 0) return;
    for (const name of reader.children(folder)) {
      const child = under(folder, name);
      if (isSkipped(name) || ignored(child)) continue;
      if (reader.children(child).length > 0) visit(child, left - 1);
    }
  };
  if (base === '' || reader.children(base).length > 0) visit(base, depth);
  return found;
}

/** Every file under `folder` (recursively, skipping what the walk skips) whose name passes `wanted`, with its text. */
export function filesUnder(reader: WorkspaceReader, folder: string, wanted: (name: string) => boolean): { path: string; text: string }[] {
  return folders(reader, folder).flatMap((dir) =>
    reader
      .children(dir)
      .filter((name) => !isSkipped(name) && wanted(name))
      .map((name) => ({ path: under(dir, name), text: reader.read(under(dir, name)) }))
      .filter((file): file is { path: string; text: string } => file.text !== undefined),
  );
}
