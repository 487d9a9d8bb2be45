/** DW601 no build tools left in the final image (a security rule: compilers help an attacker), DW602 apt without recommends, DW603 no package lists or caches left in the final image. */
import type { Instruction } from 'dockerfile-ast';
import { finalInstructions, writtenRuns, type DockerfileModel } from '../model.js';
import { mountsOver } from '../mounts.js';
import { buildToolsLeft } from '../build-tools-left.js';
import { isAptUpdate, osInstall } from '../packages.js';
import { reportAt, type Rule } from '../rule.js';
import { basename, runCommands, type ShellCommand } from '../shell.js';

const isRun = (instruction: Instruction) => instruction.getKeyword() === 'RUN';
const allRuns = (model: DockerfileModel) => model.stages.flatMap((stage) => stage.instructions.filter(isRun));

export const noBuildTools: Rule = {
  id: 'DW601',
  name: 'no-build-tools',
  severity: 'error',
  summary: 'The final stage keeps no compilers, build systems, VCS or -dev packages (removing them in the same RUN is fine).',
  hint: 'Install build tools in a builder stage and copy only the artefacts, or remove them in the same RUN (`apk del .build-deps`, `apt-get purge -y --auto-remove`).',
  equivalents: {},
  linuxOnly: true,
  *check({ model }) {
    for (const run of finalInstructions(model, 'RUN')) {
      const tools = buildToolsLeft(runCommands(run));
      if (tools.length > 0) yield reportAt(run, `the final stage keeps build tools: ${tools.join(', ')}`);
    }
  },
};

const isApt = (command: ShellCommand) => ['apt-get', 'apt'].includes(basename(command.argv[0] ?? ''));
const withoutRecommends = (args: readonly string[]) =>
  args.includes('--no-install-recommends') || args.some((arg) => /APT::Install-Recommends\s*=\s*(false|0)/i.test(arg));

export const aptNoRecommends: Rule = {
  id: 'DW602',
  name: 'apt-no-recommends',
  severity: 'warning',
  summary: '`apt-get install` uses `--no-install-recommends`.',
  hint: 'Write `apt-get install -y --no-install-recommends <packages>`.',
  equivalents: { hadolint: 'DL3015', trivy: 'DS029' },
  linuxOnly: true,
  *check({ model }) {
    // Judged per RUN, so an ONBUILD RUN is checked where it is written.
    for (const { run, at } of writtenRuns(model)) {
      const missing = runCommands(run).some((command) => {
        const install = isApt(command) ? osInstall(command) : undefined;
        return install !== undefined && !withoutRecommends(install.args);
      });
      if (missing) yield reportAt(at, '`apt-get install` without `--no-install-recommends` pulls in recommended packages');
    }
  },
};

const removes = (commands: readonly ShellCommand[], path: string) =>
  commands.some((command) => basename(command.argv[0] ?? '') === 'rm' && command.argv.some((arg) => arg.startsWith(path)));

/** `apt-get dist-clean` (apt 2.7+, the Debian trixie images' idiom) removes the package lists too. */
const distCleans = (commands: readonly ShellCommand[]) => commands.some((command) => isApt(command) && command.argv.includes('dist-clean'));

/** `apk add --no-network` installs from what is already there: it fetches no index to leave behind. */
const fetchesIndex = (command: ShellCommand) => !command.argv.includes('--no-cache') && !command.argv.includes('--no-network');

export const packageCaches: Rule = {
  id: 'DW603',
  name: 'package-cache',
  severity: 'warning',
  summary: 'The final image keeps no apt lists or apk cache: removed in the same RUN (`rm -rf /var/lib/apt/lists/*`, `apt-get dist-clean`), or written to a cache mount.',
  hint: 'End the RUN with `&& rm -rf /var/lib/apt/lists/*`, mount a cache on /var/lib/apt, or use `apk add --no-cache`.',
  equivalents: { hadolint: 'DL3009, DL3019', trivy: 'DS025' },
  linuxOnly: true,
  *check({ model }) {
    for (const run of finalInstructions(model, 'RUN')) {
      const commands = runCommands(run);
      const apt = commands.some((command) => isAptUpdate(command) || (isApt(command) && osInstall(command)));
      if (apt && !removes(commands, '/var/lib/apt/lists') && !distCleans(commands) && !mountsOver(run, '/var/lib/apt/lists')) {
        yield reportAt(run, 'apt package lists stay in the image: remove /var/lib/apt/lists in this RUN or mount a cache there');
      }
      const apk = commands.some((command) => osInstall(command)?.manager === 'apk' && fetchesIndex(command));
      if (apk && !removes(commands, '/var/cache/apk') && !mountsOver(run, '/var/cache/apk')) {
        yield reportAt(run, '`apk add` without `--no-cache` leaves the package index in the image');
      }
    }
  },
};
