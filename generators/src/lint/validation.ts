/**
 * dockerfile-utils' syntax validation, driven over the document the model already parsed.
 * `validate(text)` parses the text again and runs every check over the whole file; its per-
 * instruction checks are what DW001 needs, so its Validator (dockerfile-utils 0.16.3, pinned) is
 * driven here instruction by instruction, as its own `validate` does, minus what DW001 drops:
 *
 * - the duplicate CMD/ENTRYPOINT/HEALTHCHECK and duplicate stage name diagnostics (warnings, or
 *   made here, over the model's stages);
 * - the variable-modifier check on RUN, CMD and ENTRYPOINT, and on instructions without a
 *   `${NAME<modifier>`: it reports nothing for them, but resolves each variable against every
 *   instruction of the file (quadratic in its size);
 * - the checks whose only diagnostic is one of its configurable warnings, which DW001 drops: JSON
 *   in single quotes (a scan of every RUN, CMD, ENTRYPOINT and VOLUME) and empty continuation
 *   lines (a scan of every line of a multi-line instruction, here-documents first). The other
 *   configurable warnings are set to be ignored;
 * - the argument check's walk over the words of an instruction that takes any number of them,
 *   where it can report nothing (checkArgumentsWhenNeeded).
 *
 * test/lint/internals.test.ts checks the result equals `validate(text)`'s errors on the corpus.
 */
import type { Dockerfile, Instruction } from 'dockerfile-ast';
import type * as DockerfileAst from 'dockerfile-ast';
import type * as DockerfileUtils from 'dockerfile-utils';
import type * as DockerValidator from 'dockerfile-utils/lib/dockerValidator.js';
import { requireLibrary } from './ast.js';
import { memoize } from './memo.js';
import type { DockerfileModel } from './model.js';

export interface SyntaxProblem {
  readonly code: number | string | undefined;
  readonly severity: number | undefined;
  readonly message: string;
  /** Zero-based. */
  readonly line: number;
  readonly character: number;
}

interface Position {
  readonly line: number;
  readonly character: number;
}

interface Diagnostic {
  readonly code?: number | string;
  readonly severity?: number;
  readonly message: string | { readonly value: string };
  readonly range: { readonly start: Position };
  /** The instruction's line, for `# dockerfile-utils: ignore`. */
  readonly instructionLine?: number | null;
}

/** The document dockerfile-ast parsed into (a vscode TextDocument). */
interface TextDocument {
  positionAt(offset: number): Position;
}

/** The Validator's private steps, as its `validate` calls them. */
interface ValidatorSteps {
  document: TextDocument;
  checkJSONQuotes(instruction: Instruction, problems: Diagnostic[]): void;
  checkDirectives(dockerfile: Dockerfile, problems: Diagnostic[]): void;
  validateInstruction(document: TextDocument, escapeChar: string, instruction: Instruction, keyword: string, isTrigger: boolean, problems: Diagnostic[]): void;
  checkVariables(instruction: Instruction, problems: Diagnostic[]): void;
  checkArguments(instruction: Instruction, problems: Diagnostic[], expectedArgCount: number[], ...rest: unknown[]): void;
}

const { Validator } = requireLibrary('dockerfile-utils/lib/dockerValidator.js') as typeof DockerValidator;
/** Every configurable diagnostic of dockerfile-utils is a warning by default; none is asked for. */
const { IGNORE } = (requireLibrary('dockerfile-utils') as typeof DockerfileUtils).ValidationSeverity;
const NO_CONFIGURABLE_WARNINGS: Required<DockerfileUtils.ValidatorSettings> = {
  deprecatedMaintainer: IGNORE,
  directiveCasing: IGNORE,
  emptyContinuationLine: IGNORE,
  instructionCasing: IGNORE,
  instructionCmdMultiple: IGNORE,
  instructionEntrypointMultiple: IGNORE,
  instructionHealthcheckMultiple: IGNORE,
  instructionJSONInSingleQuotes: IGNORE,
  instructionWorkdirRelative: IGNORE,
};
const createNoSourceImage = (Validator as unknown as { createNoSourceImage(start: Position, end: Position): Diagnostic }).createNoSourceImage;

/** Keywords whose variables the modifier check skips (shell expansion is allowed there). */
const SHELL_EXPANDED = new Set(['RUN', 'CMD', 'ENTRYPOINT']);
/** `${NAME` followed by something other than `}`: a modifier, the only thing the check reports on. */
const HAS_MODIFIER = /\$\{[^}]*?[^\w}]/;

export const syntaxProblems = memoize((model: DockerfileModel): readonly SyntaxProblem[] => [...validated(model.ast), ...duplicateStageNames(model)]);

function validated(dockerfile: Dockerfile): SyntaxProblem[] {
  const document = (dockerfile as unknown as { document: TextDocument }).document;
  const validator = new Validator(NO_CONFIGURABLE_WARNINGS) as unknown as ValidatorSteps;
  validator.document = document;
  validator.checkJSONQuotes = () => {};
  validator.checkArguments = checkArgumentsWhenNeeded;
  const problems: Diagnostic[] = [];
  validator.checkDirectives(dockerfile, problems);
  const instructions = dockerfile.getInstructions();
  if (instructions.length === 0 || instructions.every((instruction) => instruction.getKeyword() === 'ARG')) {
    problems.push(createNoSourceImage(document.positionAt(0), document.positionAt(0)));
  }
  const escapeChar = dockerfile.getEscapeCharacter();
  let hasFrom = false;
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') hasFrom = true;
    else if (!hasFrom && keyword !== 'ARG') {
      const range = instruction.getInstructionRange();
      problems.push(createNoSourceImage(range.start, range.end));
      hasFrom = true;
    }
    // As a trigger: the one thing validateInstruction skips for triggers is the empty continuation line scan.
    validator.validateInstruction(document, escapeChar, instruction, keyword, true, problems);
    if (!SHELL_EXPANDED.has(keyword) && HAS_MODIFIER.test(instruction.getTextContent())) validator.checkVariables(instruction, problems);
  }
  for (const trigger of dockerfile.getOnbuildTriggers()) validator.validateInstruction(document, escapeChar, trigger, trigger.getKeyword(), true, problems);
  const ignored = new Set(
    dockerfile
      .getComments()
      .filter((comment) => comment.getContent() === 'dockerfile-utils: ignore')
      .map((comment) => comment.getRange().start.line + 1),
  );
  return problems
    .filter((problem) => problem.instructionLine == null || !ignored.has(problem.instructionLine))
    .map((diagnostic) => ({
      code: diagnostic.code,
      severity: diagnostic.severity,
      message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
      line: diagnostic.range.start.line,
      character: diagnostic.range.start.character,
    }));
}

const { PropertyInstruction } = requireLibrary('dockerfile-ast') as typeof DockerfileAst;
const { checkArguments } = Validator.prototype as unknown as ValidatorSteps;

/**
 * The argument check, where it can report. Every caller that accepts any number of arguments
 * (`[-1]`: RUN, ENV, LABEL, ARG, WORKDIR…) passes a check that accepts every argument, so it
 * reports only an instruction without one; its walk over every word of a long RUN is skipped.
 */
function checkArgumentsWhenNeeded(this: ValidatorSteps, instruction: Instruction, problems: Diagnostic[], expectedArgCount: number[], ...rest: unknown[]): void {
  const args = instruction instanceof PropertyInstruction ? instruction.getPropertyArguments() : instruction.getArguments();
  if (expectedArgCount[0] !== -1 || args.length === 0) checkArguments.call(this, instruction, problems, expectedArgCount, ...rest);
}

function duplicateStageNames(model: DockerfileModel): SyntaxProblem[] {
  const counts = new Map<string, number>();
  for (const stage of model.stages) if (stage.name) counts.set(stage.name, (counts.get(stage.name) ?? 0) + 1);
  return model.stages
    .filter((stage) => stage.name && counts.get(stage.name)! > 1)
    .map((stage) => {
      const { line, character } = stage.from.getBuildStageRange()?.start ?? stage.from.getRange().start;
      return { code: 'duplicate-stage', severity: 1, message: `duplicate name ${stage.name}`, line, character };
    });
}
