/**
 * `dockwright verify-image <image> --app-type <type> [--base slim|distroless] [--health-path /p]`:
 * checks a built image against the workspace policy and prints a table; exit 1 on any failure.
 */
import { FsWorkspace } from '../adapters/fs-workspace.js';
import { parseCommandFlags } from './command-flags.js';
import type { OptionValue } from '../core/options.js';
import { InputError, parseOptionText } from '../core/spec.js';
import { APP_TYPES, BASES, STACK_IDS, isStackId, type AppType } from '../core/stacks.js';
import { budgetMbFor, loadPolicy, policyUid } from '../policy/index.js';
import { formatTable, verifyImage } from '../verify/verify-image.js';
import type { Command } from './main.js';

const USAGE =
  'usage: dockwright verify-image <image> --app-type api|worker|frontend [--stack s] [--base slim|distroless] [--health-path /health] [--port 8080] [--timeout 60] [--writable /app/.next/cache]';
/** An absolute folder of plain segments: it becomes a tmpfs mount. */
const WRITABLE_DIR = /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._-]+)+$/;

/** Docker's reference grammar: [registry[:port]/]path[:tag][@digest], or an image ID. */
const IMAGE_REFERENCE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::\w[\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?|(?:sha256:)?[a-f0-9]{12,64})$/;
const MAX_TIMEOUT_SECONDS = 3600;

const oneLine = (value: string) => JSON.stringify(value);

/** A generator option given as this command's flag: the generator's own check, worded for the flag. */
function optionFlag(flag: string, option: string, text: string, earlier: Record<string, string>): OptionValue {
  try {
    return parseOptionText(option, text, earlier);
  } catch (error) {
    if (error instanceof InputError) throw new Error(`--${flag}${error.message.slice(option.length)}`);
    throw error;
  }
}

export const verifyCommand: Command = {
  name: 'verify-image',
  async run(args) {
    const { positionals, flags } = parseCommandFlags(args, ['app-type', 'stack', 'base', 'health-path', 'port', 'timeout', 'writable']);
    const [image] = positionals;
    if (!image || positionals.length > 1) throw new Error(`one image expected; ${USAGE}`);
    // Checked before anything reaches docker: an argument can never become one of docker's flags.
    if (image.length > 255 || !IMAGE_REFERENCE.test(image)) throw new Error(`image: must be an image reference such as billing-api:latest; got ${oneLine(image)}`);
    const appType = flags['app-type'];
    if (!appType || !(APP_TYPES as readonly string[]).includes(appType)) {
      throw new Error(`--app-type: must be one of ${APP_TYPES.join(' | ')}; ${USAGE}`);
    }
    const stack = flags.stack !== undefined && isStackId(flags.stack) ? flags.stack : undefined;
    if (flags.stack !== undefined && !stack) throw new Error(`--stack: must be one of ${STACK_IDS.join(' | ')}; got ${oneLine(flags.stack)}`);
    if (flags.base !== undefined && !(BASES as readonly string[]).includes(flags.base)) {
      throw new Error(`--base: must be one of ${BASES.join(' | ')}; got ${oneLine(flags.base)}`);
    }
    const earlier = { appType, ...(stack ? { stack } : {}), mode: 'existing' };
    const port = flags.port === undefined ? undefined : (optionFlag('port', 'port', flags.port, earlier) as number);
    const healthPath = appType === 'worker' ? undefined : (optionFlag('health-path', 'healthPath', flags['health-path'] ?? '/health', earlier) as string);
    const timeout = flags.timeout ?? '60';
    if (!/^\d+$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > MAX_TIMEOUT_SECONDS) {
      throw new Error(`--timeout: must be a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}; got ${oneLine(timeout)}`);
    }
    const writable = flags.writable;
    if (writable !== undefined && !WRITABLE_DIR.test(writable)) {
      throw new Error(`--writable: must be an absolute folder such as /app/.next/cache; got ${oneLine(writable)}`);
    }
    const policy = loadPolicy(new FsWorkspace(process.cwd()));
    const results = await verifyImage(image, {
      uid: policyUid(policy, appType as AppType, flags.base === 'distroless'),
      budgetMb: stack ? budgetMbFor(policy, stack, appType as AppType) : policy.budgetsMb[appType as AppType],
      healthPath,
      ...(port !== undefined ? { port } : {}),
      healthTimeoutSeconds: Number(timeout),
      ...(writable ? { writableDir: writable } : {}),
    });
    console.log(formatTable(image, results));
    return results.every((result) => result.ok) ? 0 : 1;
  },
};
