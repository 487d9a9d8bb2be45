/** Flags of the non-generator commands: `--key value` / `--key=value` strings and positionals. */
import { parseArgs } from 'node:util';

export function parseCommandFlags(
  args: readonly string[],
  names: readonly string[],
): { positionals: string[]; flags: Partial<Record<string, string>> } {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      allowPositionals: true,
      strict: true,
    });
    return { positionals, flags: values as Partial<Record<string, string>> };
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]}; options are ${names.map((name) => `--${name}`).join(', ')}`);
  }
}
