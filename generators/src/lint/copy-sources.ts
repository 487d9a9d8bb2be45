/** The sources of a COPY or ADD, and whether they come from the build context. */
import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { flagValue } from './flags.js';
import { memoize } from './memo.js';

export const copySources = memoize((instruction: Instruction): readonly string[] => {
  const json = (instruction as JSONInstruction).getJSONStrings?.() ?? [];
  const args = json.length > 0 ? json.map((argument) => argument.getJSONValue()) : instruction.getArguments().map((argument) => argument.getValue());
  return args.slice(0, -1);
});

/** COPY/ADD from the build context: no `--from`. */
export function fromContext(instruction: Instruction): boolean {
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') return false;
  return flagValue(instruction, 'from') === undefined;
}

const WHOLE_CONTEXT = new Set(['.', './', '*', './*', '**', '/']);

/** Copies the whole context (`COPY . .`), not named files. */
export const copiesWholeContext = (instruction: Instruction) =>
  fromContext(instruction) && copySources(instruction).some((source) => WHOLE_CONTEXT.has(source));
