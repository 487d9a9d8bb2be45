/**
 * The linear reads of dockerfile-ast (generators/src/lint/ast.ts, raw-arguments.ts) and the
 * validator driven over the parsed document (validation.ts) give what the libraries' own code
 * gives, on the real corpus, the rule fixtures, bench:lint's 200 real files and a many-stage file.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Dockerfile, Instruction } from 'dockerfile-ast';
import type * as DockerfileAst from 'dockerfile-ast';
import type * as DockerfileUtils from 'dockerfile-utils';
import { ORIGINAL, parseDockerfile } from '../../generators/src/lint/ast.js';
import { buildModel } from '../../generators/src/lint/model.js';
import { syntaxProblems } from '../../generators/src/lint/validation.js';
import { realText } from './support/inputs.js';

// The libraries as the linter loads them (with require, so the same instances it patches).
const { DockerfileParser } = createRequire(import.meta.url)('dockerfile-ast') as typeof DockerfileAst;
const { validate, ValidationCode } = createRequire(import.meta.url)('dockerfile-utils') as typeof DockerfileUtils;

const REAL = new URL('../fixtures/lint/real/', import.meta.url).pathname;
const RULES = new URL('fixtures/rules/', import.meta.url).pathname;
/** bench:lint's 200 real-world Dockerfiles: more of the shapes real files take. */
const BENCH = new URL('../../bench/fixtures/lint-real-200/', import.meta.url).pathname;
const dockerfilesIn = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.Dockerfile'))
    .map((file): [string, string] => [file, readFileSync(dir + file, 'utf8')]);
const texts: [string, string][] = [
  ...dockerfilesIn(REAL),
  ...dockerfilesIn(RULES),
  ['100 KB of real files, many stages', realText(100_000)],
  ['\\r\\n, \\r and \\n line ends', 'FROM a\r\nRUN x \\\r\n  # note\r\n  y \\ \t\r\n z\rRUN z # c\n# comment\r\n\r\nCMD ["a"]\r'],
  ['here-documents', 'FROM a\nRUN <<EOF\necho hi\nEOF\nCOPY <<-X /a\n\tdata\n\tX\nONBUILD RUN <<Y\nz\nY\nRUN cat <\\\n<Z > /f\nz\nZ\nRUN echo "<<" done\n'],
  ['the backtick escape', '# escape=`\nFROM a\nRUN x `\n  # c `\n  y # z `  \n  w\n#c\nCOPY `\n a b\n'],
];
const benchTexts = dockerfilesIn(BENCH).map(([file, text]): [string, string] => [`bench ${file}`, text]);

interface Internals {
  readonly initialInstructions: { getComments(): { getRange(): unknown }[] };
  readonly buildStages: { getComments(): { getRange(): unknown }[] }[];
}

const commentsByTemplate = (dockerfile: Dockerfile) => {
  const internals = dockerfile as unknown as Internals;
  return [internals.initialInstructions, ...internals.buildStages].map((template) => template.getComments().map((comment) => comment.getRange()));
};

/** Runs `parse` with dockerfile-ast's own instruction creation, scans, comment placement and line offsets. */
function withOriginals<T>(parse: () => T): T {
  const empty = parseDockerfile('');
  const dockerfile = Object.getPrototypeOf(empty) as Record<string, unknown>;
  const parser = (createRequire(import.meta.url)('dockerfile-ast/lib/parser.js') as { Parser: { prototype: Record<string, unknown> } }).Parser.prototype;
  const textDocument = Object.getPrototypeOf((empty as unknown as { document: object }).document) as Record<string, unknown>;
  const swapped = [
    [dockerfile, 'organizeComments'],
    [parser, 'createInstruction'],
    [parser, 'processArguments'],
    [parser, 'processComment'],
    [textDocument, 'getLineOffsets'],
  ] as const;
  const linear = swapped.map(([prototype, name]) => prototype[name]);
  for (const [prototype, name] of swapped) prototype[name] = ORIGINAL[name];
  try {
    return parse();
  } finally {
    for (const [index, [prototype, name]] of swapped.entries()) prototype[name] = linear[index];
  }
}

const argumentsOf = (args: { getValue(): string; getRange(): unknown }[]) => args.map((arg) => [arg.getValue(), arg.getRange()]);

describe('dockerfile-ast, read in linear time', () => {
  it.each([...texts, ...benchTexts])('%s: the same arguments and the same comments per stage', (_name, text) => {
    const dockerfile = parseDockerfile(text);
    for (const instruction of dockerfile.getInstructions()) {
      const raw = instruction as unknown as { getRawArguments(): ReturnType<Instruction['getArguments']> };
      expect(argumentsOf(raw.getRawArguments())).toEqual(argumentsOf(ORIGINAL.getRawArguments.call(instruction) as ReturnType<Instruction['getArguments']>));
      // Each caller gets its own array: dockerfile-ast shifts the flags off it.
      expect(raw.getRawArguments()).not.toBe(raw.getRawArguments());
      const reads = instruction as unknown as Record<keyof typeof ORIGINAL, () => unknown>;
      for (const read of ['getTextContent', 'getArgumentsRanges', 'getHeredocs', 'getRawArgumentsContent', 'getArgumentsContent', 'getKeyword'] as const) {
        expect([read, reads[read]()]).toEqual([read, ORIGINAL[read].call(instruction)]);
      }
      expect(reads.getHeredocs()).not.toBe(reads.getHeredocs());
      if ('getPropertyArguments' in instruction) {
        expect(argumentsOf(reads.getPropertyArguments() as ReturnType<Instruction['getArguments']>)).toEqual(
          argumentsOf(ORIGINAL.getPropertyArguments.call(instruction) as ReturnType<Instruction['getArguments']>),
        );
      }
    }
    for (const comment of dockerfile.getComments()) {
      expect(comment.getTextContent()).toBe(ORIGINAL.getTextContent.call(comment));
      expect(comment.getContent()).toBe(ORIGINAL.getContent.call(comment));
    }
    const original = withOriginals(() => DockerfileParser.parse(text));
    expect(commentsByTemplate(dockerfile)).toEqual(commentsByTemplate(original));
    const shape = (parsed: Dockerfile) => parsed.getInstructions().map((instruction) => [instruction.getKeyword(), instruction.getRange(), argumentsOf(instruction.getArguments())]);
    expect(shape(dockerfile)).toEqual(shape(original));
  });
});

describe('line offsets', () => {
  it.each(texts)('%s: where each line starts, as vscode-languageserver-textdocument finds it', (_name, text) => {
    const document = (parseDockerfile(text) as unknown as { document: { _lineOffsets?: number[]; getLineOffsets(): number[] } }).document;
    expect(document.getLineOffsets()).toEqual(withOriginals(() => (document._lineOffsets = undefined, document.getLineOffsets())));
  });
});

describe('syntax validation over the parsed document', () => {
  it.each(texts)('%s: the errors dockerfile-utils validate() finds', (_name, text) => {
    const ours = syntaxProblems(buildModel(text))
      .filter((problem) => problem.severity === 1 && problem.code !== 'duplicate-stage')
      .map(({ code, message, line, character }) => ({ code, message, line, character }));
    const theirs = validate(text)
      .filter((diagnostic) => diagnostic.severity === 1 && diagnostic.code !== ValidationCode.DUPLICATE_BUILD_STAGE_NAME)
      .map((diagnostic) => ({
        code: diagnostic.code,
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        line: diagnostic.range.start.line,
        character: diagnostic.range.start.character,
      }));
    const key = (problem: { line: number; character: number; message: string }) => `${problem.line}:${problem.character}:${problem.message}`;
    expect([...ours].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...theirs].sort((a, b) => key(a).localeCompare(key(b))));
  });
});
