/**
 * Sets `output: 'standalone'` in a next.config.{ts,mjs,js,cjs}. The AST only locates the config
 * object; the edit itself is one inserted line (plus a comma when the last key lacks one), so
 * imports, comments, formatting, other keys and `satisfies` clauses stay exactly as written.
 * A config it cannot follow (a plugin wrapper, a function) is reported, never guessed at.
 */
import { createRequire } from 'node:module';
import type { Expression, ObjectExpression, Statement } from '@babel/types';

// Loaded on first use: only existing Next.js packages need a parser, and it costs ~150 ms to load.
const loadParser = () => createRequire(import.meta.url)('@babel/parser') as typeof import('@babel/parser');

export const NEXT_CONFIG_FILES = ['next.config.ts', 'next.config.mjs', 'next.config.js', 'next.config.cjs'] as const;
export const STANDALONE_PROPERTY = "output: 'standalone'";

export type NextConfigEdit =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'edited'; readonly content: string }
  | { readonly kind: 'unsupported'; readonly reason: string };

const MAX_INDIRECTIONS = 5;
const WRAPPERS = new Set(['TSSatisfiesExpression', 'TSAsExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);

export function ensureStandaloneOutput(source: string): NextConfigEdit {
  let body: Statement[];
  try {
    body = loadParser().parse(source, { sourceType: 'unambiguous', plugins: ['typescript', 'jsx'] }).program.body;
  } catch (error) {
    return { kind: 'unsupported', reason: `it does not parse (${(error as Error).message.split('\n')[0]})` };
  }
  const exported = exportedExpression(body);
  if (!exported) return { kind: 'unsupported', reason: 'it has no `export default` or `module.exports =` to edit' };
  const config = resolveObject(exported, body);
  if (!config) {
    return { kind: 'unsupported', reason: 'its exported config is not an object literal (a plugin wrapper or a function)' };
  }
  const output = config.properties.find(
    (property) =>
      property.type === 'ObjectProperty' &&
      !property.computed &&
      ((property.key.type === 'Identifier' && property.key.name === 'output') ||
        (property.key.type === 'StringLiteral' && property.key.value === 'output')),
  );
  if (output?.type === 'ObjectProperty') {
    const value = output.value;
    if (value.type === 'StringLiteral' && value.value === 'standalone') return { kind: 'unchanged' };
    return {
      kind: 'unsupported',
      reason: `it sets output to ${source.slice(value.start!, value.end!)}, but the image needs 'standalone'`,
    };
  }
  return { kind: 'edited', content: insertLastProperty(source, config, standaloneProperty(source)) };
}

function standaloneProperty(source: string): string {
  const doubleQuotes = (source.match(/"/g)?.length ?? 0) > (source.match(/'/g)?.length ?? 0);
  return doubleQuotes ? STANDALONE_PROPERTY.replaceAll("'", '"') : STANDALONE_PROPERTY;
}

/** Last, so a spread earlier in the object cannot override it. */
function insertLastProperty(source: string, object: ObjectExpression, property: string): string {
  const open = object.start!;
  const close = object.end! - 1;
  const last = object.properties.at(-1);
  const closeLineStart = source.lastIndexOf('\n', close - 1) + 1;
  const braceOnOwnLine = closeLineStart > open && source.slice(closeLineStart, close).trim() === '';
  if (!last) {
    if (!braceOnOwnLine) return `${source.slice(0, open)}{ ${property} }${source.slice(close + 1)}`;
    const indent = indentationAt(source, open) + '  ';
    return `${source.slice(0, closeLineStart)}${indent}${property},\n${source.slice(closeLineStart)}`;
  }
  const commaAt = commaAfter(source, last.end!, close);
  const withComma = commaAt === undefined ? `${source.slice(0, last.end!)},${source.slice(last.end!)}` : source;
  const shift = commaAt === undefined ? 1 : 0;
  if (braceOnOwnLine) {
    const at = closeLineStart + shift;
    return `${withComma.slice(0, at)}${indentationAt(source, last.start!)}${property},\n${withComma.slice(at)}`;
  }
  const at = (commaAt ?? last.end!) + 1;
  return `${withComma.slice(0, at)} ${property}${withComma.slice(at)}`;
}

/** The index of the comma that follows a property, skipping white space and comments. */
function commaAfter(source: string, from: number, limit: number): number | undefined {
  let index = from;
  while (index < limit) {
    const rest = source.slice(index, limit);
    const skip = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
    if (skip) {
      index += skip[0].length;
      continue;
    }
    return source[index] === ',' ? index : undefined;
  }
  return undefined;
}

function indentationAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

function exportedExpression(body: Statement[]): Expression | undefined {
  for (const statement of body) {
    if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      return declaration.type.endsWith('Declaration') ? undefined : (declaration as Expression);
    }
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      const isModuleExports =
        left.type === 'MemberExpression' &&
        left.object.type === 'Identifier' &&
        left.object.name === 'module' &&
        left.property.type === 'Identifier' &&
        left.property.name === 'exports';
      if (isModuleExports) return right;
    }
  }
  return undefined;
}

/** Follows `satisfies`, `as`, parentheses and top-level `const x = …` to the object literal. */
function resolveObject(start: Expression, body: Statement[]): ObjectExpression | undefined {
  let node: Expression | undefined = start;
  for (let step = 0; node && step < MAX_INDIRECTIONS; step += 1) {
    if (node.type === 'ObjectExpression') return node;
    if (WRAPPERS.has(node.type)) node = (node as { expression: Expression }).expression;
    else if (node.type === 'Identifier') node = topLevelInitializer(body, node.name);
    else return undefined;
  }
  return undefined;
}

function topLevelInitializer(body: Statement[], name: string): Expression | undefined {
  for (const statement of body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === 'Identifier' && declarator.id.name === name) return declarator.init ?? undefined;
    }
  }
  return undefined;
}
