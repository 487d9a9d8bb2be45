/**
 * dockerfile-ast 0.7.1's scans over a file's text, ported to pass over the characters that change
 * nothing in one regular-expression match (native code) instead of one loop turn each, which in a
 * process as short as a lint runs in V8's interpreter or baseline code. Results are the library's:
 * test/lint/ast.test.ts parses every file with these and with the originals and compares.
 *
 * - `Parser.processArguments`: from an instruction's keyword to the end of its last line;
 * - `Parser.processComment`: a comment to its line end;
 * - the text document's line offsets (vscode-languageserver-textdocument's `computeLineOffsets`),
 *   where every position of the file is looked up.
 */
import type { Comment as CommentClass, Dockerfile, Instruction } from 'dockerfile-ast';
import { runWithout } from './raw-arguments.js';

/** The parts of dockerfile-ast's Parser the scans read and call (not in its typings). */
export interface ParserInternals {
  readonly buffer: string;
  readonly escapeChar: string;
  readonly document: ConstructorParameters<typeof CommentClass>[0];
  processComment(dockerfile: Dockerfile, start: number): number;
  processHeredocs(instruction: Instruction, offset: number): number;
  createInstruction(dockerfile: Dockerfile, keyword: string, start: number, instructionEnd: number, end: number): Instruction;
}

type CommentConstructor = typeof CommentClass;

/** Dockerfile's comment list (its template's, not in its typings). */
interface CommentHolder {
  addComment(comment: CommentClass): void;
}

export function processArguments(this: ParserInternals, dockerfile: Dockerfile, keyword: string, instructionEnd: number, start: number, offset: number): number {
  const buffer = this.buffer;
  const escapeChar = this.escapeChar;
  // Characters the scan does nothing with but end an escaped line's wait: none of `\r`, `\n`, `#`, space, tab and the escape character.
  const argumentRun = runWithout(`\r\n# \t${escapeChar}`);
  // after an escaped newline, until the next line's first argument character
  let escaped = false;
  argumentsCheck: for (let i = offset + 1; i < buffer.length; i++) {
    const char = buffer.charAt(i);
    if (char === '\r' || char === '\n') {
      if (escaped) continue;
      return this.processHeredocs(this.createInstruction(dockerfile, keyword, start, instructionEnd, i), i);
    }
    if (char === escapeChar) {
      const next = buffer.charAt(i + 1);
      if (next === '\n' || next === '\r') {
        escaped = true;
        i++;
      } else if (next === ' ' || next === '\t') {
        for (let j = i + 2; j < buffer.length; j++) {
          const after = buffer.charAt(j);
          if (after === ' ' || after === '\t') continue;
          if (after === '\r' || after === '\n') escaped = true;
          i = j;
          continue argumentsCheck;
        }
        return buffer.length;
      }
      continue;
    }
    if (char === '#') {
      if (escaped) i = this.processComment(dockerfile, i);
      continue;
    }
    if (char === ' ' || char === '\t') continue;
    escaped = false;
    argumentRun.lastIndex = i + 1;
    if (argumentRun.test(buffer)) i = argumentRun.lastIndex - 1;
  }
  return buffer.length;
}

const LINE_END = /[\r\n]/g;

export function processCommentWith(Comment: CommentConstructor) {
  return function processComment(this: ParserInternals, dockerfile: Dockerfile, start: number): number {
    LINE_END.lastIndex = start + 1;
    const end = LINE_END.exec(this.buffer)?.index ?? this.buffer.length;
    (dockerfile as unknown as CommentHolder).addComment(new Comment(this.document, { start: this.document.positionAt(start), end: this.document.positionAt(end) }));
    return end;
  };
}

const LINE_BREAK = /\r\n?|\n/g;

/** Where each line starts: 0, then after each `\r\n`, `\r` or `\n`. */
export function lineOffsets(text: string): number[] {
  const offsets = [0];
  LINE_BREAK.lastIndex = 0;
  while (LINE_BREAK.exec(text) !== null) offsets.push(LINE_BREAK.lastIndex);
  return offsets;
}
