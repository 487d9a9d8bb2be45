/**
 * A parsed Dockerfile seen as stages: which instructions belong to which stage, which stage a
 * stage builds on (`FROM build AS runtime`), and the base image of each, with ARGs resolved.
 */
import { DockerfileParser, type Arg, type Dockerfile, type Env, type From, type Instruction } from 'dockerfile-ast';
import { expand, type Expansion, type Scope } from './args.js';
import { parseImage, type ImageRef } from './image.js';

export interface ArgBinding {
  readonly name: string;
  readonly value: string | undefined;
  /** Zero-based line of the ARG. */
  readonly line: number;
  /** ARGs its default was built from. */
  readonly via: readonly string[];
}

export interface BaseImage {
  readonly ref: ImageRef;
  readonly expansion: Expansion;
}

export interface Stage {
  readonly index: number;
  /** The name after AS, lower-cased, if any. */
  readonly name: string | undefined;
  readonly from: From;
  /** Every instruction after the FROM, up to the next FROM. */
  readonly instructions: readonly Instruction[];
  /** The earlier stage this one starts from, for `FROM <stage>`. */
  readonly parent: Stage | undefined;
  /** The image this stage starts from, when it does not start from a stage (nor names none: DW001). */
  readonly image: BaseImage | undefined;
}

export interface DockerfileModel {
  readonly text: string;
  readonly ast: Dockerfile;
  readonly escapeChar: string;
  /** ARGs declared before the first FROM: the only variables FROM may use. */
  readonly globalScope: Scope;
  readonly globalArgs: ReadonlyMap<string, ArgBinding>;
  readonly stages: readonly Stage[];
  /** The stage `docker build` builds by default: the last one. */
  readonly final: Stage | undefined;
}

export function buildModel(text: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const escapeChar = ast.getEscapeCharacter();
  const { scope, bindings } = globalArgs(ast.getInitialARGs(), escapeChar);
  const instructions = ast.getInstructions();
  const froms = ast.getFROMs();
  const stages: Stage[] = [];
  froms.forEach((from, index) => {
    const start = from.getRange().start.line;
    const end = froms[index + 1]?.getRange().start.line ?? Number.POSITIVE_INFINITY;
    const raw = from.getImage() ?? '';
    const written = expand(raw, scope, escapeChar);
    const parent = stages.find((stage) => stage.name !== undefined && stage.name === written.value.toLowerCase());
    stages.push({
      index,
      name: from.getBuildStage()?.toLowerCase() ?? undefined,
      from,
      instructions: instructions.filter((instruction) => {
        const line = instruction.getRange().start.line;
        return line > start && line < end;
      }),
      parent,
      image: parent || raw === '' ? undefined : { ref: parseImage(written.value), expansion: written },
    });
  });
  return { text, ast, escapeChar, globalScope: scope, globalArgs: bindings, stages, final: stages.at(-1) };
}

function globalArgs(args: readonly Arg[], escapeChar: string): { scope: Map<string, string | undefined>; bindings: Map<string, ArgBinding> } {
  const scope = new Map<string, string | undefined>();
  const bindings = new Map<string, ArgBinding>();
  for (const arg of args) {
    const property = arg.getProperty();
    if (!property) continue;
    const raw = property.getValue();
    const expansion = raw === null ? undefined : expand(raw, scope, escapeChar);
    const name = property.getName();
    scope.set(name, expansion?.value);
    bindings.set(name, { name, value: expansion?.value, line: arg.getRange().start.line, via: expansion?.via ?? [] });
  }
  return { scope, bindings };
}

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

/** Variables visible to an instruction: ENV of ancestor stages, then this stage's ARG and ENV before it. */
export function scopeAt(model: DockerfileModel, stage: Stage, instruction: Instruction): Scope {
  const scope = new Map<string, string | undefined>();
  const before = instruction.getRange().start.line;
  for (const member of chainOf(stage).reverse()) {
    for (const current of member.instructions) {
      if (member === stage && current.getRange().start.line >= before) break;
      const keyword = current.getKeyword();
      if (keyword === 'ENV') declareEnv(current as Env, scope, model.escapeChar);
      if (keyword === 'ARG' && member === stage) declareArg(current as Arg, scope, model);
    }
  }
  return scope;
}

function declareEnv(env: Env, scope: Map<string, string | undefined>, escapeChar: string): void {
  for (const property of env.getProperties()) {
    scope.set(property.getName(), expand(property.getValue() ?? '', scope, escapeChar).value);
  }
}

function declareArg(arg: Arg, scope: Map<string, string | undefined>, model: DockerfileModel): void {
  const property = arg.getProperty();
  if (!property) return;
  const raw = property.getValue();
  const name = property.getName();
  scope.set(name, raw === null ? model.globalScope.get(name) : expand(raw, scope, model.escapeChar).value);
}
