/** The edits the cache checks make: a source-only change, and a change to a dependency manifest. */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

const LINE_COMMENT: readonly [RegExp, string][] = [
  [/\.(py|toml|txt|ya?ml|lock)$/, '#'],
  [/\.(jsx?|ts|tsx|go|rs|mod)$/, '//'],
];

/** Appends a comment line in the file's own syntax; JSON manifests get a new description instead. */
export function editFile(file: string): void {
  // An append would create it, and a check on a file the image never had would prove nothing.
  if (!existsSync(file)) throw new Error(`no such file to edit: ${file}`);
  const marker = `edited ${process.hrtime.bigint()}`;
  if (file.endsWith('.json')) {
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, `${JSON.stringify({ ...manifest, description: marker }, null, 2)}\n`);
    return;
  }
  const comment = LINE_COMMENT.find(([pattern]) => pattern.test(file))?.[1];
  if (!comment) throw new Error(`no comment syntax known for ${file}`);
  appendFileSync(file, `\n${comment} ${marker}\n`);
}
