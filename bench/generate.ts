/**
 * npm run bench:generate — a non-interactive `npx plop service`, side by side with fly's
 * generator on the same Node app, then into workspaces that already hold 1 and 300 services.
 * Writes bench/results/generate.md.
 *
 * Side by side: `npx plop service -- --name bench-svc --stack node --mode new --skipInstall`
 * (dry run, and a real run into an empty workspace) against `npx dockerfile --force`
 * (@flydotio/dockerfile 0.7.10, installed once from the registry into node_modules/.cache) in a
 * folder holding the Node skeleton dockwright generates; the commands alternate within every
 * round, so load on the machine falls on all of them alike. CPU is user + system time of the
 * whole command (npx and what it starts), from the kernel's accounting of waited-for children
 * (Linux /proc; elsewhere only wall time is shown).
 *
 *   BENCH_RUNS=9 npm run bench:generate          rounds (default 7)
 *   BENCH_BEFORE=<commit> npm run bench:generate also runs the plopfile of that commit (git archive)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { runService } from '../generators/src/adapters/run-service.js';
import { childrenCpu, median, seconds } from './median.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BEFORE = process.env.BENCH_BEFORE;
const FLY = '@flydotio/dockerfile@0.7.10';
const repoRoot = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'dockwright-bench-generate-'));
const stacks = ['python', 'node', 'nextjs'] as const;


interface Sample {
  readonly wall: number;
  readonly cpu: number | undefined;
}

async function sample(command: readonly string[], cwd: string, env?: Record<string, string>): Promise<Sample> {
  const cpuBefore = childrenCpu();
  const start = process.hrtime.bigint();
  const run = await execa(command[0]!, command.slice(1), { cwd, stdin: 'ignore', reject: false, env });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuAfter = childrenCpu();
  if (run.exitCode !== 0) throw new Error(`${command.join(' ')} (in ${cwd}) failed:\n${run.stdout}\n${run.stderr}`);
  return { wall, cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

interface Variant {
  readonly label: string;
  readonly run: (round: number) => Promise<Sample>;
}

/** Every variant once per round, in turn. */
async function alternate(variants: readonly Variant[]): Promise<Map<string, Sample[]>> {
  const samples = new Map(variants.map((variant) => [variant.label, [] as Sample[]]));
  for (const variant of variants) await variant.run(-1); // warm-up: caches, the plopfile bundle
  for (let round = 0; round < RUNS; round += 1) {
    for (const variant of variants) samples.get(variant.label)!.push(await variant.run(round));
  }
  return samples;
}

const cpuText = (values: readonly (number | undefined)[]) =>
  values.every((value) => value !== undefined) ? seconds(median(values as number[])) : 'n/a';

/** The Node app fly's generator gets: dockwright's Node skeleton, with the generator installed. */
async function flyApp(): Promise<string | undefined> {
  const app = join(repoRoot, 'node_modules/.cache/dockwright-bench/fly-app');
  if (!existsSync(join(app, 'node_modules/@flydotio/dockerfile'))) {
    const workspace = join(scratch, 'fly-source');
    await runService({ name: 'bench-svc', stack: 'node', mode: 'new', skipInstall: true }, workspace);
    rmSync(app, { recursive: true, force: true });
    mkdirSync(join(app, '..'), { recursive: true });
    cpSync(join(workspace, 'packages/bench-svc'), app, { recursive: true });
    const install = await execa('npm', ['install', '--save-dev', '--save-exact', '--no-audit', '--no-fund', FLY], { cwd: app, reject: false, env: { NODE_OPTIONS: '' } });
    if (install.exitCode !== 0) {
      console.error(`fly's generator could not be installed (${install.stderr.split('\n').at(-1)}); its rows are left out`);
      return undefined;
    }
  }
  return app;
}

/** The repository at an earlier commit, runnable as it was: its own plopfile and preload. */
function checkoutOf(commit: string): { root: string; preload: string } {
  const root = join(scratch, `at-${commit}`);
  mkdirSync(root);
  execFileSync('sh', ['-c', `git -C "${repoRoot}" archive "${commit}" | tar -x -C "${root}"`]);
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  return { root, preload: join(root, 'generators/bin/tsx-for-plop.js') };
}

const plopArgs = (dest: string, name: string, extra: readonly string[]) => [
  'plop', '--dest', dest, 'service', '--', '--name', name, '--stack', 'node', '--mode', 'new', '--skipInstall', ...extra,
];

const loadBefore = loadavg()[0]!;
const sideRows: string[] = [];
const rows: string[] = [];
try {
  const app = await flyApp();
  const dryWorkspace = mkdtempSync(join(scratch, 'dry-'));
  const realWorkspace = (round: number) => mkdtempSync(join(scratch, `real-${round}-`));
  const before = BEFORE ? checkoutOf(BEFORE) : undefined;
  const variants: Variant[] = [
    { label: 'ours: `npx plop service`, dry run', run: () => sample(['npx', ...plopArgs(dryWorkspace, 'bench-svc', ['--dryRun'])], repoRoot) },
    { label: 'ours: `npx plop service`, writing', run: (round) => sample(['npx', ...plopArgs(realWorkspace(round), 'bench-svc', [])], repoRoot) },
    ...(app ? [{ label: `fly: \`npx dockerfile --force\` (${FLY})`, run: () => sample(['npx', 'dockerfile', '--force'], app) }] : []),
    ...(before
      ? [
          {
            label: `ours at ${BEFORE}: \`npx plop service\`, dry run`,
            run: () => sample(['npx', `--node-options=--import ${before.preload}`, ...plopArgs(dryWorkspace, 'bench-svc', ['--dryRun'])], before.root),
          },
          {
            label: `ours at ${BEFORE}: \`npx plop service\`, writing`,
            run: (round: number) => sample(['npx', `--node-options=--import ${before.preload}`, ...plopArgs(realWorkspace(round), 'bench-svc', [])], before.root),
          },
        ]
      : []),
  ];
  for (const [label, samples] of await alternate(variants)) {
    sideRows.push(`| ${label} | ${cpuText(samples.map((s) => s.cpu))} | ${seconds(median(samples.map((s) => s.wall)))} | ${seconds(Math.min(...samples.map((s) => s.wall)))} |`);
    console.log(sideRows.at(-1));
  }

  // Existing services do not slow a run down: the workspace is read only where the service goes.
  for (const services of [1, 300]) {
    const root = join(scratch, `ws-${services}`);
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'nx.json'), '{}\n');
    for (let index = 0; index < services; index += 1) {
      await runService({ name: `existing-${index}`, stack: stacks[index % stacks.length], skipInstall: true }, root);
    }
    const samples = await alternate([
      { label: 'npx plop', run: (round) => sample(['npx', 'plop', '--dest', root, 'service', '--', '--name', `bench-${round + 1}`, '--stack', 'python', '--skipInstall'], repoRoot) },
      {
        label: 'node plop (no npx)',
        run: (round) =>
          sample(['node', 'node_modules/plop/bin/plop.js', '--dest', root, 'service', '--', '--name', `bench-node-${round + 1}`, '--stack', 'python', '--skipInstall'], repoRoot, {
            NODE_OPTIONS: '--import dockwright/tsx-for-plop',
          }),
      },
    ]);
    for (const [label, runs] of samples) {
      rows.push(`| ${label} | ${services} | ${cpuText(runs.map((s) => s.cpu))} | ${seconds(median(runs.map((s) => s.wall)))} | ${seconds(Math.min(...runs.map((s) => s.wall)))} | ${seconds(Math.max(...runs.map((s) => s.wall)))} |`);
      console.log(rows.at(-1));
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const report = `# bench:generate

${RUNS} rounds after a warm-up round; in every round each command runs once, in turn. CPU is user +
system time of the whole command (npx included), wall is elapsed time; medians. Machine:
${cpus().length} cores, Node ${process.version}; 1-minute load average ${loadBefore.toFixed(1)} before and
${loadavg()[0]!.toFixed(1)} after (other work on the machine inflates the figures). Measured
${new Date().toISOString().slice(0, 10)} with \`npm run bench:generate\`${BEFORE ? ` (BENCH_BEFORE=${BEFORE})` : ''}.

## Side by side with fly's generator

\`npx plop service -- --name bench-svc --stack node --mode new --skipInstall\` from this repository
(dry run: into an empty workspace, \`--dryRun\`; writing: into a new empty workspace each round),
and \`npx dockerfile --force\` in a folder holding the same Node app (dockwright's Node skeleton) with
${FLY} installed. Fly's generator runs offline once installed (it calls no network for a plain
Node app).

| command | CPU median | wall median | wall min |
|---|---|---|---|
${sideRows.join('\n')}

## Into a workspace already holding N services

\`service -- --name … --stack python --skipInstall\`, writing.

| command | existing services | CPU median | wall median | min | max |
|---|---|---|---|---|---|
${rows.join('\n')}
`;
writeFileSync(join(repoRoot, 'bench/results/generate.md'), report);
console.log(report);
