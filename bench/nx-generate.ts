/**
 * npm run bench:nx — median wall time of `nx g dockwright:service <name> --stack python
 * --skipInstall --no-interactive`, as an Nx user runs it:
 *   - in this workspace (the collection resolved from source, as while developing), with --dry-run
 *     so the repository is left as it was (everything but the final flush); once through npx
 *     (with the workspace .npmrc's preload, which registers tsx for plop only) and once without;
 *   - in workspaces holding 1 and 300 services, with the package as published (compiled dist/,
 *     bundled templates; built by scripts/build-package.mjs --stage), writing for real.
 * NX_DAEMON=false throughout: every run builds the project graph itself (the slow case; with the
 * daemon, warm runs are faster). Writes bench/results/nx.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { runService } from '../generators/src/adapters/run-service.js';
import { childrenCpu, median, seconds } from './median.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const repoRoot = new URL('..', import.meta.url).pathname;
const stacks = ['python', 'node', 'nextjs'] as const;
const scratch = mkdtempSync(join(tmpdir(), 'dockwright-bench-nx-'));

/** The repository's environment minus npm's settings: the published package needs no tsx. */
function publishedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(key) && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
}

/** A workspace whose node_modules is this repository's, except `dockwright`: the staged package. */
async function workspaceWith(services: number, packageDir: string): Promise<string> {
  const root = join(scratch, `ws-${services}`);
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ name: `bench-${services}`, private: true }, null, 2)}\n`);
  writeFileSync(join(root, 'nx.json'), '{}\n');
  for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
    if (entry !== 'dockwright') symlinkSync(join(repoRoot, 'node_modules', entry), join(root, 'node_modules', entry));
  }
  symlinkSync(packageDir, join(root, 'node_modules', 'dockwright'));
  for (let index = 0; index < services; index += 1) {
    await runService({ name: `existing-${index}`, stack: stacks[index % stacks.length], skipInstall: true }, root);
  }
  return root;
}


interface Runs {
  readonly wall: number[];
  readonly cpu: (number | undefined)[];
}

async function measure(cwd: string, command: readonly string[], env: Record<string, string> | undefined, extra: readonly string[], prefix = 'bench-nx'): Promise<Runs> {
  const runs: Runs = { wall: [], cpu: [] };
  for (let run = 0; run < RUNS; run += 1) {
    const args = [...command, 'g', 'dockwright:service', `${prefix}-${run}`, '--stack=python', '--skipInstall', '--no-interactive', ...extra];
    const cpuBefore = childrenCpu();
    const start = process.hrtime.bigint();
    await execa(args[0]!, args.slice(1), { cwd, stdin: 'ignore', env, extendEnv: env === undefined });
    runs.wall.push(Number(process.hrtime.bigint() - start) / 1e9);
    const cpuAfter = childrenCpu();
    runs.cpu.push(cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore);
  }
  return runs;
}

const rows: string[] = [];
const loadBefore = loadavg()[0]!;
const row = (label: string, services: string, { wall, cpu }: Runs) => {
  const cpuText = cpu.every((value) => value !== undefined) ? seconds(median(cpu as number[])) : 'n/a';
  rows.push(`| ${label} | ${services} | ${cpuText} | ${seconds(median(wall))} | ${seconds(Math.min(...wall))} | ${seconds(Math.max(...wall))} |`);
  console.log(rows.at(-1));
};

try {
  row('npx nx g … --dry-run (this repo: source; tsx registered by the generator entry only)', 'this repo', await measure(repoRoot, ['npx', 'nx'], { ...process.env, NX_DAEMON: 'false' } as Record<string, string>, ['--dry-run']));
  row('node node_modules/.bin/nx g … --dry-run (this repo: source via tsx for the generator only)', 'this repo', await measure(repoRoot, ['node', 'node_modules/.bin/nx'], publishedEnv(), ['--dry-run']));

  const packageDir = join(scratch, 'package');
  await execa(process.execPath, [join(repoRoot, 'scripts/build-package.mjs'), '--stage', packageDir], { cwd: repoRoot, stdio: 'inherit' });
  // Its dependencies, as an install would place them: the repository's (same versions).
  symlinkSync(join(repoRoot, 'node_modules'), join(packageDir, 'node_modules'));
  for (const services of [1, 300]) {
    const root = await workspaceWith(services, packageDir);
    row('npx nx g … (published package)', String(services), await measure(root, ['npx', 'nx'], publishedEnv(), []));
    row('node node_modules/.bin/nx g … (no npx)', String(services), await measure(root, ['node', 'node_modules/.bin/nx'], publishedEnv(), [], 'bench-node'));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const report = `# bench:nx

\`nx g dockwright:service bench-nx-<i> --stack=python --skipInstall --no-interactive\`, ${RUNS} runs
each, NX_DAEMON=false (each run builds the project graph; with the daemon warm runs are faster).
"this repo" runs with --dry-run, the collection resolved from source (tsx registered by the
generator's entry only; npx adds npm's own start-up); the others run
the package as published (compiled dist/, bundled templates) in a workspace already holding N
services, writing for real. Machine: ${cpus().length} cores, Node ${process.version}; 1-minute load
average ${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after (other work on the machine inflates the figures).
Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:nx\`. Goal: ≤ 1.5 s (published package, 1 service).
CPU: user + system time of the whole command (Linux), median.

| command | existing services | CPU median | wall median | min | max |
|---|---|---|---|---|---|
${rows.join('\n')}
`;
writeFileSync(join(repoRoot, 'bench/results/nx.md'), report);
console.log(report);
