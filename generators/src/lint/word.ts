/**
 * One Dockerfile word as BuildKit's frontend reads it: quotes removed ('…' literal, "…" with
 * expansion inside), the escape character honoured, and `$V`, `${V}`, `${V:-word}`, `${V-word}`,
 * `${V:+word}`, `${V+word}` expanded. Bounded: a result stops growing at MAX_WORD characters and
 * `${…}` nests at most MAX_DEPTH deep, so hostile ARGs cannot exhaust memory or the stack.
 */

/** Variable name → value; undefined for a variable that is declared without a value, or not at all. */
export interface Scope {
  get(name: string): string | undefined;
}

export interface Expansion {
  readonly value: string;
  /** Variables that were referenced but have no value here, so the result is not what a build gets. */
  readonly unresolved: readonly string[];
  /** Every variable whose value went into the result, outermost first. */
  readonly via: readonly string[];
  /** The result hit MAX_WORD or MAX_DEPTH: it is cut short, and no rule should judge it. */
  readonly truncated: boolean;
}

export const MAX_WORD = 16 * 1024;
export const MAX_DEPTH = 16;

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

export interface WordOptions {
  /** Remove quotes (true, as for FROM, USER, COPY…) or keep them as written. */
  readonly quotes?: boolean;
}

export function processWord(text: string, scope: Scope, escapeChar = '\\', options: WordOptions = {}): Expansion {
  const state: State = { scope, escapeChar, quotes: options.quotes ?? true, unresolved: new Set(), via: new Set(), truncated: false };
  const value = expandText(text, state, 0);
  return { value, unresolved: [...state.unresolved], via: [...state.via], truncated: state.truncated };
}

interface State {
  readonly scope: Scope;
  readonly escapeChar: string;
  readonly quotes: boolean;
  readonly unresolved: Set<string>;
  readonly via: Set<string>;
  truncated: boolean;
}

function expandText(text: string, state: State, depth: number): string {
  if (depth > MAX_DEPTH) {
    state.truncated = true;
    return '';
  }
  let out = '';
  let quote: string | undefined;
  for (let index = 0; index < text.length; index += 1) {
    if (out.length > MAX_WORD) {
      state.truncated = true;
      return out.slice(0, MAX_WORD);
    }
    const char = text[index]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else out += char;
    } else if (char === state.escapeChar && index + 1 < text.length) {
      const next = text[index + 1]!;
      const escapes = quote === undefined ? state.quotes || next === '$' : next === '"' || next === '$' || next === state.escapeChar;
      out += escapes ? next : char + next;
      index += 1;
    } else if (state.quotes && (char === '"' || char === "'") && (quote === undefined || char === quote)) {
      quote = quote === undefined ? char : undefined;
    } else if (char === '$') {
      const [expanded, end] = dollar(text, index, state, depth);
      out += expanded;
      index = end;
    } else {
      out += char;
    }
  }
  return out;
}

/** `$NAME` or `${…}` at `start`: the expansion and the index of its last character. */
function dollar(text: string, start: number, state: State, depth: number): [string, number] {
  if (text[start + 1] === '{') {
    const end = closingBrace(text, start + 2);
    if (end === -1) return ['$', start];
    return [substitute(text.slice(start + 2, end), state, depth), end];
  }
  NAME.lastIndex = start + 1;
  const name = NAME.exec(text)?.[0];
  if (!name) return ['$', start];
  return [lookup(name, state), start + name.length];
}

/** The body of `${…}`: a name and an optional modifier. */
function substitute(body: string, state: State, depth: number): string {
  NAME.lastIndex = 0;
  const name = NAME.exec(body)?.[0] ?? '';
  const modifier = /^(:?[-+])([\s\S]*)$/.exec(body.slice(name.length));
  if (!modifier) return lookup(name, state);
  const [, operator, word] = modifier;
  const current = state.scope.get(name);
  const set = operator!.startsWith(':') ? current !== undefined && current !== '' : current !== undefined;
  if (operator!.endsWith('-')) {
    if (!set) return expandText(word!, state, depth + 1);
    state.via.add(name);
    return current!;
  }
  return set ? expandText(word!, state, depth + 1) : '';
}

function lookup(name: string, state: State): string {
  const value = state.scope.get(name);
  if (value === undefined) {
    state.unresolved.add(name);
    return '';
  }
  state.via.add(name);
  return value;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let index = from; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    if (text[index] === '}' && --depth === 0) return index;
  }
  return -1;
}
