/**
 * Proves the STACK_CASES on a real engine, the way a user runs them: generate the service with
 * the real CLI in a throwaway workspace (or dockerize a package copied from existing/), build its generated Dockerfile cold (`--no-cache`;
 * BuildKit cache mounts stay warm), then check
 *   - the container becomes healthy (Docker's own status) and, for APIs and frontends, the health
 *     endpoint answers 200 through a port published on 127.0.0.1;
 *   - Config.User is numeric, non-root and the policy UID (1000 backend, 1001 frontend, 65532 distroless);
 *   - the image is under its budget (Go/Rust 100 MB, frontend 300 MB, backend 500 MB);
 *   - the filesystem holds no compiler or build tool, no .git, no package-manager cache;
 *   - `docker stop` takes under 10 s;
 *   - after a source-only edit the dependency steps are CACHED; the rebuild time is reported.
 *
 *   npx tsx test/e2e/stacks/prove.ts [--only <substring>] [--json <file>]
 *
 * Exit 1 if any check fails. Needs the stand-in bases (test/e2e/base-images/build.sh).
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { STACKS, type AppType, type Base, type StackId } from '../../../generators/src/core/stacks.js';
import { DEFAULT_POLICY, policyUid } from '../../../generators/src/policy/schema.js';
import { STACK_BASE_IMAGES, STACK_CASES, stackCaseName, type StackCase } from './cases.js';

const DOCKER = process.env.DOCKWRIGHT_DOCKER ?? '/usr/bin/docker';
const REPO_ROOT = new URL('../../../', import.meta.url).pathname;
const CLI = join(REPO_ROOT, 'generators/bin/dockwright.js');
/** Our own `--import tsx` (NODE_OPTIONS) must not leak into the CLI run from another folder. */
const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_BUILDKIT: '1', NODE_OPTIONS: '' };
/** design.md §4 rule 10: static-binary stacks get the minimal budget, others their app type's. */
const MINIMAL_BUDGET_MB = 100;
const MINIMAL_STACKS: readonly string[] = ['go', 'rust'];
/** Compilers and build tools that must not reach a final stage (design.md §4 rule 7). */
const BUILD_TOOLS = /(^|\/)(s?bin)\/(gcc|g\+\+|cc|c\+\+|make|go|gofmt|cargo|rustc|ld|as|cc1)(-\d+)?$/;
const LEFTOVERS = /^(\.git\/|root\/\.cache\/|root\/\.npm\/|root\/\.cargo\/|go\/pkg\/mod\/|usr\/local\/cargo\/registry\/|root\/\.local\/share\/pnpm\/)/;

interface Check {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface StackProof {
  readonly name: string;
  readonly sizeMb: number;
  readonly budgetMb: number;
  readonly coldSeconds: number;
  readonly sourceEditSeconds: number;
  readonly checks: readonly Check[];
}

const docker = (args: readonly string[], options: { cwd?: string; reject?: boolean } = {}) =>
  execa(DOCKER, args, { env, stdin: 'ignore', all: true, reject: options.reject ?? true, cwd: options.cwd });

const flagValue = (testCase: StackCase, flag: string) => {
  const flags = testCase.flags ?? [];
  const index = flags.indexOf(flag);
  return index === -1 ? undefined : flags[index + 1];
};

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await run();
  return [result, Number(process.hrtime.bigint() - started) / 1e9];
}

async function build(workspace: string, name: string, extra: readonly string[]) {
  const args = ['build', '--progress=plain', '-f', `docker/${name}.Dockerfile`, '-t', `${name}:latest`, ...extra, `packages/${name}`];
  return timed(() => docker(args, { cwd: workspace }));
}

/** BuildKit steps that run with a cache mount (dependency installs), and whether each was CACHED. */
function dependencySteps(log: string): { step: string; cached: boolean }[] {
  const steps = [...log.matchAll(/^#(\d+) \[([^\]]+)\] RUN --mount=type=cache\S* (.*)$/gm)].filter(([, , stage]) => /^deps\b/.test(stage!));
  return steps.map(([, id, , command]) => ({ step: command!, cached: new RegExp(`^#${id} CACHED$`, 'm').test(log) }));
}

async function waitHealthy(container: string, timeoutSeconds: number): Promise<string> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let status = '';
  while (Date.now() < deadline) {
    status = (await docker(['inspect', '-f', '{{.State.Health.Status}}', container])).stdout.trim();
    if (status === 'healthy' || status === 'unhealthy') return status;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return `${status} after ${timeoutSeconds} s`;
}

async function filesystem(image: string): Promise<string[]> {
  const container = (await docker(['create', image])).stdout.trim();
  try {
    const listing = await execa('sh', ['-c', `${DOCKER} export ${container} | tar -t`], { env, maxBuffer: 1 << 28 });
    return listing.stdout.split('\n');
  } finally {
    await docker(['rm', '-f', container], { reject: false });
  }
}

export async function proveCase(testCase: StackCase): Promise<StackProof> {
  const name = stackCaseName(testCase);
  const stack = testCase.stack as StackId;
  const appType = testCase.appType as AppType;
  const base = (flagValue(testCase, '--base') ?? STACKS[stack].bases[0]) as Base;
  const budgetMb = MINIMAL_STACKS.includes(stack) ? MINIMAL_BUDGET_MB : DEFAULT_POLICY.budgetsMb[appType];
  const uid = policyUid(DEFAULT_POLICY, appType, base === 'distroless');
  const image = `${name}:latest`;
  const workspace = mkdtempSync(join(tmpdir(), 'dockwright-stack-'));
  const checks: Check[] = [];
  const check = (label: string, ok: boolean, detail: string) => checks.push({ check: label, ok, detail });
  try {
    writeFileSync(join(workspace, 'package.json'), '{ "name": "stack-proof", "private": true }\n');
    if (testCase.existing) cpSync(join(REPO_ROOT, 'test/e2e/stacks/existing', testCase.existing), join(workspace, 'packages', name), { recursive: true });
    const flags = ['--name', name, '--stack', stack, '--appType', appType, '--packageManager', testCase.packageManager, ...(testCase.flags ?? [])];
    await execa('node', [CLI, 'service', ...flags], { cwd: workspace, env, extendEnv: false, stdin: 'ignore' });

    const [, coldSeconds] = await build(workspace, name, ['--no-cache']);
    const config = JSON.parse((await docker(['image', 'inspect', '-f', '{{json .Config}}', image])).stdout);
    const sizeMb = Number((await docker(['image', 'inspect', '-f', '{{.Size}}', image])).stdout) / 1e6;
    check('size', sizeMb < budgetMb, `${sizeMb.toFixed(1)} MB (budget ${budgetMb} MB)`);
    check('user', config.User === `${uid}:${uid}`, `${config.User} (expected ${uid}:${uid})`);
    check('healthcheck', Array.isArray(config.Healthcheck?.Test) && config.Healthcheck.Test[0] === 'CMD', JSON.stringify(config.Healthcheck?.Test));

    const files = await filesystem(image);
    const tools = files.filter((file) => BUILD_TOOLS.test(file.replace(/\/$/, '')));
    const leftovers = files.filter((file) => LEFTOVERS.test(file));
    check('build tools', tools.length === 0, tools.length === 0 ? `none in ${files.length} paths` : tools.slice(0, 5).join(', '));
    check('leftovers', leftovers.length === 0, leftovers.length === 0 ? 'no .git, no caches' : leftovers.slice(0, 5).join(', '));

    // The generator's port, not ExposedPorts: a base image may expose its own (nginx: 80).
    const port = appType === 'worker' ? undefined : String(STACKS[stack].defaultPort);
    const container = (await docker(['run', '-d', ...(port ? ['-p', `127.0.0.1::${port}`] : []), image])).stdout.trim();
    try {
      const health = await waitHealthy(container, 90);
      check('healthy', health === 'healthy', health);
      if (port) {
        const published = (await docker(['port', container, `${port}/tcp`])).stdout.split('\n')[0]!.trim();
        const path = appType === 'worker' ? '/' : '/health';
        const response = await fetch(`http://${published}${path}`).then((res) => res.status, (error: Error) => error.message);
        check('endpoint', response === 200, `GET ${path} → ${response}`);
      }
      const [, stopSeconds] = await timed(() => docker(['stop', '-t', '10', container]));
      const exit = (await docker(['inspect', '-f', '{{.State.ExitCode}}', container])).stdout.trim();
      check('stop', stopSeconds < 10, `${stopSeconds.toFixed(1)} s, exit code ${exit}`);
    } finally {
      const logs = await docker(['logs', container], { reject: false });
      if (checks.some((result) => !result.ok)) console.error(`--- ${name} logs\n${logs.all}`);
      await docker(['rm', '-f', container], { reject: false });
    }

    // A marker unique to this run: an edit seen before would be served from BuildKit's cache.
    const marker = `edited ${process.hrtime.bigint()}`;
    appendFileSync(join(workspace, 'packages', name, testCase.sourceFile), testCase.sourceFile.endsWith('.py') ? `# ${marker}\n` : `// ${marker}\n`);
    const [rebuild, sourceEditSeconds] = await build(workspace, name, []);
    const steps = dependencySteps(String(rebuild.all));
    check('cached deps', steps.length > 0 && steps.every((step) => step.cached), steps.map((step) => `${step.cached ? 'CACHED' : 'RAN'} ${step.step.slice(0, 60)}`).join('; '));
    return { name, sizeMb, budgetMb, coldSeconds, sourceEditSeconds, checks };
  } finally {
    await docker(['image', 'rm', '-f', image], { reject: false });
    rmSync(workspace, { recursive: true, force: true });
  }
}

async function main(args: readonly string[]): Promise<number> {
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const missing: string[] = [];
  for (const image of STACK_BASE_IMAGES) {
    if ((await docker(['image', 'inspect', image], { reject: false })).exitCode !== 0) missing.push(image);
  }
  if (missing.length > 0) {
    console.error(`missing base images ${missing.join(', ')}: run test/e2e/base-images/build.sh`);
    return 1;
  }
  const proofs: StackProof[] = [];
  for (const testCase of STACK_CASES.filter((candidate) => !only || stackCaseName(candidate).includes(only))) {
    const proof = await proveCase(testCase).catch(
      (error: Error): StackProof => ({
        name: stackCaseName(testCase),
        sizeMb: Number.NaN,
        budgetMb: Number.NaN,
        coldSeconds: Number.NaN,
        sourceEditSeconds: Number.NaN,
        checks: [{ check: 'build', ok: false, detail: String((error as { all?: string }).all ?? error.message).split('\n').slice(-12).join('\n') }],
      }),
    );
    proofs.push(proof);
    const failed = proof.checks.filter((result) => !result.ok);
    console.log(
      `${failed.length === 0 ? 'PASS' : 'FAIL'} ${proof.name}: ${proof.sizeMb.toFixed(1)} MB, cold ${proof.coldSeconds.toFixed(1)} s, source edit ${proof.sourceEditSeconds.toFixed(1)} s`,
    );
    for (const result of proof.checks) console.log(`  ${result.ok ? 'pass' : 'FAIL'}  ${result.check.padEnd(12)} ${result.detail}`);
  }
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(proofs, null, 2)}\n`);
  console.log('\n| service | size | budget | cold build | rebuild after source edit | checks |\n|---|---|---|---|---|---|');
  for (const proof of proofs) {
    const failed = proof.checks.filter((result) => !result.ok).map((result) => result.check);
    console.log(
      `| ${proof.name} | ${proof.sizeMb.toFixed(1)} MB | ${proof.budgetMb} MB | ${proof.coldSeconds.toFixed(1)} s | ${proof.sourceEditSeconds.toFixed(1)} s | ${failed.length === 0 ? 'all pass' : `FAIL: ${failed.join(', ')}`} |`,
    );
  }
  const passed = proofs.filter((proof) => proof.checks.every((result) => result.ok)).length;
  console.log(`${passed} passed, ${proofs.length - passed} failed`);
  return passed === proofs.length ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
