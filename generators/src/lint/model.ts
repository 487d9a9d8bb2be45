/**
 * A parsed Dockerfile seen as stages: which instructions belong to which stage, which stage a
 * stage builds on (`FROM build AS runtime`), and the base image of each, with ARGs resolved.
 */
import type { Dockerfile, From, Instruction, Onbuild } from 'dockerfile-ast';
import { parseDockerfile } from './ast.js';
import { isWindows, parseImage, type ImageRef } from './image.js';
import { globalArgs, stageScopes, type ArgBinding, type StageScopes } from './scope.js';
import { processWord, type Expansion, type Scope } from './word.js';

export type { ArgBinding } from './scope.js';

export interface BaseImage {
  readonly ref: ImageRef;
  readonly expansion: Expansion;
}

export interface Stage {
  readonly index: number;
  /** The name after AS, lower-cased, if any. */
  readonly name: string | undefined;
  readonly from: From;
  /**
   * Every instruction after the FROM, up to the next FROM; first, the ONBUILD triggers of the
   * stage it starts from, which run here, right after the FROM (they point at the ONBUILD line).
   */
  readonly instructions: readonly Instruction[];
  /** The earlier stage this one starts from, for `FROM <stage>`. */
  readonly parent: Stage | undefined;
  /** The image this stage starts from, when it does not start from a stage (nor names none: DW001). */
  readonly image: BaseImage | undefined;
  /** The FROM's image word, quotes removed and ARGs expanded. */
  readonly written: Expansion;
}

export interface DockerfileModel {
  readonly text: string;
  readonly ast: Dockerfile;
  readonly escapeChar: string;
  /** Built-in ARGs and the ARGs declared before the first FROM: the only variables FROM may use. */
  readonly globalScope: Scope;
  readonly globalArgs: ReadonlyMap<string, ArgBinding>;
  readonly stages: readonly Stage[];
  /** The stage `docker build` builds by default: the last one. */
  readonly final: Stage | undefined;
}

export function buildModel(text: string): DockerfileModel {
  const ast = parseDockerfile(text);
  const escapeChar = ast.getEscapeCharacter();
  const source = { text, escapeChar };
  const { scope, bindings } = globalArgs(source, ast.getInitialARGs());
  const byStage = groupByStage(ast);
  const stages: Stage[] = [];
  const byName = new Map<string, Stage>();
  ast.getFROMs().forEach((from, index) => {
    const range = from.getImageRange();
    const raw = range ? from.getImage() ?? '' : '';
    const written = processWord(raw, scope, escapeChar);
    const parent = byName.get(written.value.toLowerCase());
    const stage: Stage = {
      index,
      name: from.getBuildStage()?.toLowerCase() ?? undefined,
      from,
      instructions: [...(parent ? triggersOf(parent) : []), ...(byStage[index] ?? [])],
      parent,
      image: parent || raw === '' ? undefined : { ref: parseImage(written.value), expansion: written },
      written,
    };
    stages.push(stage);
    if (stage.name !== undefined && !byName.has(stage.name)) byName.set(stage.name, stage);
    STAGE_SCOPES.set(stage, stageScopes(source, stage.instructions, parent && STAGE_SCOPES.get(parent)?.exported, scope));
    for (const instruction of stage.instructions) STAGE_OF.set(instruction, stage);
  });
  return { text, ast, escapeChar, globalScope: scope, globalArgs: bindings, stages, final: stages.at(-1) };
}

/** The instructions a stage's ONBUILDs trigger in a stage built on it (its own, not its ancestors'). */
function triggersOf(stage: Stage): Instruction[] {
  return stage.instructions.flatMap((instruction) => {
    const trigger = instruction.getKeyword() === 'ONBUILD' ? (instruction as Onbuild).getTriggerInstruction() : null;
    return trigger ? [trigger] : [];
  });
}

/** The instructions after each FROM, up to the next, in one pass. */
function groupByStage(ast: Dockerfile): Instruction[][] {
  const groups: Instruction[][] = [];
  for (const instruction of ast.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') groups.push([]);
    else groups.at(-1)?.push(instruction);
  }
  return groups;
}

const STAGE_SCOPES = new WeakMap<Stage, StageScopes>();
const STAGE_OF = new WeakMap<Instruction, Stage>();

/** The stage an instruction belongs to; undefined before the first FROM. */
export const stageOf = (instruction: Instruction): Stage | undefined => STAGE_OF.get(instruction);

/** The stage, then the stage it starts from, and so on: what the stage's image is made of. */
export function chainOf(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage; current; current = current.parent) chain.push(current);
  return chain;
}

/** The instructions that shape a stage's image, its ancestors' first, in build order. */
export function inheritedInstructions(stage: Stage): Instruction[] {
  return chainOf(stage)
    .reverse()
    .flatMap((member) => member.instructions);
}

/** The final stage's instructions with this keyword, its ancestors' included. */
export function finalInstructions(model: DockerfileModel, keyword: string): Instruction[] {
  return model.final ? inheritedInstructions(model.final).filter((instruction) => instruction.getKeyword() === keyword) : [];
}

/** The image at the bottom of a stage's chain. */
export function baseImageOf(stage: Stage): BaseImage | undefined {
  return chainOf(stage).at(-1)?.image;
}

/** Variables visible to an instruction: ENV of ancestor stages, then its stage's ARG and ENV before it. */
export function scopeAt(model: DockerfileModel, instruction: Instruction): Scope {
  const stage = stageOf(instruction);
  return (stage && STAGE_SCOPES.get(stage)?.at(instruction)) ?? model.globalScope;
}

/** A word of an instruction as the frontend reads it: quotes removed, variables expanded. */
export function wordOf(model: DockerfileModel, instruction: Instruction, text: string): Expansion {
  return processWord(text, scopeAt(model, instruction), model.escapeChar);
}

/** The stage builds on a Windows image: no root user, no Linux packages, cmd as the default shell. */
export const isWindowsStage = (stage: Stage): boolean => {
  const base = baseImageOf(stage);
  return base !== undefined && isWindows(base.ref);
};

/** Every RUN written in the file, an ONBUILD's trigger included, with the instruction to report on. */
export function* writtenRuns(model: DockerfileModel): Generator<{ run: Instruction; at: Instruction }> {
  for (const instruction of model.ast.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'RUN') yield { run: instruction, at: instruction };
    else if (keyword === 'ONBUILD') {
      const trigger = (instruction as Onbuild).getTriggerInstruction();
      if (trigger?.getKeyword() === 'RUN') yield { run: trigger, at: instruction };
    }
  }
}
