/**
 * npm run bench:shell — the linter's hand-written shell tokenizer (`shellCommands` in
 * generators/src/lint/shell.ts) side by side with two maintained parsers, mvdan-sh (mvdan/sh, the
 * parser behind shfmt, compiled to JavaScript by GopherJS) and sh-syntax (the same parser compiled
 * to WebAssembly), on every shell-form RUN script of the real Dockerfiles
 * (bench/fixtures/lint-real-200 and test/fixtures/lint/real), taken from the linter's own model as
 * its rules read them. Measures each library's load time in a fresh process, the time to parse
 * every script (medians over rounds, the first round cold), and whether mvdan-sh finds the same
 * commands as the tokenizer. Writes bench/results/shell-parsers.md.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JSONInstruction } from 'dockerfile-ast';
import { execa } from 'execa';
import { heredocScript } from '../generators/src/lint/heredoc.js';
import { buildModel, writtenRuns } from '../generators/src/lint/model.js';
import { execCommands, isPosixShell, shellCommands, shellOf } from '../generators/src/lint/shell.js';
import { argumentsText } from '../generators/src/lint/source-text.js';
import { median, timed } from './median.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** sh-syntax takes ~10 ms a script: fewer rounds. */
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 3);
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 7);
const EXAMPLES = 15;
const repoRoot = new URL('..', import.meta.url).pathname;
const CORPORA = [
  { label: 'lint-real-200', dir: join(repoRoot, 'bench/fixtures/lint-real-200') },
  { label: 'lint/real', dir: join(repoRoot, 'test/fixtures/lint/real') },
];

interface Script {
  readonly corpus: string;
  /** file:line of the RUN (or of the ONBUILD holding it). */
  readonly where: string;
  readonly text: string;
  /** The RUN's shell is sh itself, not bash or another shell with bash's syntax. */
  readonly plainSh: boolean;
}

/** Every shell-form RUN script under a POSIX shell, as `runCommands` reads it. */
function scripts(): Script[] {
  return CORPORA.flatMap(({ label, dir }) =>
    readdirSync(dir)
      .filter((file) => file.endsWith('.Dockerfile'))
      .sort()
      .flatMap((file) => {
        const model = buildModel(readFileSync(join(dir, file), 'utf8'));
        return [...writtenRuns(model)].flatMap(({ run, at }) => {
          if (((run as JSONInstruction).getJSONStrings?.() ?? []).length > 0) return [];
          const shell = shellOf(run);
          if (!isPosixShell(shell)) return [];
          const text = heredocScript(argumentsText(run));
          const plainSh = /^(?:.*\/)?sh$/.test(shell[0] ?? '');
          return [{ corpus: label, where: `${file}:${at.getRange().start.line + 1}`, text, plainSh }];
        });
      }),
  );
}

// mvdan-sh ships no types: the few members used here.
interface MvdanPos {
  Offset(): number;
}
interface MvdanPart {
  readonly Value?: string;
  readonly Parts?: readonly MvdanPart[];
}
interface MvdanWord {
  readonly Parts: readonly MvdanPart[];
  Pos(): MvdanPos;
}
interface MvdanSyntax {
  NewParser(...options: unknown[]): { Parse(src: string, name: string): unknown };
  Variant(language: unknown): unknown;
  KeepComments(keep: boolean): unknown;
  readonly LangBash: unknown;
  readonly LangPOSIX: unknown;
  Walk(node: unknown, visit: (node: unknown) => boolean): void;
  NodeType(node: unknown): string;
}
/** What mvdan-sh throws on a syntax error (a Go syntax.ParseError). */
interface MvdanError {
  Error(): string;
}

const require = createRequire(import.meta.url);
const MVDAN_PATH = require.resolve('mvdan-sh');
const SH_SYNTAX_URL = pathToFileURL(join(repoRoot, 'node_modules/sh-syntax/lib/index.js')).href;

/** How a command name that is not a plain literal (it holds `$…`, `$(…)`, `` `…` ``) is compared. */
const EXPANSION = '<expansion>';
const ourName = (word: string | undefined) => (word === undefined ? '' : /[$`]/.test(word) ? EXPANSION : word);

/** A word's value once quotes and escapes are removed, or EXPANSION when any part of it is expanded. */
function mvdanWord(syntax: MvdanSyntax, word: MvdanWord): string {
  let value = '';
  for (const part of word.Parts) {
    const type = syntax.NodeType(part);
    if (type === 'Lit') value += part.Value!.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
    else if (type === 'SglQuoted') value += part.Value!;
    else if (type === 'DblQuoted' && part.Parts!.every((inner) => syntax.NodeType(inner) === 'Lit')) {
      value += part.Parts!.map((inner) => inner.Value!.replace(/\\\n/g, '').replace(/\\([\\"$`])/g, '$1')).join('');
    } else return EXPANSION;
  }
  return value;
}

/** The words of every simple command (CallExpr, and the builtins `export`/`local`… and `[[ ]]`) in the script, in source order. */
function mvdanCalls(syntax: MvdanSyntax, parser: { Parse(src: string, name: string): unknown }, script: string): string[][] {
  const calls: { offset: number; words: string[] }[] = [];
  syntax.Walk(parser.Parse(script, 'RUN'), (node) => {
    const type = node ? syntax.NodeType(node) : '';
    if (type === 'CallExpr') {
      const args = (node as { Args: readonly MvdanWord[] }).Args;
      if (args.length > 0) calls.push({ offset: args[0]!.Pos().Offset(), words: args.map((word) => mvdanWord(syntax, word)) });
    } else if (type === 'DeclClause') {
      // `export`, `local`, `declare`…: builtins the tokenizer sees as commands, a node of their own here.
      const variant = (node as { Variant: { Value: string; Pos(): MvdanPos } }).Variant;
      calls.push({ offset: variant.Pos().Offset(), words: [variant.Value] });
    } else if (type === 'TestClause') calls.push({ offset: (node as { Pos(): MvdanPos }).Pos().Offset(), words: ['[['] });
    return true;
  });
  return calls.sort((a, b) => a.offset - b.offset).map((call) => call.words);
}

/** Stands for a `sh -c` script in the linter's unwrap, so that mvdan-sh parses the script itself. */
const INNER_SCRIPT = 'INNER_SCRIPT_FOR_MVDAN';

/** Command names of mvdan-sh's calls, with the linter's own unwrap of `sudo`, `env`, `VAR=x`, `exec`… */
function mvdanNames(syntax: MvdanSyntax, parser: { Parse(src: string, name: string): unknown }, script: string): string[] {
  return mvdanCalls(syntax, parser, script).flatMap((words) => {
    const dashC = words.indexOf('-c');
    const inner = dashC === -1 ? undefined : words[dashC + 1];
    const argv = inner === undefined || inner === EXPANSION ? words : words.map((word, index) => (index === dashC + 1 ? INNER_SCRIPT : word));
    return execCommands(argv).flatMap(({ argv: [name] }) => (name === INNER_SCRIPT ? mvdanNames(syntax, parser, inner!) : [name ?? '']));
  });
}

const errorText = (error: unknown) => (typeof (error as MvdanError).Error === 'function' ? (error as MvdanError).Error() : String((error as Error).message ?? error));

interface Load {
  readonly wall: number;
  readonly import: number;
  readonly first: number;
}

/** Each child times its import and first parse itself; the parent times the whole process. */
const CHILDREN: Record<string, { code: string; target: string }> = {
  empty: { code: 'console.log(JSON.stringify({ import: 0, first: 0 }));', target: '' },
  'mvdan-sh': {
    code: `import { createRequire } from 'node:module';
const start = performance.now();
const { syntax } = createRequire(process.argv[1])(process.argv[1]);
const loaded = performance.now();
syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse('true', 'RUN');
console.log(JSON.stringify({ import: loaded - start, first: performance.now() - loaded }));`,
    target: MVDAN_PATH,
  },
  'sh-syntax': {
    code: `const start = performance.now();
const { parse } = await import(process.argv[1]);
const loaded = performance.now();
await parse('true');
console.log(JSON.stringify({ import: loaded - start, first: performance.now() - loaded }));`,
    target: SH_SYNTAX_URL,
  },
};

async function load(name: string): Promise<Load> {
  const { code, target } = CHILDREN[name]!;
  let stdout = '';
  const wall = await timed(async () => {
    stdout = (await execa(process.execPath, ['--input-type=module', '-e', code, target], { env: { NODE_OPTIONS: '' } })).stdout;
  });
  const phases = JSON.parse(stdout) as { import: number; first: number };
  return { wall: wall * 1000, ...phases };
}

interface Parser {
  readonly name: string;
  readonly rounds: number;
  /** Parses one script; false when the library rejects it. */
  parse(script: string): boolean | Promise<boolean>;
}

const loadAverages = [loadavg()[0]!];
const inputs = scripts();
const syntax = (require(MVDAN_PATH) as { syntax: MvdanSyntax }).syntax;
const bashParser = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
const posixParser = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangPOSIX));
const shSyntax = (await import(SH_SYNTAX_URL)) as typeof import('sh-syntax');

const parsers: Parser[] = [
  {
    name: 'tokenizer (shellCommands)',
    rounds: RUNS,
    parse: (script) => {
      shellCommands(script);
      return true;
    },
  },
  {
    name: 'mvdan-sh 0.10.1 (LangBash)',
    rounds: RUNS,
    parse: (script) => {
      try {
        mvdanCalls(syntax, bashParser, script);
        return true;
      } catch {
        return false;
      }
    },
  },
  {
    name: 'sh-syntax 0.7.0 (LangBash)',
    rounds: SLOW_RUNS,
    parse: async (script) => {
      try {
        await shSyntax.parse(script, { keepComments: false, variant: shSyntax.LangVariant.LangBash });
        return true;
      } catch {
        return false;
      }
    },
  },
];

// Load times: one fresh process per library and round, the order alternating.
const loads = new Map<string, Load[]>(Object.keys(CHILDREN).map((name) => [name, []]));
for (let round = 0; round < LOAD_RUNS; round += 1) {
  const names = Object.keys(CHILDREN);
  for (const name of round % 2 === 0 ? names : names.reverse()) loads.get(name)!.push(await load(name));
}
loadAverages.push(loadavg()[0]!);

// Parse times: per round, every script through each parser (the order alternating); round 1 is cold.
/** seconds[parser][round][script] */
const seconds = parsers.map(() => [] as number[][]);
const rejected = parsers.map(() => new Set<number>());
for (let round = 0; round < RUNS; round += 1) {
  const order = parsers.map((_, index) => index);
  for (const index of round % 2 === 0 ? order : order.reverse()) {
    const parser = parsers[index]!;
    if (round >= parser.rounds) continue;
    const times: number[] = [];
    for (const [scriptIndex, script] of inputs.entries()) {
      const start = process.hrtime.bigint();
      const accepted = await parser.parse(script.text);
      times.push(Number(process.hrtime.bigint() - start) / 1e9);
      if (!accepted) rejected[index]!.add(scriptIndex);
    }
    seconds[index]!.push(times);
  }
  loadAverages.push(loadavg()[0]!);
}

// Agreement: the command names each finds, script by script.
interface Difference {
  readonly script: Script;
  readonly ours: readonly string[];
  readonly mvdan: readonly string[];
  readonly onlyOurs: readonly string[];
  readonly onlyMvdan: readonly string[];
}
/** What is in `a` and not in `b`, counting repeats. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  return a.filter((name) => {
    const at = left.indexOf(name);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
}
let agree = 0;
const differences: Difference[] = [];
const mvdanFailures: { script: Script; error: string }[] = [];
const bashOnlyUnderSh: { script: Script; error: string }[] = [];
for (const script of inputs) {
  const ours = shellCommands(script.text).map(({ argv }) => ourName(argv[0]));
  let mvdan: string[];
  try {
    mvdan = mvdanNames(syntax, bashParser, script.text);
  } catch (error) {
    mvdanFailures.push({ script, error: errorText(error) });
    continue;
  }
  if (script.plainSh) {
    try {
      posixParser.Parse(script.text, 'RUN');
    } catch (error) {
      bashOnlyUnderSh.push({ script, error: errorText(error) });
    }
  }
  if (ours.length === mvdan.length && ours.every((name, index) => name === mvdan[index])) agree += 1;
  else differences.push({ script, ours, mvdan, onlyOurs: minus(ours, mvdan), onlyMvdan: minus(mvdan, ours) });
}
const sameNamesOtherOrder = differences.filter((difference) => difference.onlyOurs.length === 0 && difference.onlyMvdan.length === 0).length;

/** Names found by one side only, over every differing script, most frequent first. */
function tally(lists: readonly (readonly string[])[]): string {
  const counts = new Map<string, number>();
  for (const name of lists.flat()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 12)
    .map(([name, count]) => `\`${name === '' ? '(empty)' : name}\` ×${count}`)
    .join(', ');
}

/** One example per kind of difference (the names only one side finds), the most frequent kinds first. */
function examples(): Difference[] {
  const kinds = new Map<string, Difference[]>();
  for (const difference of differences) {
    const kind = `${[...new Set(difference.onlyOurs)].sort().join(' ')}|${[...new Set(difference.onlyMvdan)].sort().join(' ')}`;
    kinds.set(kind, [...(kinds.get(kind) ?? []), difference]);
  }
  return [...kinds.values()]
    .sort((a, b) => b.length - a.length)
    .slice(0, EXAMPLES)
    .map((kind) => kind[0]!);
}

const ms = (value: number) => `${(value * 1000).toFixed(1)} ms`;
const us = (value: number) => `${(value * 1e6).toFixed(0)} µs`;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const real200 = inputs.flatMap((script, index) => (script.corpus === 'lint-real-200' ? [index] : []));
/** Where two sequences first differ. */
const firstDifference = (a: readonly string[], b: readonly string[]) => {
  const index = a.findIndex((name, at) => name !== b[at]);
  return index === -1 ? Math.min(a.length, b.length) : index;
};
/** A sequence from a few names before `from` (where the two differ), as a table cell. */
const sequence = (names: readonly string[], from: number) => {
  const start = Math.max(0, from - 3);
  const text = `${start > 0 ? '… ' : ''}${names.slice(start).map((name) => (name === '' ? '(empty)' : name)).join(' ')}`;
  // A table cell: its pipes escaped.
  return `\`${(text.length > 160 ? `${text.slice(0, 160)}…` : text).replaceAll('|', '\\|')}\``;
};
const loadLabel: Record<string, string> = { 'mvdan-sh': parsers[1]!.name, 'sh-syntax': parsers[2]!.name };
const emptyWall = median(loads.get('empty')!.map((sample) => sample.wall));
const loadMs = (name: string) => (name in loadLabel ? median(loads.get(name)!.map((sample) => sample.import)) / 1000 : 0);
const loadKey = (index: number) => ['', 'mvdan-sh', 'sh-syntax'][index]!;
const corpusCounts = CORPORA.map(({ label }) => `${inputs.filter((script) => script.corpus === label).length} from ${label}`).join(', ');

const report = [
  '# bench:shell',
  '',
  `The linter's shell tokenizer (\`shellCommands\`: \`tokenize\` + \`commandsOf\` in generators/src/lint/shell.ts)`,
  'side by side with two maintained shell parsers: mvdan-sh (mvdan/sh, the parser behind shfmt, compiled to',
  'JavaScript by GopherJS) and sh-syntax (the same parser compiled to WebAssembly; async only).',
  `Inputs: every shell-form RUN script under a POSIX shell, ${inputs.length} scripts (${corpusCounts}), taken with the`,
  "linter's own model as the rules read them (`buildModel`, `writtenRuns`, `heredocScript(argumentsText(run))`:",
  "comment lines inside a RUN's continuation dropped, as Docker drops them; RUNs under a non-POSIX SHELL",
  'skipped as `runCommands` does).',
  `Machine: ${cpus().length} cores, other work running (load average ${Math.min(...loadAverages).toFixed(1)}–${Math.max(...loadAverages).toFixed(1)} over the rounds), Node ${process.version}. Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:shell\`.`,
  '',
  '## Load',
  '',
  `A fresh \`node\` process per library and round (${LOAD_RUNS} rounds, the order alternating): the library's`,
  'import and its first parse (of `true`) timed in the process, and the whole process against an empty one.',
  'The tokenizer is part of the lint module every run loads: nothing extra.',
  '',
  '| library | import (median) | first parse (median) | process wall − empty process (median) |',
  '|---|---|---|---|',
  ...['mvdan-sh', 'sh-syntax'].map((name) => {
    const samples = loads.get(name)!;
    return `| ${loadLabel[name]} | ${ms(loadMs(name))} | ${ms(median(samples.map((sample) => sample.first)) / 1000)} | ${ms((median(samples.map((sample) => sample.wall)) - emptyWall) / 1000)} |`;
  }),
  '',
  `Empty process: ${ms(emptyWall / 1000)} (median).`,
  '',
  '## Parse',
  '',
  `Each script parsed one at a time (the tokenizer and mvdan-sh also collect the simple commands; sh-syntax's`,
  `\`parse\` awaited), ${RUNS} rounds (sh-syntax ${SLOW_RUNS}: it instantiates its WebAssembly module on every call),`,
  'the order alternating; round 1 is the cold one (JIT not warmed). Per script: each script\'s median over the',
  'rounds, then the median (and 90th percentile) over the scripts. A 200-file lint pays, per library, its import',
  `and one cold pass over the ${real200.length} scripts of bench/fixtures/lint-real-200 (the speed goal for the whole CLI process is ≤ 1 s).`,
  '',
  '| parser | per script, median | p90 | all scripts, warm (median of rounds) | all scripts, round 1 (cold) | rejected | a 200-file lint pays |',
  '|---|---|---|---|---|---|---|',
  ...parsers.map((parser, index) => {
    const rounds = seconds[index]!;
    const perScript = inputs.map((_, scriptIndex) => median(rounds.map((round) => round[scriptIndex]!))).sort((a, b) => a - b);
    const warm = rounds.length > 1 ? median(rounds.slice(1).map(sum)) : sum(rounds[0]!);
    const pays = loadMs(loadKey(index)) + sum(real200.map((scriptIndex) => rounds[0]![scriptIndex]!));
    return `| ${parser.name} | ${us(median(perScript))} | ${us(perScript[Math.floor(perScript.length * 0.9)]!)} | ${ms(warm)} | ${ms(sum(rounds[0]!))} | ${rejected[index]!.size} | ${ms(pays)} |`;
  }),
  '',
  '## Agreement (tokenizer vs mvdan-sh)',
  '',
  'For each script, the sequence of command names (argv[0]) each finds. The tokenizer\'s are `shellCommands`\'',
  "commands; mvdan-sh's are its CallExpr nodes with arguments, in source order (so `$(…)` and backquotes",
  "count where they are written), passed through the linter's own unwrap (`execCommands`: `sudo`, `env`,",
  '`exec`, `VAR=x`… dropped), a `sh -c` script parsed by mvdan-sh itself. Quotes and escapes are removed on',
  `both sides. A name that is not a plain literal compares as \`${EXPANSION}\`: on mvdan-sh's side a word with any`,
  'expansion part, on the tokenizer\'s a word holding `$` or a backquote. Compound commands (`for`, `case`,',
  '`[[ ]]`, functions) are not CallExpr nodes: what the tokenizer makes of their keywords shows as a difference.',
  'sh-syntax is the same parser, but its JavaScript AST keeps only each statement\'s position (no command nodes),',
  'so it is compared on which scripts it rejects.',
  '',
  '| | scripts |',
  '|---|---|',
  `| parsed by mvdan-sh (LangBash) | ${inputs.length - mvdanFailures.length} |`,
  `| same command names, same order | ${agree} |`,
  `| different | ${differences.length} (of which the same names in another order: ${sameNamesOtherOrder}) |`,
  `| rejected by mvdan-sh (LangBash) | ${mvdanFailures.length} |`,
  `| rejected by sh-syntax (LangBash) | ${rejected[2]!.size} (also rejected by mvdan-sh: ${[...rejected[2]!].filter((index) => rejected[1]!.has(index)).length}) |`,
  `| run by plain \`sh\`, parsed as bash but rejected by mvdan-sh's LangPOSIX (bash-only syntax under sh) | ${bashOnlyUnderSh.length} |`,
  '',
  `Names found only by the tokenizer, over the differing scripts: ${tally(differences.map((difference) => difference.onlyOurs)) || 'none'}.`,
  '',
  `Names found only by mvdan-sh: ${tally(differences.map((difference) => difference.onlyMvdan)) || 'none'}.`,
  '',
  `### Differences, one example per kind (up to ${EXAMPLES})`,
  '',
  '| where | tokenizer | mvdan-sh |',
  '|---|---|---|',
  ...examples().map(({ script, ours, mvdan }) => {
    const from = firstDifference(ours, mvdan);
    return `| ${script.where} | ${sequence(ours, from)} | ${sequence(mvdan, from)} |`;
  }),
  '',
  '### Rejected by mvdan-sh',
  '',
  ...(mvdanFailures.length === 0 ? ['None.'] : mvdanFailures.map(({ script, error }) => `- ${script.where}: ${error.replace(/^RUN:/, 'line ')}`)),
  '',
  '### Bash-only syntax under sh (first 10)',
  '',
  ...(bashOnlyUnderSh.length === 0 ? ['None.'] : bashOnlyUnderSh.slice(0, 10).map(({ script, error }) => `- ${script.where}: ${error.replace(/^RUN:/, 'line ')}`)),
  '',
].join('\n');

writeFileSync(join(repoRoot, 'bench/results/shell-parsers.md'), report);
process.stdout.write(report);
