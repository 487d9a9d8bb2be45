/**
 * The HEALTHCHECK in effect for the final stage (the last one in it or in the stages it builds
 * on) and what its probe runs.
 */
import type { Instruction } from 'dockerfile-ast';
import { memoize } from './memo.js';
import { chainOf, inheritedInstructions, type DockerfileModel, type Stage } from './model.js';
import { basename, execCommands, SHELLS, shellCommands, type ShellCommand } from './shell.js';
import { argumentsText } from './source-text.js';

export interface Probe {
  readonly instruction: Instruction;
  /** The text after `CMD`. */
  readonly text: string;
  readonly commands: readonly ShellCommand[];
  /** Shell form, or an exec form that starts a shell: needs /bin/sh in the image. */
  readonly needsShell: boolean;
}

export interface FinalHealthcheck {
  readonly final: Stage;
  /** undefined when there is none in effect, or it is `HEALTHCHECK NONE`. */
  readonly probe: Probe | undefined;
  /** The `HEALTHCHECK NONE` in effect: the check switched off on purpose. */
  readonly none: Instruction | undefined;
  /** HEALTHCHECKs in stages the final stage does not build on. */
  readonly elsewhere: readonly Instruction[];
}

const isHealthcheck = (instruction: Instruction) => instruction.getKeyword() === 'HEALTHCHECK';

export const finalHealthcheck = memoize((model: DockerfileModel): FinalHealthcheck | undefined => {
  const final = model.final;
  if (!final) return undefined;
  const chain = chainOf(final);
  const elsewhere = model.stages.filter((stage) => !chain.includes(stage)).flatMap((stage) => stage.instructions.filter(isHealthcheck));
  const instruction = inheritedInstructions(final).filter(isHealthcheck).at(-1);
  const none = instruction && /^none$/i.test(argumentsText(instruction).trim()) ? instruction : undefined;
  return { final, probe: instruction && probeOf(instruction), none, elsewhere };
});

function probeOf(instruction: Instruction): Probe | undefined {
  const content = argumentsText(instruction);
  const text = /(?:^|\s)CMD\s+([\s\S]*)$/i.exec(content)?.[1]?.trim();
  if (text === undefined) return undefined;
  const argv = execForm(text);
  if (!argv) return { instruction, text, commands: shellCommands(text), needsShell: true };
  return { instruction, text, commands: execCommands(argv), needsShell: SHELLS.has(basename(argv[0] ?? '')) };
}

function execForm(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}
