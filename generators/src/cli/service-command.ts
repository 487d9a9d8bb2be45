/** `dockwright service --name x --stack y …`: the generator without plop, same flags, same core. */
import { resolveSpec, workspaceDefaults } from '../core/spec.js';
import { parseFlags } from '../adapters/flags.js';
import { FsWorkspace } from '../adapters/fs-workspace.js';
import { askMissing } from '../adapters/prompts.js';
import { runService } from '../adapters/run-service.js';
import type { Command } from './main.js';

export const serviceCommand: Command = {
  name: 'service',
  async run(args) {
    const root = process.cwd();
    const flags = parseFlags(args);
    const defaults = workspaceDefaults(new FsWorkspace(root));
    const answers = process.stdin.isTTY ? await askMissing(flags, defaults) : flags;
    resolveSpec(answers, defaults);
    console.log((await runService(answers, root)).text);
    return 0;
  },
};
