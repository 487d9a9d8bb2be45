/**
 * `dockwright verify-image <image> --app-type <type> [--base slim|distroless] [--health-path /p]`:
 * checks a built image against the workspace policy and prints a table; exit 1 on any failure.
 */
import { FsWorkspace } from '../adapters/fs-workspace.js';
import { parseCommandFlags } from './command-flags.js';
import { APP_TYPES, isStackId, type AppType } from '../core/stacks.js';
import { budgetMbFor, loadPolicy, policyUid } from '../policy/index.js';
import { formatTable, verifyImage } from '../verify/verify-image.js';
import type { Command } from './main.js';

const USAGE = 'usage: dockwright verify-image <image> --app-type api|worker|frontend [--stack s] [--base slim|distroless] [--health-path /health] [--port 8080] [--timeout 60]';

export const verifyCommand: Command = {
  name: 'verify-image',
  async run(args) {
    const { positionals, flags } = parseCommandFlags(args, ['app-type', 'stack', 'base', 'health-path', 'port', 'timeout']);
    const [image] = positionals;
    const appType = flags['app-type'];
    if (!image || positionals.length > 1) throw new Error(`one image expected; ${USAGE}`);
    if (!appType || !(APP_TYPES as readonly string[]).includes(appType)) {
      throw new Error(`--app-type: must be one of ${APP_TYPES.join(' | ')}; ${USAGE}`);
    }
    const stack = flags.stack !== undefined && isStackId(flags.stack) ? flags.stack : undefined;
    if (flags.stack !== undefined && !stack) throw new Error(`--stack: unknown stack ${JSON.stringify(flags.stack)}; ${USAGE}`);
    const port = flags.port === undefined ? undefined : Number(flags.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      throw new Error(`--port: must be an integer from 1 to 65535; got ${JSON.stringify(flags.port)}`);
    }
    const policy = loadPolicy(new FsWorkspace(process.cwd()));
    const results = await verifyImage(image, {
      uid: policyUid(policy, appType as AppType, flags.base === 'distroless'),
      budgetMb: stack ? budgetMbFor(policy, stack, appType as AppType) : policy.budgetsMb[appType as AppType],
      healthPath: appType === 'worker' ? undefined : (flags['health-path'] ?? '/health'),
      ...(port !== undefined ? { port } : {}),
      healthTimeoutSeconds: Number(flags.timeout ?? 60),
    });
    console.log(formatTable(image, results));
    return results.every((result) => result.ok) ? 0 : 1;
  },
};
