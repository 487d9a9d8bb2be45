/**
 * dockerfile-ast 0.7.1 (pinned), parsed once and read in linear time. Two of its methods redo
 * work that depends only on the parsed text, which never changes after parsing:
 *
 * - `Instruction.getRawArguments()` scans the instruction's whole text on every call. The parser
 *   calls it six times per instruction while building it (JSON form, flags, ranges, heredocs),
 *   dockerfile-utils' validation and the rules many more; it is computed once per instruction and
 *   each caller gets its own copy of the array (callers shift and replace entries in it).
 * - `organizeComments()`, run at the end of every parse, tests each comment against every stage:
 *   comments × stages. Comments and stages are both in document order, so one merge does it.
 *
 * The results are the same as the originals' (test/lint/ast.test.ts compares them over the real
 * corpus); `parseDockerfile` is the only way the linter parses, and dockerfile-utils' validator
 * is driven with the document parsed here (validation.ts), so a file is parsed once.
 */
import { DockerfileParser, Instruction, type Argument, type Comment, type Dockerfile } from 'dockerfile-ast';

interface Position {
  readonly line: number;
  readonly character: number;
}

interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** The parts of dockerfile-ast's Dockerfile class that the merge uses (not in its typings). */
interface Template {
  getRange(): Range;
  addComment(comment: Comment): void;
}

interface DockerfileInternals {
  getComments(): Comment[];
  readonly initialInstructions: Template;
  readonly buildStages: Template[];
}

type RawArguments = (this: Instruction) => Argument[];
type OrganizeComments = (this: DockerfileInternals) => void;

const PATCHED = Symbol.for('dockwright.lint.ast-linear');
const instructionPrototype = Instruction.prototype as unknown as { getRawArguments: RawArguments; [PATCHED]?: true };
const dockerfilePrototype = Object.getPrototypeOf(DockerfileParser.parse('')) as { organizeComments: OrganizeComments; [PATCHED]?: true };

/** The library's own methods, for the equivalence test. */
export const ORIGINAL = {
  getRawArguments: instructionPrototype.getRawArguments,
  organizeComments: dockerfilePrototype.organizeComments,
};

if (!instructionPrototype[PATCHED]) {
  const computed = new WeakMap<Instruction, Argument[]>();
  const original = instructionPrototype.getRawArguments;
  instructionPrototype.getRawArguments = function getRawArguments(this: Instruction) {
    let args = computed.get(this);
    if (args === undefined) {
      args = original.call(this);
      computed.set(this, args);
    }
    return args.slice();
  };
  instructionPrototype[PATCHED] = true;
}

if (!dockerfilePrototype[PATCHED]) {
  dockerfilePrototype.organizeComments = function organizeComments(this: DockerfileInternals) {
    const initial = this.initialInstructions.getRange();
    const stages = this.buildStages.map((stage) => ({ stage, range: stage.getRange() }));
    let next = 0;
    for (const comment of this.getComments()) {
      const { start, end } = comment.getRange();
      if (isInside(end, initial)) {
        this.initialInstructions.addComment(comment);
        continue;
      }
      // Stages wholly before this comment are before every later comment too.
      while (next < stages.length && compare(stages[next]!.range.end, start) < 0) next += 1;
      for (let index = next; index < stages.length && compare(stages[index]!.range.start, start) <= 0; index += 1) {
        if (isInside(start, stages[index]!.range)) stages[index]!.stage.addComment(comment);
      }
    }
  };
  dockerfilePrototype[PATCHED] = true;
}

const compare = (left: Position, right: Position) => left.line - right.line || left.character - right.character;

/** dockerfile-ast's Util.isInsideRange: both ends included. */
const isInside = (position: Position, range: Range) => compare(range.start, position) <= 0 && compare(position, range.end) <= 0;

export function parseDockerfile(text: string): Dockerfile {
  return DockerfileParser.parse(text);
}
