/** `dockwright <command>`: the commands besides generation, for people, Nx targets and CI. */
import { lintCommand } from './lint-command.js';
import { serviceCommand } from './service-command.js';
import { verifyCommand } from './verify-command.js';

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Resolves to the process exit code. */
  readonly run: (args: readonly string[]) => Promise<number>;
}

const COMMANDS: readonly Command[] = [serviceCommand, verifyCommand, lintCommand];

export async function main(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    const usage = COMMANDS.map((known) => `  ${known.name.padEnd(14)} ${known.summary}`).join('\n');
    (name && name !== '--help' ? console.error : console.log)(
      `${name && name !== '--help' ? `dockwright: unknown command "${name}"\n` : ''}usage: dockwright <command> [options]\n${usage}`,
    );
    return name && name !== '--help' ? 2 : 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    console.error(`dockwright ${command.name}: ${(error as Error).message}`);
    return 1;
  }
}
