/** The plop front end: `npx plop service [-- --name x --stack y …]`. */
import type { NodePlopAPI } from 'plop';
import type { RawAnswers } from '../core/options.js';
import { resolveSpec, workspaceDefaults } from '../core/spec.js';
import { argsAfterSeparator, parseFlags } from './flags.js';
import { FsWorkspace } from './fs-workspace.js';
import { askMissing } from './prompts.js';
import { runService } from './run-service.js';
import { debugRequested, userMessage } from './user-errors.js';

export const GENERATOR_DESCRIPTION =
  'Onboard a service: package skeleton, production Dockerfile, .dockerignore and Nx image targets';

export function registerServiceGenerator(plop: NodePlopAPI): void {
  plop.setGenerator('service', {
    description: GENERATOR_DESCRIPTION,
    // A function, not a prompt list: flags, defaults and checks then come from our option table,
    // and nothing waits for an answer when stdin is not a terminal.
    prompts: async () => {
      const workspace = new FsWorkspace(plop.getDestBasePath());
      const flags = parseFlags(argsAfterSeparator(process.argv));
      const answers = process.stdin.isTTY ? await askMissing(flags, workspaceDefaults(workspace)) : flags;
      resolveSpec(answers, workspaceDefaults(workspace));
      return answers;
    },
    actions: [
      async (answers) => {
        try {
          return `\n${(await runService(answers as RawAnswers, plop.getDestBasePath())).text}`;
        } catch (error) {
          if (debugRequested(process.argv)) console.error(error);
          throw new Error(userMessage(error));
        }
      },
    ],
  });
}
