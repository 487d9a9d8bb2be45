/**
 * npm run bench:lint — lint 200 Dockerfiles in one process: the generator's output for every
 * supported combination and the rule fixtures, each with a build context and .dockerignore, in a
 * temporary workspace on disk. Measures the whole `dockwright lint` path (find files, load the
 * policy, read, lint, format) in-process, median of several runs; then `dockwright lint` as a user
 * runs it: the published package's bin (compiled, built here with scripts/build-package.mjs
 * --stage) as a process, startup included, over 200 distinct real-world Dockerfiles
 * (bench/fixtures/lint-real-200, the issue's goal), over the lint corpus (test/fixtures/lint/real)
 * cycled to 200 files, with the copies identical (models are kept by content) and made distinct; and
 * `dockwright lint --help` (Node and the lint command's modules, nothing linted). Rounds
 * alternate the order of the variants; CPU (user + system) comes from the kernel's accounting of
 * waited-for children, which other load disturbs less than wall time. The split of the real
 * files' time (parse and rules vs output) is measured in-process on a cold start of the rules.
 *
 *   BENCH_BEFORE=<commit> npm run bench:lint also builds that commit's package (git archive) and
 *   runs it in the same rounds, side by side.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { plan } from '../generators/src/core/plan.js';
import { resolveSpec, workspaceDefaults } from '../generators/src/core/spec.js';
import { supportedCombinations } from '../generators/src/core/stacks.js';
import type { WorkspaceReader } from '../generators/src/core/workspace.js';
import { expandFiles } from '../generators/src/lint/files.js';
import { formatReport } from '../generators/src/lint/format/index.js';
import { FsReader } from '../generators/src/lint/fs-reader.js';
import { RULES } from '../generators/src/lint/rules/index.js';
import { lintFiles } from '../generators/src/lint/run.js';
import { totalsOf } from '../generators/src/lint/types.js';
import { loadPolicy } from '../generators/src/policy/load.js';
import { LINT_V8_FLAGS } from '../generators/bin/lint-v8-flags.js';
import { childrenCpu, median, seconds, timed } from './median.js';

const FILES = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 9);
const TSX_RUNS = Number(process.env.BENCH_TSX_RUNS ?? 3);
const BEFORE = process.env.BENCH_BEFORE;
const repoRoot = new URL('..', import.meta.url).pathname;
const fixtures = join(repoRoot, 'test/lint/fixtures/rules');
const DOCKERIGNORE = '.git\nnode_modules\n.env\n.env.*\n';

const empty: WorkspaceReader = { exists: () => false, read: () => undefined, children: () => [] };

/** Dockerfile and .dockerignore pairs: generated ones first, then the fixtures. */
function corpus(): { dockerfile: string; dockerignore: string }[] {
  const generated = supportedCombinations().map((combination) => {
    const { spec } = resolveSpec({ name: 'svc', mode: 'new', ...combination }, workspaceDefaults(empty));
    const content = (path: string) => plan(spec, empty).changes.find((change) => change.path === path)!.content;
    return { dockerfile: content('docker/svc.Dockerfile'), dockerignore: content('packages/svc/.dockerignore') };
  });
  const handWritten = readdirSync(fixtures)
    .filter((file) => file.endsWith('.Dockerfile'))
    .map((file) => ({ dockerfile: readFileSync(join(fixtures, file), 'utf8'), dockerignore: DOCKERIGNORE }));
  return [...generated, ...handWritten];
}

function workspace(): { root: string; generated: number } {
  const root = mkdtempSync(join(tmpdir(), 'dockwright-bench-lint-'));
  const sources = corpus();
  for (let index = 0; index < FILES; index += 1) {
    const source = sources[index % sources.length]!;
    const name = `svc-${String(index).padStart(3, '0')}`;
    for (const [path, content] of [
      [`docker/${name}.Dockerfile`, source.dockerfile],
      [`packages/${name}/.dockerignore`, source.dockerignore],
    ] as const) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  }
  return { root, generated: supportedCombinations().length };
}

/** What `dockwright lint` does after startup. */
function lintWorkspace(root: string) {
  const reader = new FsReader(root);
  const results = lintFiles(expandFiles([], root), reader, { policy: loadPolicy(reader) });
  formatReport('human', results, { color: false, maxWarnings: undefined });
  return results;
}

/** CPU seconds (user + system) one in-process lint takes: less sensitive than wall time to other load. */
function cpuSeconds(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

const { root, generated } = workspace();
const first = await timed(async () => lintWorkspace(root));
const times: number[] = [];
const cpu: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  times.push(await timed(async () => lintWorkspace(root)));
  cpu.push(cpuSeconds(() => lintWorkspace(root)));
}
const results = lintWorkspace(root);
const totals = totalsOf(results);
const lines = results.reduce((sum, result) => sum + readFileSync(join(root, result.file), 'utf8').split('\n').length, 0);

const REAL_CORPUS = join(repoRoot, 'test/fixtures/lint/real');
/** 200 distinct real-world Dockerfiles (bench/fixtures/lint-real-200/manifest.json names their repository, commit and path). */
const REAL_200 = join(repoRoot, 'bench/fixtures/lint-real-200');

/** A set of real Dockerfiles cycled to FILES Dockerfiles (the 200-file set is linted as it is). */
function realWorkspace(dir: string, distinct = false): { root: string; sources: number } {
  const root = mkdtempSync(join(tmpdir(), 'dockwright-bench-real-'));
  const sources = readdirSync(dir).filter((file) => file.endsWith('.Dockerfile')).sort();
  mkdirSync(join(root, 'docker'), { recursive: true });
  for (let index = 0; index < FILES; index += 1) {
    const text = readFileSync(join(dir, sources[index % sources.length]!), 'utf8');
    // distinct: a last comment line makes each copy's content unique, so no model is reused.
    writeFileSync(join(root, `docker/real-${String(index).padStart(3, '0')}.Dockerfile`), distinct ? `${text}\n# copy ${index}\n` : text);
  }
  return { root, sources: sources.length };
}

/** The published package built from the working tree, or from a commit; its imports resolve to this workspace's node_modules. */
function stagedPackage(label: string, commit?: string): string {
  const cache = join(repoRoot, 'node_modules/.cache/dockwright-bench-lint');
  const source = join(cache, `${label}-source`);
  rmSync(join(cache, label), { recursive: true, force: true });
  rmSync(source, { recursive: true, force: true });
  let builder = join(repoRoot, 'scripts/build-package.mjs');
  if (commit) {
    mkdirSync(source, { recursive: true });
    execFileSync('sh', ['-c', `git -C "${repoRoot}" archive "${commit}" generators templates scripts | tar -x -C "${source}"`]);
    builder = join(source, 'scripts/build-package.mjs');
  }
  execFileSync(process.execPath, [builder, '--stage', join(cache, label)], { stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } });
  return join(cache, label);
}

interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

async function sample(bin: string, args: readonly string[], cwd: string, env: Record<string, string | undefined> = { NODE_OPTIONS: '' }): Promise<Sample> {
  const cpuBefore = childrenCpu() ?? 0;
  const wall = await timed(() => execa(process.execPath, [bin, ...args], { cwd, reject: false, env }));
  return { wall, cpu: (childrenCpu() ?? 0) - cpuBefore };
}

/**
 * What one `dockwright lint --format json` process spends where, with the package's own lint
 * command (one bundled module, scripts/build-package.mjs) and the bin's V8 flags (ms).
 */
const PHASES = String.raw`
const cpu = () => { const used = process.cpuUsage(); return (used.user + used.system) / 1000; };
const marks = [[performance.now(), cpu()]];
const mark = () => marks.push([performance.now(), cpu()]);
const { lintCommand } = await import(process.argv[1] + '/cli/lint-command.js');
mark();
await lintCommand.run(['--format', 'json']);
mark();
process.stdout.write('', () => {
  mark();
  const phase = (index) => index === 0 ? marks[0] : [marks[index][0] - marks[index - 1][0], marks[index][1] - marks[index - 1][1]];
  console.error(JSON.stringify(Object.fromEntries(['node', 'modules', 'lint', 'write'].map((name, index) => [name, phase(index)]))));
});
`;
/** Per phase: [wall ms, CPU ms]. */
type Phases = Record<'node' | 'modules' | 'lint' | 'write', readonly [number, number]>;

async function phases(dist: string, cwd: string): Promise<Phases> {
  const run = await execa(process.execPath, [LINT_V8_FLAGS, '--input-type=module', '-e', PHASES, pathToFileURL(dist).href], { cwd, env: { NODE_OPTIONS: '' } });
  return JSON.parse(run.stderr.trim().split('\n').at(-1)!) as Phases;
}

const real200 = realWorkspace(REAL_200);
const real = realWorkspace(REAL_CORPUS);
const realDistinct = realWorkspace(REAL_CORPUS, true);
const packages = [{ label: 'now', dir: stagedPackage('now') }, ...(BEFORE ? [{ label: `before (${BEFORE})`, dir: stagedPackage('before', BEFORE) }] : [])];
const jsonArgs = ['lint', '--format', 'json'];
/** Node's start reads NODE_EXTRA_CA_CERTS' bundle when it is set (~80 ms on this machine, which sets it for its proxy); a default install has none. */
const withoutExtraCa = { NODE_OPTIONS: '', NODE_EXTRA_CA_CERTS: undefined };
const cases: { what: string; root: string; args: readonly string[]; goal: string; env?: Record<string, string | undefined> }[] = [
  { what: `\`dockwright lint\` over ${real200.sources} distinct real-world Dockerfiles (bench/fixtures/lint-real-200)`, root: real200.root, args: jsonArgs, goal: '≤ 1 s' },
  ...(process.env.NODE_EXTRA_CA_CERTS ? [{ what: 'the same without NODE_EXTRA_CA_CERTS (set on this machine: Node loads its CA bundle at start)', root: real200.root, args: jsonArgs, goal: '', env: withoutExtraCa }] : []),
  { what: 'the same in one thread (DOCKWRIGHT_LINT_THREADS=1)', root: real200.root, args: jsonArgs, goal: '', env: { NODE_OPTIONS: '', DOCKWRIGHT_LINT_THREADS: '1' } },
  { what: `the same over the lint corpus's ${real.sources} real Dockerfiles cycled to ${FILES}`, root: real.root, args: jsonArgs, goal: '' },
  { what: 'the same, each copy made distinct (no model reused)', root: realDistinct.root, args: jsonArgs, goal: '' },
  { what: "`dockwright lint --help`: Node and the lint command's modules, nothing linted", root: real.root, args: ['lint', '--help'], goal: '' },
];
const samples = new Map<string, Sample[]>();
const phaseSamples: Phases[][] = [[], []];
const loads: number[] = [];
for (let round = 0; round < CLI_RUNS; round += 1) {
  for (const pkg of round % 2 === 0 ? packages : [...packages].reverse()) {
    for (const [index, { root, args, env }] of cases.entries()) {
      const key = `${pkg.label}:${index}`;
      samples.set(key, [...(samples.get(key) ?? []), await sample(join(pkg.dir, 'bin/dockwright.js'), args, root, env)]);
    }
  }
  for (const [index, root] of [real200.root, real.root].entries()) phaseSamples[index]!.push(await phases(join(packages[0]!.dir, 'dist'), root));
  loads.push(loadavg()[0]!);
}
const tsxCli: number[] = [];
for (let run = 0; run < TSX_RUNS; run += 1) {
  const tsx = { NODE_OPTIONS: `--import ${join(repoRoot, 'node_modules/tsx/dist/loader.mjs')}` };
  tsxCli.push((await sample(join(repoRoot, 'generators/bin/dockwright.js'), jsonArgs, real.root, tsx)).wall);
}

const stats = (values: readonly number[]) => `${seconds(median(values))} | ${seconds(Math.min(...values))} | ${seconds(Math.max(...values))}`;
const cliRows = cases.flatMap(({ what, goal }, index) =>
  packages.map(({ label }, order) => {
    const runs = samples.get(`${label}:${index}`)!;
    return `| ${order === 0 ? what : '″'} | ${label} | ${runs.length} | ${stats(runs.map((run) => run.wall))} | ${seconds(median(runs.map((run) => run.cpu)))} | ${order === 0 ? goal : ''} |`;
  }),
);
const phaseRows = ['200 distinct', 'corpus cycled'].map((label, index) => {
  const runs = phaseSamples[index]!;
  const of = (key: keyof Phases) => `${Math.round(median(runs.map((run) => run[key][0])))} / ${Math.round(median(runs.map((run) => run[key][1])))} ms`;
  return `| ${label} | ${runs.length} | ${of('node')} | ${of('modules')} | ${of('lint')} | ${of('write')} |`;
});

const report = `# bench:lint

\`dockwright lint\` over ${FILES} Dockerfiles (${lines} lines) in one process: the generator's output for
all ${generated} supported combinations and the rule fixtures, cycled to ${FILES}, each with its
build context and .dockerignore, in a temporary workspace on disk. The in-process figure covers
finding the files, loading the policy, reading, linting (all ${RULES.length} rules) and formatting; it found
${totals.errors} errors and ${totals.warnings} warnings (the fixtures fail on purpose).
Machine: ${cpus().length} cores, other work running (load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} over the process rounds), Node ${process.version}. Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:lint\`${BEFORE ? ` (BENCH_BEFORE=${BEFORE})` : ''}.

| what | runs | median | min | max | goal |
|---|---|---|---|---|---|
| lint ${FILES} files, in-process | ${RUNS} | ${seconds(median(times))} | ${seconds(Math.min(...times))} | ${seconds(Math.max(...times))} | |
| the same, CPU time (user + system) | ${RUNS} | ${seconds(median(cpu))} | ${seconds(Math.min(...cpu))} | ${seconds(Math.max(...cpu))} | |
| the same, first run (cold JIT) | 1 | ${seconds(first)} | | | |

Per file (median): ${((median(times) / FILES) * 1000).toFixed(2)} ms in-process, warm.

## \`dockwright lint\` as a user runs it

The published package (\`bin/dockwright.js\` → \`dist/\`, built with \`scripts/build-package.mjs
--stage\`), one process per run, JSON to a pipe, startup included; rounds alternate${BEFORE ? ` this tree and ${BEFORE}` : ''}.
CPU is user + system of the process (its compiler and GC threads included).

| what | package | runs | wall median | min | max | CPU median | goal |
|---|---|---|---|---|---|---|---|
${cliRows.join('\n')}
| the cycled set from source in this repository (TypeScript through tsx) | source | ${TSX_RUNS} | ${stats(tsxCli)} | | |

Where one such process's time goes (wall / CPU, medians, this tree's package): "node" is Node's
start until the first line runs, "modules" loading the lint command (one bundled module), "lint"
the command's run: finding and reading the files, the policy, parsing, every rule and the JSON
report, "write" the rest of the report reaching the pipe.

| real files | runs | node | modules | lint | write |
|---|---|---|---|---|---|
${phaseRows.join('\n')}
`;
mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench/results/lint.md'), report);
console.log(report);
