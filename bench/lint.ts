/**
 * npm run bench:lint — lint 200 Dockerfiles in one process: the generator's output for every
 * supported combination and the rule fixtures, each with a build context and .dockerignore, in a
 * temporary workspace on disk. Measures the whole `dockwright lint` path (find files, load the
 * policy, read, lint, format) in-process, median of several runs; and, for reference, the CLI
 * as a process, startup included; and one `dockwright lint` process over the real corpus
 * (test/fixtures/lint/real) cycled to 200 files, startup included, with the copies identical (models are
 * kept by content) and made distinct. Writes bench/results/lint.md.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
import { median, seconds, timed } from './median.js';

const FILES = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);
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

const cli: number[] = [];
for (let run = 0; run < CLI_RUNS; run += 1) {
  cli.push(
    await timed(() =>
      execa(process.execPath, [join(repoRoot, 'generators/bin/dockwright.js'), 'lint'], {
        cwd: root,
        reject: false,
        env: { NODE_OPTIONS: `--import ${join(repoRoot, 'node_modules/tsx/dist/loader.mjs')}` },
      }),
    ),
  );
}

/** The real corpus cycled to FILES Dockerfiles, linted by one CLI process. */
function realWorkspace(distinct = false): { root: string; sources: number } {
  const root = mkdtempSync(join(tmpdir(), 'dockwright-bench-real-'));
  const dir = join(repoRoot, 'test/fixtures/lint/real');
  const sources = readdirSync(dir).filter((file) => file.endsWith('.Dockerfile')).sort();
  mkdirSync(join(root, 'docker'), { recursive: true });
  for (let index = 0; index < FILES; index += 1) {
    const text = readFileSync(join(dir, sources[index % sources.length]!), 'utf8');
    // distinct: a last comment line makes each copy's content unique, so no model is reused.
    writeFileSync(join(root, `docker/real-${String(index).padStart(3, '0')}.Dockerfile`), distinct ? `${text}\n# copy ${index}\n` : text);
  }
  return { root, sources: sources.length };
}

async function cliRuns(root: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < CLI_RUNS; run += 1) {
    times.push(
      await timed(() =>
        execa(process.execPath, [join(repoRoot, 'generators/bin/dockwright.js'), 'lint', '--format', 'json'], {
          cwd: root,
          reject: false,
          env: { NODE_OPTIONS: `--import ${join(repoRoot, 'node_modules/tsx/dist/loader.mjs')}` },
        }),
      ),
    );
  }
  return times;
}

const real = realWorkspace();
const realCli = await cliRuns(real.root);
const realDistinctCli = await cliRuns(realWorkspace(true).root);

const report = `# bench:lint

\`dockwright lint\` over ${FILES} Dockerfiles (${lines} lines) in one process: the generator's output for
all ${generated} supported combinations and the rule fixtures, cycled to ${FILES}, each with its
build context and .dockerignore, in a temporary workspace on disk. The in-process figure covers
finding the files, loading the policy, reading, linting (all ${RULES.length} rules) and formatting; it found
${totals.errors} errors and ${totals.warnings} warnings (the fixtures fail on purpose).
Machine: ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(1)} when measured, other work running), Node ${process.version}. Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:lint\`.

| what | runs | median | min | max | goal |
|---|---|---|---|---|---|
| lint ${FILES} files, in-process | ${RUNS} | ${seconds(median(times))} | ${seconds(Math.min(...times))} | ${seconds(Math.max(...times))} | ≤ 1 s |
| the same, CPU time (user + system) | ${RUNS} | ${seconds(median(cpu))} | ${seconds(Math.min(...cpu))} | ${seconds(Math.max(...cpu))} | |
| the same, first run (cold JIT) | 1 | ${seconds(first)} | | | |
| \`dockwright lint\` process, startup included (TypeScript through tsx) | ${CLI_RUNS} | ${seconds(median(cli))} | ${seconds(Math.min(...cli))} | ${seconds(Math.max(...cli))} | |
| \`dockwright lint\` process over ${FILES} real Dockerfiles (${real.sources} from public repositories, cycled), startup included | ${CLI_RUNS} | ${seconds(median(realCli))} | ${seconds(Math.min(...realCli))} | ${seconds(Math.max(...realCli))} | ≤ 1 s |
| the same, each copy made distinct (no model reused) | ${CLI_RUNS} | ${seconds(median(realDistinctCli))} | ${seconds(Math.min(...realDistinctCli))} | ${seconds(Math.max(...realDistinctCli))} | |

Per file (median): ${((median(times) / FILES) * 1000).toFixed(2)} ms.
`;
mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench/results/lint.md'), report);
console.log(report);
