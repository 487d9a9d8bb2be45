/**
 * npm run bench:lockfiles — what proving a lockfile costs, per package manager: a non-interactive
 * `npx plop service` for a new Node API (seeded lock + frozen check) and for an existing one
 * (frozen check of its lockfile), each against the same run with --skipInstall, alternating.
 * Writes bench/results/lockfiles.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { runService } from '../generators/src/adapters/run-service.js';
import { median, seconds, timed } from './median.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const repoRoot = new URL('..', import.meta.url).pathname;
const managers = ['npm', 'pnpm', 'yarn'] as const;

/** A workspace holding an existing Node API in packages/api, generated with its lockfile. */
async function workspaceWithExisting(packageManager: (typeof managers)[number]): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), `dockwright-bench-lock-${packageManager}-`));
  await runService({ name: 'api', mode: 'new', stack: 'node', packageManager }, root);
  return root;
}

async function plop(root: string, args: readonly string[]): Promise<number> {
  return timed(async () => {
    const run = await execa('npx', ['plop', '--dest', root, 'service', '--', ...args], { cwd: repoRoot, stdin: 'ignore', reject: false });
    if (run.exitCode !== 0) throw new Error(`plop ${args.join(' ')} failed: ${run.stderr}`);
  });
}

const loadBefore = loadavg()[0]!;
const rows: string[] = [];
for (const packageManager of managers) {
  for (const mode of ['new', 'existing'] as const) {
    const checked: number[] = [];
    const skipped: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      for (const skipInstall of [false, true]) {
        const root = mode === 'existing' ? await workspaceWithExisting(packageManager) : mkdtempSync(join(tmpdir(), 'dockwright-bench-lock-'));
        const args = mode === 'existing' ? ['--name', 'api'] : ['--name', 'api', '--stack', 'node', '--packageManager', packageManager];
        (skipInstall ? skipped : checked).push(await plop(root, skipInstall ? [...args, '--skipInstall'] : args));
        rmSync(root, { recursive: true, force: true });
      }
    }
    const what = mode === 'new' ? 'seeded lock + frozen check' : 'frozen check';
    rows.push(`| ${packageManager} | ${mode} (${what}) | ${seconds(median(checked))} | ${seconds(median(skipped))} | ${seconds(median(checked) - median(skipped))} |`);
    console.log(rows.at(-1));
  }
}

const report = `# bench:lockfiles

Non-interactive \`npx plop service\` for a Node API, with the lockfile step and with \`--skipInstall\`,
alternating, ${RUNS} runs each; medians. Machine: ${cpus().length} cores, Node ${process.version}; 1-minute load average
${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after. pnpm and Yarn run through \`npx\` (cached after
the first run). Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:lockfiles\`.

| package manager | mode | with the lockfile step | with --skipInstall | cost of the step |
|---|---|---|---|---|
${rows.join('\n')}
`;
mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench/results/lockfiles.md'), report);
console.log(report);
