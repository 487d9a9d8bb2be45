/**
 * dockerfile-ast 0.7.1's `Instruction.getArgumentsRanges()` (each line's part of an instruction's
 * arguments, escaped newlines and embedded comments left out: what `getArgumentsContent()`, a
 * RUN's script, is cut from), ported step for step (less a flag it sets but never reads) with
 * one change that leaves its result the same: the characters that only move the range's end (up
 * to the next newline or escape character) are skipped in one match of a regular expression
 * (native code) instead of a loop V8 interprets in a short process. test/lint/ast.test.ts
 * compares it with the library's on every file.
 */
import type { Argument } from 'dockerfile-ast';
import { afterEscapedWhitespace, runWithout, type InstructionInternals } from './raw-arguments.js';
import type { Position, Range } from './source-text.js';

interface RangesInternals extends InstructionInternals {
  getArguments(): Argument[];
}

const isNewline = (char: string) => char === '\r' || char === '\n';

export function getArgumentsRanges(this: RangesInternals): Range[] {
  const args = this.getArguments();
  if (args.length === 0) return [];
  if (args[0]!.getRange().start.line === args[args.length - 1]!.getRange().end.line) {
    return [{ start: args[0]!.getRange().start, end: args[args.length - 1]!.getRange().end }];
  }
  const document = this.document;
  const escapeChar = this.escapeChar;
  // Characters that are neither a newline nor the escape character.
  const run = runWithout(`\r\n${escapeChar}`);
  const ranges: Range[] = [];
  let end = -1;
  let startPosition: Position | null = args[0]!.getRange().start;
  const range = this.getInstructionRange();
  const extra = document.offsetAt(startPosition) - document.offsetAt(range.start);
  const content = this.getTextContent();
  const fullArgs = content.substring(extra, document.offsetAt(args[args.length - 1]!.getRange().end) - document.offsetAt(range.start));
  const offset = document.offsetAt(range.start) + extra;
  let comment = false;
  // An escaped newline ends the line's range at the last character before the escape.
  const lineBreak = () => {
    if (startPosition !== null) ranges.push({ start: startPosition, end: document.positionAt(offset + end + 1) });
  };
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charAt(i);
    if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        const after = afterEscapedWhitespace(fullArgs, i);
        if (after.lineBreak) {
          lineBreak();
          startPosition = null;
          comment = false;
          i = after.at;
        }
      } else if (next === '\r') {
        lineBreak();
        startPosition = null;
        comment = false;
        i += 2;
      } else if (next === '\n') {
        lineBreak();
        startPosition = null;
        comment = false;
        i++;
      } else {
        i++;
      }
    } else if (isNewline(char)) {
      if (comment) {
        startPosition = null;
        comment = false;
      }
    } else {
      if (!comment) {
        if (startPosition === null) {
          if (char === '#') {
            comment = true;
            continue;
          }
          const position = document.positionAt(offset + i);
          if (position.character !== 0) startPosition = { line: position.line, character: 0 };
        }
        end = i;
      }
      // The next characters before a newline or the escape character: inside a comment they
      // change nothing; after a range's start, each only moves the end. (A line's first
      // character at column 0 leaves no start, so the next one is looked at on its own.)
      if (comment || startPosition !== null) {
        run.lastIndex = i + 1;
        if (run.test(fullArgs)) {
          i = run.lastIndex - 1;
          if (!comment) end = i;
        }
      }
    }
  }
  if (startPosition === null) {
    // should only happen if the last argument is on its own line with no leading whitespace
    ranges.push({ start: document.positionAt(offset + end), end: document.positionAt(offset + end + 1) });
  } else {
    ranges.push({ start: startPosition, end: document.positionAt(offset + end + 1) });
  }
  return ranges;
}
