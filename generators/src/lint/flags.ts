/** The `--name=value` flags of an instruction, read once. */
import type { Flag, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { memoize } from './memo.js';

export const flagsOf = memoize((instruction: Instruction): readonly Flag[] => (instruction as ModifiableInstruction).getFlags?.() ?? []);

export const flagValue = (instruction: Instruction, name: string) => flagsOf(instruction).find((flag) => flag.getName() === name);
