/** The plop front end: `npx plop service [-- --name x --stack y …]`. */
import type { NodePlopAPI } from 'plop';
import type { RawAnswers } from '../core/options.js';
import { resolveSpec, workspaceDefaults } from '../core/spec.js';
import { argsAfterSeparator, parseFlags } from './flags.js';
import { FsWorkspace } from './fs-workspace.js';
import { askMissing } from './prompts.js';
import { colorFor, formatReport, runService } from './run-service.js';
import { debugRequested, userMessage } from './user-errors.js';

export const GENERATOR_DESCRIPTION =
  'Onboard a service: package skeleton, production Dockerfile, .dockerignore and Nx image targets';

/** Set on the plop API by generators/bin/plop-fast.js, which runs the generator without plop's CLI. */
const FAST_RUNNER = Symbol.for('dockwright.plop-runner');
const PLOP_BIN = /(^|[\\/])plop(\.js)?$|[\\/]plop[\\/]bin[\\/]plop\.js$/;

/** An error already printed for the user; the runner only sets the exit code. */
class ReportedError extends Error {
  readonly reported = true;
}

export function registerServiceGenerator(plop: NodePlopAPI): void {
  // Who prints: at the command line the generator prints its own report (the file list and the
  // summary, coloured in a terminal), and plop's progress spinner, which would show each action
  // as `✔  -> <result>` around it, is kept quiet. Through node-plop's API the report is the
  // action's result, and nothing is printed.
  const atCommandLine = (plop as unknown as Record<symbol, unknown>)[FAST_RUNNER] !== undefined || PLOP_BIN.test(process.argv[1] ?? '');
  plop.setGenerator('service', {
    description: GENERATOR_DESCRIPTION,
    // A function, not a prompt list: flags, defaults and checks then come from our option table,
    // and nothing waits for an answer when stdin is not a terminal.
    prompts: async () => {
      if (atCommandLine) await quietPlopSpinner(plop);
      const workspace = new FsWorkspace(plop.getDestBasePath());
      const flags = parseFlags(argsAfterSeparator(process.argv));
      const defaults = workspaceDefaults(workspace);
      try {
        const answers = process.stdin.isTTY ? await askMissing(flags, defaults) : flags;
        resolveSpec(answers, defaults);
        return answers;
      } catch (error) {
        // Ctrl-C at a question: nothing was written, nothing to say.
        if (atCommandLine && (error as Error | undefined)?.name === 'ExitPromptError') process.exit(130);
        throw error;
      }
    },
    actions: [
      async (answers) => {
        try {
          const report = await runService(answers as RawAnswers, plop.getDestBasePath());
          if (!atCommandLine) return `\n${report.text}`;
          process.stdout.write(`${formatReport(report, colorFor(process.stdout))}\n`);
          return '';
        } catch (error) {
          if (debugRequested(process.argv)) console.error(error);
          if (!atCommandLine) throw new Error(userMessage(error));
          process.stderr.write(`${errorLine(userMessage(error))}\n`);
          throw new ReportedError(userMessage(error));
        }
      },
    ],
  });
}

/** The one line a failure prints, marked as plop marks its own errors. */
export const errorLine = (message: string) => `${colorFor(process.stderr) ? '\x1b[31m[ERROR]\x1b[39m' : '[ERROR]'} ${message}`;

/**
 * Under plop's own CLI: its progress spinner (exported by plop 4's module) reports every action
 * as `✔  -> <result>` and draws a `- ` line before and after; the generator reports for itself,
 * so the spinner's output is switched off. Other plop versions: left as they are.
 */
async function quietPlopSpinner(plop: NodePlopAPI): Promise<void> {
  if ((plop as unknown as Record<symbol, unknown>)[FAST_RUNNER] !== undefined) return;
  const { progressSpinner } = (await import('plop').catch(() => ({}))) as { progressSpinner?: Record<string, unknown> };
  if (!progressSpinner) return;
  for (const method of ['start', 'stop', 'spin', 'success', 'error', 'warn', 'info', 'update', 'clear', 'reset']) {
    if (typeof progressSpinner[method] === 'function') progressSpinner[method] = () => progressSpinner;
  }
}
