/**
 * The bare module specifiers a JS/TS file imports (import, export-from, require, import()), read
 * with Babel's parser: how a project without a package.json reaches a tsconfig `paths` alias.
 */
import { createRequire } from 'node:module';

// Loaded on first use: only workspaces with tsconfig path aliases need a parser.
const loadParser = () => createRequire(import.meta.url)('@babel/parser') as typeof import('@babel/parser');

export const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export function importedSpecifiers(source: string, fileName: string): string[] {
  let program: unknown;
  try {
    const typescript = /\.[cm]?tsx?$/.test(fileName);
    const plugins: ('typescript' | 'jsx')[] = typescript ? (fileName.endsWith('x') ? ['typescript', 'jsx'] : ['typescript']) : ['jsx'];
    program = loadParser().parse(source, { sourceType: 'unambiguous', plugins, errorRecovery: true }).program;
  } catch {
    return []; // A file Babel cannot read imports nothing we can know of; Nx's own graph skips it the same way.
  }
  const found = new Set<string>();
  walk(program, (node) => {
    const specifier = moduleSpecifier(node);
    if (specifier !== undefined && !specifier.startsWith('.')) found.add(specifier);
  });
  return [...found].sort();
}

type Node = { type?: string; [key: string]: unknown };

function moduleSpecifier(node: Node): string | undefined {
  if (node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') {
    return stringValue(node.source);
  }
  if (node.type === 'CallExpression') {
    const callee = node.callee as Node;
    const isRequire = callee.type === 'Identifier' && callee.name === 'require';
    if (isRequire || callee.type === 'Import') return stringValue((node.arguments as Node[])[0]);
  }
  if (node.type === 'ImportExpression') return stringValue(node.source);
  return undefined;
}

const stringValue = (node: unknown) => {
  const literal = node as Node | undefined;
  return literal?.type === 'StringLiteral' && typeof literal.value === 'string' ? literal.value : undefined;
};

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const typed = node as Node;
  if (typeof typed.type === 'string') visit(typed);
  for (const [key, value] of Object.entries(typed)) {
    if (key !== 'loc' && key !== 'start' && key !== 'end' && key !== 'extra' && typeof value === 'object') walk(value, visit);
  }
}
