/** The sources of a COPY or ADD as the frontend reads them (quotes removed, variables expanded), and whether they come from the build context. */
import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { flagValue } from './flags.js';
import { scopeAt, wordOf, type DockerfileModel } from './model.js';
import { processWord, type Expansion } from './word.js';

const cache = new WeakMap<Instruction, readonly Expansion[]>();

/** Each source word, expanded; JSON-form strings are already unquoted, so only their variables are. */
export function copySources(model: DockerfileModel, instruction: Instruction): readonly Expansion[] {
  const cached = cache.get(instruction);
  if (cached) return cached;
  const json = (instruction as JSONInstruction).getJSONStrings?.() ?? [];
  const words =
    json.length > 0
      ? json.map((argument) => processWord(argument.getJSONValue(), scopeAt(model, instruction), model.escapeChar, { quotes: false }))
      : instruction.getArguments().map((argument) => wordOf(model, instruction, argument.getValue()));
  const sources = words.slice(0, -1);
  cache.set(instruction, sources);
  return sources;
}

/** COPY/ADD from the build context: no `--from`. */
export function fromContext(instruction: Instruction): boolean {
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') return false;
  return flagValue(instruction, 'from') === undefined;
}

const WHOLE_CONTEXT = new Set(['.', './', '*', './*', '**', '/']);

/** Copies the whole context (`COPY . .`), not named files. */
export const copiesWholeContext = (model: DockerfileModel, instruction: Instruction) =>
  fromContext(instruction) && copySources(model, instruction).some((source) => WHOLE_CONTEXT.has(source.value));
