/** `dockwright <command>`: the commands besides generation, for people, Nx targets and CI. */
import { DEBUG_FLAG, debugRequested, userMessage } from '../adapters/user-errors.js';

export interface Command {
  readonly name: string;
  /** Resolves to the process exit code. */
  readonly run: (args: readonly string[]) => Promise<number>;
}

interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  /** Each command's modules load only when it runs: a pre-commit `lint` should not pay for the generator. */
  readonly load: () => Promise<Command>;
}

const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'service',
    summary: 'onboard a service (the same generator as `npx plop service`)',
    load: async () => (await import('./service-command.js')).serviceCommand,
  },
  {
    name: 'verify-image',
    summary: 'check a built image: size budget, numeric non-root user, health, no build tools, stop time',
    load: async () => (await import('./verify-command.js')).verifyCommand,
  },
  {
    name: 'lint',
    summary: 'lint Dockerfiles against the workspace policy (default: docker/*.Dockerfile)',
    load: async () => (await import('./lint-command.js')).lintCommand,
  },
];

export async function main(cliArgs: readonly string[]): Promise<number> {
  const debug = debugRequested(cliArgs);
  const args = cliArgs.filter((arg) => arg !== DEBUG_FLAG);
  const [name, ...rest] = args;
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (!entry) {
    const unknown = name !== undefined && name !== '--help';
    const usage = COMMANDS.map((known) => `  ${known.name.padEnd(14)} ${known.summary}`).join('\n');
    (unknown ? console.error : console.log)(
      `${unknown ? `dockwright: unknown command "${name}"\n` : ''}usage: dockwright <command> [options]\n${usage}`,
    );
    return unknown ? 2 : 0;
  }
  const command = await entry.load();
  try {
    return await command.run(rest);
  } catch (error) {
    if (debug) console.error(error);
    console.error(`dockwright ${command.name}: ${userMessage(error)}`);
    return 1;
  }
}
