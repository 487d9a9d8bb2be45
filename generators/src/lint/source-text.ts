/** The text of a range of a Dockerfile, or of an instruction's arguments, as the frontend reads it: line continuations joined. */
import type { Instruction } from 'dockerfile-ast';
import { memoize } from './memo.js';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

interface Source {
  readonly text: string;
  readonly escapeChar: string;
}

const lineStarts = memoize((source: Source): number[] => {
  const starts = [0];
  for (let index = source.text.indexOf('\n'); index !== -1; index = source.text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
});

export function textOf(source: Source, range: Range): string {
  const starts = lineStarts(source);
  const from = (starts[range.start.line] ?? source.text.length) + range.start.character;
  const to = (starts[range.end.line] ?? source.text.length) + range.end.character;
  return joinContinuations(source.text.slice(from, to), source.escapeChar);
}

export function joinContinuations(text: string, escapeChar: string): string {
  if (!text.includes('\n')) return text;
  const escape = escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return text.replace(new RegExp(`${escape}[ \\t]*\\r?\\n`, 'g'), '');
}

/** The part of dockerfile-ast's Instruction that holds the parsed text (not in its typings). */
interface InstructionDocument {
  readonly document: { getText(): string; offsetAt(position: Position): number };
}

/** A comment line at the start of a continuation line's text, its newline included. */
const LEADING_COMMENT_LINES = /^(?:[ \t]*#[^\n]*(?:\n|$))+/;

/**
 * An instruction's arguments as BuildKit reads them: `getArgumentsContent()` without the comment
 * lines inside the continuation. BuildKit drops such a line whatever it ends with, where
 * dockerfile-ast keeps it, and joins it to the next line when it ends in the escape character:
 * `RUN a \`, `# note \`, `&& b` runs `a && b`, not `a # note && b`.
 */
export function argumentsText(instruction: Instruction): string {
  const content = instruction.getArgumentsContent() ?? '';
  if (!content.includes('#')) return content;
  const { document } = instruction as unknown as InstructionDocument;
  const text = document.getText();
  return instruction
    .getArgumentsRanges()
    .map((range, index) => {
      const piece = text.slice(document.offsetAt(range.start), document.offsetAt(range.end));
      return index === 0 ? piece : piece.replace(LEADING_COMMENT_LINES, '');
    })
    .join('');
}
