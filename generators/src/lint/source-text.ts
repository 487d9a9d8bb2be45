/** The text of a range of a Dockerfile as the frontend reads it: line continuations joined. */
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
