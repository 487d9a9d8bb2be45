/** `dockwright lint` arguments → validated options; a bad argument is a UsageError (exit 2). */
import { parseArgs } from 'node:util';
import { APP_TYPES, type AppType } from '../core/stacks.js';

export const FORMATS = ['human', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface LintCommandOptions {
  readonly files: readonly string[];
  readonly format: Format;
  /** Exit 1 when there are more warnings than this. */
  readonly maxWarnings: number | undefined;
  /** Build context for every file, overriding docker/<name>.Dockerfile → packages/<name>. */
  readonly context: string | undefined;
  readonly appType: AppType | undefined;
  /** Write the report here instead of standard output. */
  readonly output: string | undefined;
  /** undefined: colour when standard output is a terminal. */
  readonly color: boolean | undefined;
  readonly help: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const LINT_USAGE = `usage: dockwright lint [files…] [options]
  files                 Dockerfiles to lint (default: docker/*.Dockerfile)
  --format <f>          human (default) | json | sarif
  --max-warnings <n>    exit 1 when there are more than n warnings
  --context <dir>       build context for every file (default: packages/<name> for docker/<name>.Dockerfile,
                        otherwise the Dockerfile's folder); its .dockerignore is checked
  --app-type <t>        api | worker | frontend: check the policy UID of this app type
  --output <file>       write the report to a file instead of standard output
  --color, --no-color   force colour on or off (default: on when writing to a terminal)
Exit codes: 0 no errors (and warnings within --max-warnings), 1 problems, 2 bad usage or policy.`;

export function parseLintArgs(args: readonly string[]): LintCommandOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'max-warnings': { type: 'string' },
        context: { type: 'string' },
        'app-type': { type: 'string' },
        output: { type: 'string', short: 'o' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  return {
    files: positionals,
    format: oneOf('--format', values.format ?? 'human', FORMATS),
    maxWarnings: values['max-warnings'] === undefined ? undefined : count('--max-warnings', values['max-warnings']),
    context: values.context,
    appType: values['app-type'] === undefined ? undefined : oneOf('--app-type', values['app-type'], APP_TYPES),
    output: values.output,
    color: values['no-color'] ? false : values.color,
    help: values.help ?? false,
  };
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(' | ')}; got ${JSON.stringify(value)}`);
}

function count(flag: string, value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  throw new UsageError(`${flag} must be a whole number of 0 or more; got ${JSON.stringify(value)}`);
}
