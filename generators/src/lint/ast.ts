/**
 * dockerfile-ast 0.7.1 (pinned), parsed once and read in linear time. Some of its methods redo
 * work that depends only on the parsed text, which never changes after parsing:
 *
 * - `Instruction.getRawArguments()` (ported in raw-arguments.ts to allocate one string per word,
 *   not one per character) scans the instruction's whole text on every call. The parser
 *   calls it six times per instruction while building it (JSON form, flags, ranges, heredocs),
 *   dockerfile-utils' validation and the rules many more; it is computed once per instruction and
 *   each caller gets its own copy of the array (callers shift and replace entries in it). So are
 *   the other reads that rescan the text character by character (a line's text, the arguments'
 *   text and ranges, the here-documents, the keyword). The arguments' ranges, a RUN script's
 *   lines, are ported too (arguments-ranges.ts), to skip the characters that change nothing.
 * - the parser builds every instruction twice: once to look for here-documents at its first line
 *   end, then again, from the same positions, to keep. When no here-document moved the end, the
 *   first one is kept (`createInstruction` answers the same call with the same instruction).
 * - `organizeComments()`, run at the end of every parse, tests each comment against every stage:
 *   comments × stages. Comments and stages are both in document order, so one merge does it.
 * - the parser's scans of an instruction's arguments and of a comment, and the text document's
 *   line offsets, step through every character of the file: ported (parser-scans.ts) to pass over
 *   the ones that change nothing in one match.
 *
 * The results are the same as the originals' (test/lint/ast.test.ts compares them over the real
 * corpus); `parseDockerfile` is the only way the linter parses, and dockerfile-utils' validator
 * is driven with the document parsed here (validation.ts), so a file is parsed once.
 */
import { createRequire } from 'node:module';
import type * as DockerfileAst from 'dockerfile-ast';
import type { Comment, Dockerfile, Instruction } from 'dockerfile-ast';
import { getArgumentsRanges } from './arguments-ranges.js';
import { lineOffsets, processArguments, processCommentWith, type ParserInternals as ScanningParser } from './parser-scans.js';
import { rawArgumentsWith } from './raw-arguments.js';
import type { Position, Range } from './source-text.js';

/**
 * The dockerfile libraries are CommonJS. Imported from ESM, Node lexes each module they re-export
 * for its names: the largest part of `dockwright lint`'s start. `require` loads them as they are.
 */
export const requireLibrary = createRequire(import.meta.url);
const { Argument, Comment: CommentClass, DockerfileParser, Instruction: InstructionClass, PropertyInstruction } = requireLibrary('dockerfile-ast') as typeof DockerfileAst;


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

type CreateInstruction = (this: ParserInternals, dockerfile: Dockerfile, keyword: string, start: number, instructionEnd: number, end: number) => Instruction;

interface ParserInternals {
  [LAST_CREATED]?: { dockerfile: Dockerfile; keyword: string; start: number; instructionEnd: number; end: number; instruction: Instruction };
}
type OrganizeComments = (this: DockerfileInternals) => void;

const PATCHED = Symbol.for('dockwright.lint.ast-linear');
const LAST_CREATED = Symbol('dockwright.lint.last-created');
const parserPrototype = (requireLibrary('dockerfile-ast/lib/parser.js') as { Parser: { prototype: object } }).Parser.prototype as {
  createInstruction: CreateInstruction;
  processArguments: typeof processArguments;
  processComment: ScanningParser['processComment'];
  [PATCHED]?: true;
};
const instructionPrototype = InstructionClass.prototype as unknown as Record<CachedRead, () => unknown> & { [PATCHED]?: true };
/** dockerfile-ast's Line, the class instructions and comments extend. */
const linePrototype = Object.getPrototypeOf(instructionPrototype) as Record<'getTextContent', () => unknown>;
const emptyDockerfile = DockerfileParser.parse('');
const dockerfilePrototype = Object.getPrototypeOf(emptyDockerfile) as { organizeComments: OrganizeComments; [PATCHED]?: true };
/** vscode-languageserver-textdocument's document, which dockerfile-ast parses into (its line offsets: every position is looked up in them). */
const textDocumentPrototype = Object.getPrototypeOf((emptyDockerfile as unknown as { document: object }).document) as {
  getLineOffsets(this: TextDocumentInternals): number[];
  [PATCHED]?: true;
};

interface TextDocumentInternals {
  _content: string;
  _lineOffsets: number[] | undefined;
}
/** A comment's text (read by the validator's ignore comments and by the suppressions), and ENV/LABEL's words (by the parse of their properties and by the validator). */
const commentPrototype = CommentClass.prototype as unknown as Record<'getContent', () => unknown>;
const propertyInstructionPrototype = PropertyInstruction.prototype as unknown as Record<'getPropertyArguments', () => unknown>;

/**
 * Instruction reads whose answer depends only on the parsed text, and whether it is an array
 * (copied for each caller, as the originals return a new one per call).
 */
const CACHED_READS = {
  getRawArguments: 'array',
  getArgumentsRanges: 'array',
  getHeredocs: 'array',
  getRawArgumentsContent: 'value',
  getArgumentsContent: 'value',
  getKeyword: 'value',
} as const;
type CachedRead = keyof typeof CACHED_READS;

/** The library's own methods, for the equivalence test. */
export const ORIGINAL = {
  createInstruction: parserPrototype.createInstruction,
  processArguments: parserPrototype.processArguments,
  processComment: parserPrototype.processComment,
  getLineOffsets: textDocumentPrototype.getLineOffsets,
  organizeComments: dockerfilePrototype.organizeComments,
  getTextContent: linePrototype.getTextContent,
  getContent: commentPrototype.getContent,
  getPropertyArguments: propertyInstructionPrototype.getPropertyArguments,
  ...(Object.fromEntries(Object.keys(CACHED_READS).map((name) => [name, instructionPrototype[name as CachedRead]])) as Record<CachedRead, () => unknown>),
};

/** Replaces `prototype[name]` by a read computed once per object. */
function cacheRead<Name extends string>(prototype: Record<Name, () => unknown>, name: Name, kind: 'array' | 'value'): void {
  const original = prototype[name];
  const slot = Symbol(`dockwright.lint.${name}`);
  prototype[name] = function cachedRead(this: { [slot]?: unknown }) {
    let value = this[slot];
    if (value === undefined) this[slot] = value = original.call(this);
    return kind === 'array' ? (value as unknown[]).slice() : value;
  };
}

if (!instructionPrototype[PATCHED]) {
  instructionPrototype.getRawArguments = rawArgumentsWith(Argument);
  instructionPrototype.getArgumentsRanges = getArgumentsRanges;
  for (const [name, kind] of Object.entries(CACHED_READS)) cacheRead(instructionPrototype, name as CachedRead, kind);
  cacheRead(linePrototype, 'getTextContent', 'value');
  cacheRead(commentPrototype, 'getContent', 'value');
  cacheRead(propertyInstructionPrototype, 'getPropertyArguments', 'array');
  instructionPrototype[PATCHED] = true;
}

if (!parserPrototype[PATCHED]) {
  const original = parserPrototype.createInstruction;
  parserPrototype.createInstruction = function createInstruction(this: ParserInternals, dockerfile, keyword, start, instructionEnd, end) {
    const last = this[LAST_CREATED];
    if (last && last.dockerfile === dockerfile && last.keyword === keyword && last.start === start && last.instructionEnd === instructionEnd && last.end === end) {
      this[LAST_CREATED] = undefined;
      return last.instruction;
    }
    const instruction = original.call(this, dockerfile, keyword, start, instructionEnd, end);
    this[LAST_CREATED] = { dockerfile, keyword, start, instructionEnd, end, instruction };
    return instruction;
  };
  parserPrototype.processArguments = processArguments;
  parserPrototype.processComment = processCommentWith(CommentClass);
  parserPrototype[PATCHED] = true;
}

if (!textDocumentPrototype[PATCHED]) {
  textDocumentPrototype.getLineOffsets = function getLineOffsets(this: TextDocumentInternals) {
    if (this._lineOffsets === undefined) this._lineOffsets = lineOffsets(this._content);
    return this._lineOffsets;
  };
  textDocumentPrototype[PATCHED] = true;
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
