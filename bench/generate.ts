/**
 * npm run bench:generate — median wall time of a non-interactive `npx plop service` into a
 * workspace that already holds 1 and 300 services. Writes bench/results/generate.md.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { runService } from '../generators/src/adapters/run-service.js';
import { median, seconds, timed } from './median.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const repoRoot = new URL('..', import.meta.url).pathname;
const stacks = ['python', 'node', 'nextjs'] as const;

async function workspaceWith(services: number): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), `dockwright-bench-${services}-`));
  writeFileSync(join(root, 'nx.json'), '{}\n');
  for (let index = 0; index < services; index += 1) {
    await runService({ name: `existing-${index}`, stack: stacks[index % stacks.length], skipInstall: true }, root);
  }
  return root;
}

async function measure(services: number, command: readonly string[]): Promise<number[]> {
  const root = await workspaceWith(services);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const args = [...command, '--dest', root, 'service', '--', '--name', `bench-${run}`, '--stack', 'python', '--skipInstall'];
    times.push(
      await timed(() => execa(args[0]!, args.slice(1), { cwd: repoRoot, stdin: 'ignore', env: { NODE_OPTIONS: '--import dockwright/tsx-for-plop' } })),
    );
  }
  return times;
}

const loadBefore = loadavg()[0]!;
const rows: string[] = [];
for (const [label, command] of [
  ['npx plop', ['npx', 'plop']],
  ['node plop (no npx)', ['node', 'node_modules/plop/bin/plop.js']],
] as const) {
  for (const services of [1, 300]) {
    const times = await measure(services, command);
    rows.push(`| ${label} | ${services} | ${seconds(median(times))} | ${seconds(Math.min(...times))} | ${seconds(Math.max(...times))} |`);
    console.log(rows.at(-1));
  }
}

const report = `# bench:generate

Non-interactive \`service -- --name … --stack python --skipInstall\`, ${RUNS} runs each, into a
workspace already holding N services. Machine: ${cpus().length} cores, Node ${process.version}; 1-minute load
average ${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after (other work on the machine inflates the figures).
Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:generate\`.

| command | existing services | median | min | max |
|---|---|---|---|---|
${rows.join('\n')}
`;
writeFileSync(join(repoRoot, 'bench/results/generate.md'), report);
console.log(report);
