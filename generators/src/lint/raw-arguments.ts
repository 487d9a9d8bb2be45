/**
 * dockerfile-ast 0.7.1's `Instruction.getRawArguments()` (the split of an instruction's text into
 * words, escaped newlines and embedded comments skipped), ported step for step with two changes
 * that leave its result the same: a word's value is sliced from the text in runs instead of
 * concatenated a character at a time (one string per word, not one per character: most of the
 * parse's garbage on long RUN scripts), and ranges are built as the plain objects
 * `Range.create` returns. test/lint/ast.test.ts compares it with the library's on every file.
 */
import type { Argument as ArgumentClass } from 'dockerfile-ast';
import type { Position, Range } from './source-text.js';

interface TextDocument {
  offsetAt(position: Position): number;
  positionAt(offset: number): Position;
}

/**
 * Past an escape character at `escape` followed by a space or tab, as both ports scan it (the
 * library's `whitespaceCheck` loop): the index of the newline ending that run of whitespace
 * (lineBreak, past a \r\n's \r), else of the first other character; -1 when the text ends first.
 */
export function afterEscapedWhitespace(text: string, escape: number): { lineBreak: boolean; at: number } {
  for (let j = escape + 2; j < text.length; j++) {
    const char = text.charAt(j);
    if (char === ' ' || char === '\t') continue;
    if (char === '\r') return { lineBreak: true, at: j + 1 };
    return { lineBreak: char === '\n', at: j };
  }
  return { lineBreak: false, at: -1 };
}

/** The parts of dockerfile-ast's Instruction the split reads (not in its typings). */
export interface InstructionInternals {
  readonly document: TextDocument;
  readonly escapeChar: string;
  getInstructionRange(): Range;
  getTextContent(): string;
}

type ArgumentConstructor = new (value: string, range: Range) => ArgumentClass;

const isNewline = (char: string) => char === '\r' || char === '\n';
const isWhitespace = (char: string) => char === ' ' || char === '\t' || isNewline(char);
const RUNS = new Map<string, RegExp>();

/**
 * A sticky match of a run of characters none of which is in `excluded`: the characters a port's
 * loop would step over one by one, matched in one go by a regular expression (native code, where
 * the loop runs in V8's interpreter in a short process). Cached by `excluded`, which holds the
 * file's escape character.
 */
export function runWithout(excluded: string): RegExp {
  let run = RUNS.get(excluded);
  if (!run) RUNS.set(excluded, (run = new RegExp(`[^${excluded.replace(/[\\\]^-]/g, '\\$&')}]+`, 'y')));
  return run;
}

export function rawArgumentsWith(Argument: ArgumentConstructor) {
  return function getRawArguments(this: InstructionInternals): ArgumentClass[] {
    const args: ArgumentClass[] = [];
    const document = this.document;
    const range = this.getInstructionRange();
    const extra = document.offsetAt(range.end) - document.offsetAt(range.start);
    const fullArgs = this.getTextContent().substring(extra);
    const offset = document.offsetAt(range.start) + extra;
    const escapeChar = this.escapeChar;
    // A word's characters up to whitespace or the escape character, which the loop would append one by one.
    const wordRun = runWithout(` \t\r\n${escapeChar}`);
    let start = false;
    let comment = false;
    let found = -1;
    // a space or tab that is part of an escaped newline sequence has been found
    let escapedWhitespaceDetected = false;
    // in an escaped newline sequence
    let escaping = false;
    let escapeMarker = -1;
    // The word's value so far: `value` plus the text from runStart to runEnd, not yet sliced.
    let value = '';
    let runStart = -1;
    let runEnd = -1;
    const append = (from: number, to: number) => {
      if (runEnd === from) {
        runEnd = to;
        return;
      }
      if (runStart !== -1) value += fullArgs.slice(runStart, runEnd);
      runStart = from;
      runEnd = to;
    };
    const push = (end: number) => {
      if (runStart !== -1) value += fullArgs.slice(runStart, runEnd);
      args.push(new Argument(value, { start: document.positionAt(offset + found), end: document.positionAt(offset + end) }));
      value = '';
      runStart = runEnd = -1;
    };
    for (let i = 0; i < fullArgs.length; i++) {
      const char = fullArgs.charAt(i);
      if (isWhitespace(char)) {
        if (escaping) {
          escapedWhitespaceDetected = true;
          if (isNewline(char)) {
            // a newline: whitespace before it does not count
            escapedWhitespaceDetected = false;
            if (comment) {
              comment = false;
              start = true;
            }
          }
          continue;
        } else if (found !== -1) {
          push(escapeMarker === -1 ? i : escapeMarker);
          escapeMarker = -1;
          found = -1;
        }
      } else if (char === escapeChar) {
        const next = fullArgs.charAt(i + 1);
        if (next === ' ' || next === '\t') {
          const after = afterEscapedWhitespace(fullArgs, i);
          if (after.lineBreak) {
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = after.at;
          } else if (after.at !== -1) {
            escapeMarker = i;
            if (found === -1) i = after.at - 1;
          }
        } else if (next === '\r') {
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1 && escapeMarker === -1) escapeMarker = i;
          i += 2;
        } else if (next === '\n') {
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1 && escapeMarker === -1) escapeMarker = i;
          i++;
        } else {
          if (escapedWhitespaceDetected && escapeMarker !== -1) {
            push(escapeMarker);
            found = -1;
          }
          escapeMarker = -1;
          escapedWhitespaceDetected = false;
          escaping = false;
          if (next === '$') append(i, i + 2);
          else if (next === '') break; // end of the text
          else append(i + 1, i + 2);
          if (found === -1) found = i;
          i++;
        }
      } else if (!comment) {
        if (start && char === '#') {
          comment = true;
        } else {
          if (escapedWhitespaceDetected && escapeMarker !== -1) {
            push(escapeMarker);
            found = -1;
          }
          escapedWhitespaceDetected = false;
          escaping = false;
          escapeMarker = -1;
          append(i, i + 1);
          if (found === -1) found = i;
          // The word's next characters, up to whitespace or the escape character, are appended as they are.
          wordRun.lastIndex = i + 1;
          if (wordRun.test(fullArgs)) {
            append(i + 1, wordRun.lastIndex);
            i = wordRun.lastIndex - 1;
          }
        }
        // not whitespace: reset
        start = false;
      }
    }
    if (found !== -1) push(escapeMarker === -1 ? fullArgs.length : escapeMarker);
    return args;
  };
}
