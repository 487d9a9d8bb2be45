/** `dockwright lint [files…]`: check Dockerfiles against the workspace policy. */
import { writeFileSync } from 'node:fs';
import { expandFiles, inputOverwrittenBy } from '../lint/files.js';
import { formatReport } from '../lint/format/index.js';
import { FsReader } from '../lint/fs-reader.js';
import { InputTooLargeError } from '../lint/limits.js';
import { LINT_USAGE, parseLintArgs, UsageError } from '../lint/options.js';
import { exitCodeFor } from '../lint/run.js';
import { lintInThreads } from '../lint/threads.js';
import { totalsOf } from '../lint/types.js';
import { loadPolicy } from '../policy/load.js';
import { PolicyError } from '../policy/validate.js';
import type { Command } from './main.js';

export const lintCommand: Command = {
  name: 'lint',
  async run(args) {
    try {
      const options = parseLintArgs(args);
      if (options.help) {
        console.log(LINT_USAGE);
        return 0;
      }
      const root = process.cwd();
      const workspace = new FsReader(root);
      const policy = loadPolicy(workspace);
      const files = expandFiles(options.files, root);
      const overwritten = options.output === undefined ? undefined : inputOverwrittenBy(options.output, files, root);
      if (overwritten !== undefined) {
        const same = overwritten === options.output ? '' : ` (the same file as ${overwritten})`;
        console.error(`dockwright lint: --output ${options.output}${same} is one of the Dockerfiles being linted; not overwriting it`);
        return 2;
      }
      const results = await lintInThreads(files, root, { policy, appType: options.appType, contextDir: options.context });
      const toFile = options.output !== undefined;
      const color = options.color ?? (!toFile && process.stdout.isTTY === true && !process.env.NO_COLOR);
      const report = formatReport(options.format, results, { color, maxWarnings: options.maxWarnings });
      if (toFile) writeFileSync(options.output!, `${report}\n`);
      else console.log(report);
      return exitCodeFor(totalsOf(results), options.maxWarnings);
    } catch (error) {
      if (!(error instanceof UsageError || error instanceof PolicyError || error instanceof InputTooLargeError)) throw error;
      console.error(`dockwright lint: ${error.message}${error instanceof UsageError ? `\n${LINT_USAGE}` : ''}`);
      return 2;
    }
  },
};
