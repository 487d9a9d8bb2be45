/**
 * Who the final stage runs as: the last USER in the stage or the stages it builds on, else the
 * base image's default (the `nonroot` user of distroless and Chainguard images, root otherwise).
 * A USER in a stage the final stage does not build on changes nothing, and is said so.
 */
import type { Instruction } from 'dockerfile-ast';
import { isDistroless } from './image.js';
import { memoize } from './memo.js';
import { baseImageOf, chainOf, wordOf, type DockerfileModel, type Stage } from './model.js';
import { argumentsText } from './source-text.js';

export const NONROOT_UID = 65532;

export interface FinalUser {
  readonly stage: Stage;
  /** The USER instruction in effect; undefined when the base image's default applies. */
  readonly instruction: Instruction | undefined;
  readonly user: string;
  readonly group: string | undefined;
  /** Variables in the USER value that have no value. */
  readonly unresolved: readonly string[];
  /** The value was too large to expand in full. */
  readonly truncated: boolean;
  /** USER instructions in stages the final one does not build on. */
  readonly elsewhere: readonly Instruction[];
}

export const finalUser = memoize((model: DockerfileModel): FinalUser | undefined => {
  const final = model.final;
  if (!final) return undefined;
  const chain = chainOf(final);
  const elsewhere = model.stages.filter((stage) => !chain.includes(stage)).flatMap(usersIn);
  for (const stage of chain) {
    const instruction = usersIn(stage).at(-1);
    if (!instruction) continue;
    const expansion = wordOf(model, instruction, argumentsText(instruction));
    const [user = '', group] = expansion.value.trim().split(':');
    return { stage, instruction, user, group, unresolved: expansion.unresolved, truncated: expansion.truncated, elsewhere };
  }
  const base = baseImageOf(final)?.ref;
  const defaultsToNonroot = base !== undefined && ((isDistroless(base) && /nonroot/.test(base.tag ?? '')) || base.registry === 'cgr.dev');
  const user = defaultsToNonroot ? String(NONROOT_UID) : 'root';
  return { stage: final, instruction: undefined, user, group: undefined, unresolved: [], truncated: false, elsewhere };
});

const usersIn = (stage: Stage) => stage.instructions.filter((instruction) => instruction.getKeyword() === 'USER');

export const isRoot = (user: string) => user === 'root' || user === '0';
export const isNumeric = (id: string) => /^\d+$/.test(id);
