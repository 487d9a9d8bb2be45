/**
 * Variable expansion as the Dockerfile frontend does it: `$NAME`, `${NAME}`, `${NAME:-word}`,
 * `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`. ARG defaults may refer to earlier ARGs, so
 * scopes are built in declaration order and every default is expanded when it is declared:
 * `ARG TAG=latest`, `ARG IMAGE=node:${TAG}`, `FROM ${IMAGE}` resolves to `node:latest`.
 */

/** Variable name → value; undefined for an ARG declared without a default. */
export type Scope = ReadonlyMap<string, string | undefined>;

export interface Expansion {
  readonly value: string;
  /** Variables that were referenced but have no value here, so the result is not what a build gets. */
  readonly unresolved: readonly string[];
  /** Every variable whose value went into the result, outermost first. */
  readonly via: readonly string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function expand(text: string, scope: Scope, escapeChar = '\\'): Expansion {
  const unresolved: string[] = [];
  const via: string[] = [];
  const value = expandInto(text, scope, escapeChar, unresolved, via);
  return { value, unresolved: [...new Set(unresolved)], via: [...new Set(via)] };
}

function expandInto(text: string, scope: Scope, escapeChar: string, unresolved: string[], via: string[]): string {
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === escapeChar && text[index + 1] === '$') {
      out += '$';
      index += 1;
    } else if (char !== '$') {
      out += char;
    } else if (text[index + 1] === '{') {
      const end = closingBrace(text, index + 2);
      if (end === -1) return out + text.slice(index);
      out += substitute(text.slice(index + 2, end), scope, escapeChar, unresolved, via);
      index = end;
    } else {
      const name = NAME.exec(text.slice(index + 1))?.[0];
      if (!name) {
        out += char;
        continue;
      }
      out += lookup(name, scope, unresolved, via);
      index += name.length;
    }
  }
  return out;
}

/** The body of `${…}`: a name and an optional modifier. */
function substitute(body: string, scope: Scope, escapeChar: string, unresolved: string[], via: string[]): string {
  const name = NAME.exec(body)?.[0] ?? '';
  const modifier = /^(:?[-+])([\s\S]*)$/.exec(body.slice(name.length));
  if (!modifier) return lookup(name, scope, unresolved, via);
  const [, operator, word] = modifier;
  const current = scope.get(name);
  const set = operator!.startsWith(':') ? current !== undefined && current !== '' : current !== undefined;
  const alternative = () => expandInto(word!, scope, escapeChar, unresolved, via);
  if (operator!.endsWith('-')) {
    if (!set) return alternative();
    via.push(name);
    return current!;
  }
  return set ? alternative() : '';
}

function lookup(name: string, scope: Scope, unresolved: string[], via: string[]): string {
  const value = scope.get(name);
  if (value === undefined) {
    unresolved.push(name);
    return '';
  }
  via.push(name);
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
