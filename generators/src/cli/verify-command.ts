/**
 * `dockwright verify-image <image> --app-type <type> [--base slim|distroless] [--health-path /p]`:
 * checks a built image against the workspace policy and prints a table; exit 1 on any failure.
 */
import { FsWorkspace } from '../adapters/fs-workspace.js';
import { parseCommandFlags } from './command-flags.js';
import { APP_TYPES, STACKS, isStackId, type AppType, type StackDefinition } from '../core/stacks.js';
import { loadPolicy } from '../policy/index.js';
import { formatTable, verifyImage } from '../verify/verify-image.js';
import type { Command } from './main.js';

const USAGE = 'usage: dockwright verify-image <image> --app-type api|worker|frontend [--stack s] [--base slim|distroless] [--health-path /health] [--timeout 60]';

export const verifyCommand: Command = {
  name: 'verify-image',
  summary: 'check a built image: size budget, numeric non-root user, health, no build tools, stop time',
  async run(args) {
    const { positionals, flags } = parseCommandFlags(args, ['app-type', 'stack', 'base', 'health-path', 'timeout']);
    const [image] = positionals;
    const appType = flags['app-type'];
    if (!image || positionals.length > 1) throw new Error(`one image expected; ${USAGE}`);
    if (!appType || !(APP_TYPES as readonly string[]).includes(appType)) {
      throw new Error(`--app-type: must be one of ${APP_TYPES.join(' | ')}; ${USAGE}`);
    }
    const policy = loadPolicy(new FsWorkspace(process.cwd()));
    const results = await verifyImage(image, {
      uid: flags.base === 'distroless' ? policy.distrolessUid : policy.uid[appType as AppType],
      // Minimal stacks (Go, Rust: 100 MB) are held to their own, smaller budget.
      budgetMb: Math.min(policy.budgetsMb[appType as AppType], stackBudgetMb(flags.stack) ?? Infinity),
      healthPath: appType === 'worker' ? undefined : (flags['health-path'] ?? '/health'),
      healthTimeoutSeconds: Number(flags.timeout ?? 60),
    });
    console.log(formatTable(image, results));
    return results.every((result) => result.ok) ? 0 : 1;
  },
};

function stackBudgetMb(stack: string | undefined): number | undefined {
  return stack && isStackId(stack) ? (STACKS[stack] as StackDefinition).budgetMb : undefined;
}
