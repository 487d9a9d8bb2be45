/**
 * Sets `output: 'standalone'` in a next.config.{ts,mjs,js,cjs}. The AST only locates the config
 * object; the edit itself is one inserted line (plus a comma when the last key lacks one), so
 * imports, comments, formatting, other keys and `satisfies` clauses stay exactly as written.
 * A config it cannot follow (a plugin wrapper, a function) is reported, never guessed at. For a
 * workspace member it also finds a tracing root the config sets, which the image does not expect.
 */
import { createRequire } from 'node:module';
import type { Expression, ObjectExpression, ObjectProperty, Statement } from '@babel/types';

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
  const config = exportedConfig(source);
  if ('reason' in config) return { kind: 'unsupported', reason: config.reason };
  const output = propertyNamed(config, 'output');
  if (output) {
    const value = output.value;
    if (value.type === 'StringLiteral' && value.value === 'standalone') return { kind: 'unchanged' };
    return {
      kind: 'unsupported',
      reason: `it sets output to ${source.slice(value.start!, value.end!)}, but the image needs 'standalone'`,
    };
  }
  return { kind: 'edited', content: insertLastProperty(source, config, standaloneProperty(source)) };
}

/**
 * The setting, when the exported config has one, that moves Next.js's tracing root
 * (`outputFileTracingRoot`, or `turbopack.root`, which Next.js keeps equal to it) away from the
 * workspace root it infers from the lockfiles above the app. A workspace member's image expects
 * that inferred root: the server at .next/standalone/<member path>/server.js.
 */
export function tracingRootSetting(source: string): string | undefined {
  const config = exportedConfig(source);
  if ('reason' in config) return undefined;
  if (propertyNamed(config, 'outputFileTracingRoot')) return 'outputFileTracingRoot';
  const turbopack = propertyNamed(config, 'turbopack')?.value;
  return turbopack?.type === 'ObjectExpression' && propertyNamed(turbopack, 'root') ? 'turbopack.root' : undefined;
}

/** The object literal the config file exports, or why it cannot be followed. */
function exportedConfig(source: string): ObjectExpression | { reason: string } {
  let body: Statement[];
  try {
    body = loadParser().parse(source, { sourceType: 'unambiguous', plugins: ['typescript', 'jsx'] }).program.body;
  } catch (error) {
    return { reason: `it does not parse (${(error as Error).message.split('\n')[0]})` };
  }
  const exported = exportedExpression(body);
  if (!exported) return { reason: 'it has no `export default` or `module.exports =` to edit' };
  return resolveObject(exported, body) ?? { reason: 'its exported config is not an object literal (a plugin wrapper or a function)' };
}

function propertyNamed(object: ObjectExpression, name: string): ObjectProperty | undefined {
  return object.properties.find(
    (property): property is ObjectProperty =>
      property.type === 'ObjectProperty' &&
      !property.computed &&
      ((property.key.type === 'Identifier' && property.key.name === name) || (property.key.type === 'StringLiteral' && property.key.value === name)),
  );
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
