/**
 * npm run bench:monorepo — dockwright in an npm workspace of 3 internal packages and 1 or 50
 * services, side by side with `turbo prune --docker` and a with-docker style Dockerfile on the
 * same service and base image: generation time (1 vs 50 services), image size, build context
 * sent against the service's closure on disk, cold build, and rebuilds (with the install steps
 * re-run) after an unrelated service's source edit, an unrelated service's new dependency and an
 * internal package's source edit, plus whether the edited internal code is what the new image
 * serves. Medians of BENCH_RUNS (default 3). Writes bench/results/monorepo.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { DOCKER, engineAnswers, missingImages } from '../test/e2e/support/engine.js';
import { removeCaseImages } from '../test/e2e/support/cleanup.js';
import { childrenCpu, median, seconds } from './median.js';
import { ours, turbo, TURBO, type Build, type Builder } from './monorepo/builds.js';
import { healthBody, imageId, imageMegabytes } from './monorepo/image.js';
import {
  ADDED_DEPENDENCY,
  addServiceDependency,
  closureBytes,
  copyWorkspace,
  createWorkspace,
  EDITED_INTERNAL,
  editInternalSource,
  editServiceSource,
  markRun,
  serviceName,
} from './monorepo/workspace.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const GENERATION_RUNS = 5;
const SIZES = [1, 50] as const;
const BASE = 'node:24-slim';
const SERVICE = serviceName(1);
const UNRELATED = serviceName(2);
const repoRoot = new URL('..', import.meta.url).pathname;
const CLI = join(repoRoot, 'generators/bin/dockwright.js');
const GENERATE = ['service', '--name', SERVICE, '--deploy', 'none', '--skipInstall'];
const TURBO_TAG = `dockwright-bench-turbo-${SERVICE}:latest`;

/** What a run does to the workspace before each build after the cold one. */
const SCENARIOS = [
  { label: `${UNRELATED} (unrelated service) source edited`, apply: async (root: string) => editServiceSource(root, UNRELATED) },
  {
    label: `${UNRELATED} (unrelated service) given a dependency (${ADDED_DEPENDENCY.name}@${ADDED_DEPENDENCY.version}, npm install)`,
    apply: (root: string) => addServiceDependency(root, UNRELATED),
  },
  { label: `${EDITED_INTERNAL} (internal package) source edited`, apply: async (root: string) => editInternalSource(root) },
] as const;

interface Sample {
  readonly wall: number;
  /** User + system seconds of the generator's process (Linux /proc), else undefined. */
  readonly cpu: number | undefined;
}

/** `dockwright service` from the workspace root, as the contract runs it; throws its first line on failure. */
async function generate(root: string): Promise<Sample> {
  const cpuBefore = childrenCpu();
  const started = process.hrtime.bigint();
  const run = await execa('node', [CLI, ...GENERATE], { cwd: root, env: { NODE_OPTIONS: '' }, stdin: 'ignore', reject: false, all: true });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = childrenCpu();
  if (run.exitCode !== 0) throw new Error(String(run.all).trim().split('\n')[0]);
  return { wall, cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

const scratch = mkdtempSync(join(tmpdir(), 'dockwright-bench-monorepo-'));
let copies = 0;
const freshCopy = (template: string) => {
  const target = join(scratch, `copy-${(copies += 1)}`);
  copyWorkspace(template, target);
  return target;
};

/** Generation times per workspace size, the sizes alternating within every round after a warm-up. */
async function generationTimes(templates: Map<number, string>): Promise<Map<number, Sample[]>> {
  const times = new Map<number, Sample[]>(SIZES.map((size) => [size, []]));
  for (let round = -1; round < GENERATION_RUNS; round += 1) {
    for (const size of SIZES) {
      const elapsed = await generate(freshCopy(templates.get(size)!));
      if (round >= 0) times.get(size)!.push(elapsed);
    }
  }
  return times;
}

interface BuilderResults {
  sizeMb: number[];
  cold: Build[];
  scenarios: Build[][];
  servesEdit: boolean[];
  readonly imageIds: Set<string>;
  failure?: string;
}

const emptyResults = (): BuilderResults => ({ sizeMb: [], cold: [], scenarios: SCENARIOS.map(() => []), servesEdit: [], imageIds: new Set() });

/** One run: a fresh copy of the 50-service workspace, every builder cold, then through each scenario. */
async function buildRun(template: string, builders: readonly Builder[], results: Map<Builder, BuilderResults>, closures: number[]): Promise<void> {
  const root = freshCopy(template);
  markRun(root, `${process.pid}-${process.hrtime.bigint()}`);
  if (builders.some((builder) => builder.tag !== TURBO_TAG)) await generate(root);
  closures.push(closureBytes(root, SERVICE));
  /** Runs the action for each builder that has not failed; a failure is recorded and ends that builder's runs. */
  const eachBuilder = async (action: (builder: Builder, result: BuilderResults) => Promise<void>) => {
    for (const builder of builders) {
      const result = results.get(builder)!;
      if (result.failure !== undefined) continue;
      try {
        await action(builder, result);
      } catch (error) {
        result.failure = (error as Error).message;
        console.error(`${builder.label}: ${result.failure}`);
      }
    }
  };
  const buildEach = (cold: boolean, record: (result: BuilderResults, build: Build, builder: Builder) => Promise<void>) =>
    eachBuilder(async (builder, result) => {
      const build = await builder.build(root, cold);
      result.imageIds.add(await imageId(builder.tag));
      await record(result, build, builder);
    });
  await buildEach(true, async (result, build, builder) => {
    result.cold.push(build);
    result.sizeMb.push(await imageMegabytes(builder.tag));
  });
  let label = '';
  for (const [index, scenario] of SCENARIOS.entries()) {
    const applied = await scenario.apply(root);
    if (typeof applied === 'string') label = applied;
    await buildEach(false, async (result, build) => {
      result.scenarios[index]!.push(build);
    });
  }
  await eachBuilder(async (builder, result) => {
    const body = await healthBody(builder.tag, `dockwright-bench-monorepo-${process.pid}-${builders.indexOf(builder)}`);
    result.servesEdit.push(body.includes(label));
  });
}

const kB = (bytes: number) => `${(bytes / 1e3).toFixed(1)} kB`;

type Steps = Build['installSteps'];
const rerun = (steps: Steps) => steps.filter((step) => !step.cached).length;

/** "0 of 1", or "0–1 of 1" when the runs disagree: how many of the steps a rebuild ran again. */
function rerunText(stepsPerRun: readonly Steps[]): string {
  const counts = stepsPerRun.map(rerun);
  const [low, high] = [Math.min(...counts), Math.max(...counts)];
  return `${low === high ? low : `${low}–${high}`} of ${Math.max(...stepsPerRun.map((steps) => steps.length))}`;
}

function rebuildText(builds: readonly Build[]): string {
  const prune = builds.some((build) => build.pruneSteps.length > 0) ? `; lockfile stage re-run ${rerunText(builds.map((build) => build.pruneSteps))}` : '';
  return `${seconds(median(builds.map((build) => build.seconds)))}, install steps re-run ${rerunText(builds.map((build) => build.installSteps))}${prune}`;
}

const rerunMax = (builds: readonly Build[]) => Math.max(...builds.map((build) => rerun(build.installSteps)));

function column(result: BuilderResults, closure: number): string[] {
  if (result.cold.length === 0) return ['failed (below)', ...Array(5 + SCENARIOS.length).fill('–')];
  const context = median(result.cold.map((build) => build.contextBytes));
  const served = result.servesEdit.filter(Boolean).length;
  return [
    `${median(result.sizeMb).toFixed(2)} MB`,
    `${kB(context)} (${((100 * context) / closure).toFixed(0)} % of the closure)`,
    seconds(median(result.cold.map((build) => build.seconds))),
    ...result.scenarios.map(rebuildText),
    `${served} of ${result.servesEdit.length} runs`,
    `${result.cold.length} cold, ${result.scenarios.at(-1)!.length} through every scenario${result.failure ? ', then failed (below)' : ''}`,
    result.cold[0]!.installSteps.map((step) => `\`${step.step}\``).join(', '),
  ];
}

interface Goal {
  readonly goal: string;
  readonly met: boolean | undefined;
  readonly figure: string;
}

/** The median CPU seconds of a size's generations, or wall seconds where CPU is not known. */
function generationMedian(samples: readonly Sample[]): number | undefined {
  if (samples.length === 0) return undefined;
  const cpu = samples.map((sample) => sample.cpu);
  return cpu.every((value) => value !== undefined) ? median(cpu as number[]) : median(samples.map((sample) => sample.wall));
}

function goals(mine: BuilderResults, theirs: BuilderResults, closure: number, generation: Map<number, Sample[]>): Goal[] {
  const measured = mine.cold.length > 0;
  const sizeRatio = measured && theirs.cold.length > 0 ? median(mine.sizeMb) / median(theirs.sizeMb) : undefined;
  const sizeDelta = sizeRatio === undefined ? undefined : median(mine.sizeMb) - median(theirs.sizeMb);
  const context = measured ? median(mine.cold.map((build) => build.contextBytes)) : undefined;
  const unrelated = measured ? Math.max(rerunMax(mine.scenarios[0]!), rerunMax(mine.scenarios[1]!)) : undefined;
  const [small, large] = SIZES.map((size) => generationMedian(generation.get(size) ?? []));
  const flat = small && large ? large / small : undefined;
  return [
    {
      goal: 'image ≤ 1.00× turbo’s (at the goal’s two decimals)',
      met: sizeRatio === undefined ? undefined : Number(sizeRatio.toFixed(2)) <= 1,
      figure: sizeRatio === undefined ? 'not measured' : `${sizeRatio.toFixed(4)}× (${sizeDelta! >= 0 ? '+' : '−'}${Math.abs(sizeDelta! * 1e3).toFixed(1)} kB)`,
    },
    {
      goal: '0 install steps re-run after an unrelated service’s edit (source, dependency)',
      met: unrelated === undefined ? undefined : unrelated === 0,
      figure: unrelated === undefined ? 'not measured' : `at most ${unrelated} in any run`,
    },
    {
      goal: 'build context ≤ the service’s closure + 10 %',
      met: context === undefined ? undefined : context <= 1.1 * closure,
      figure: context === undefined ? 'not measured' : `${kB(context)} vs ${kB(closure)} (${((100 * context) / closure).toFixed(0)} %)`,
    },
    {
      goal: 'generation time flat from 1 to 50 services (CPU median within 10 %)',
      met: flat === undefined ? undefined : flat <= 1.1,
      figure: flat === undefined ? 'not measured' : `${seconds(large!)} / ${seconds(small!)} = ${flat.toFixed(2)}×`,
    },
  ];
}

if (!(await engineAnswers())) throw new Error(`no Docker engine answers (${DOCKER}); run .ci/engine.sh start`);
if ((await missingImages([BASE])).length > 0) throw new Error(`missing base image ${BASE}: run test/e2e/base-images/build.sh`);

const loadBefore = loadavg()[0]!;
const templates = new Map<number, string>();
const closures: number[] = [];
let generation = new Map<number, Sample[]>();
let generationFailure: string | undefined;
const results = new Map<Builder, BuilderResults>();
let builders: Builder[] = [];
try {
  for (const size of SIZES) {
    const template = join(scratch, `workspace-${size}`);
    await createWorkspace(template, size);
    templates.set(size, template);
  }
  try {
    generation = await generationTimes(templates);
  } catch (error) {
    generationFailure = (error as Error).message;
    console.error(`dockwright service failed: ${generationFailure}`);
  }
  const large = templates.get(SIZES.at(-1)!)!;
  // ours needs the generated project.json for its tag: generate once in a throwaway copy to read it.
  const probe = freshCopy(large);
  const generated = generationFailure === undefined ? await generate(probe).then(() => ours(probe, SERVICE)) : undefined;
  builders = [...(generated ? [generated] : []), turbo(SERVICE, TURBO_TAG)];
  for (const builder of builders) results.set(builder, emptyResults());
  for (let run = 0; run < RUNS; run += 1) {
    await buildRun(large, builders, results, closures);
    console.log(`run ${run + 1} of ${RUNS} done`);
  }
} finally {
  for (const builder of builders) {
    const kept = await removeCaseImages(builder.tag, [...results.get(builder)!.imageIds]);
    if (kept.length > 0) console.error(`left on the engine: ${kept.join(', ')}`);
  }
  rmSync(scratch, { recursive: true, force: true });
}

const closure = median(closures);
const [mine, theirs] = [builders.find((builder) => builder.tag !== TURBO_TAG), builders.find((builder) => builder.tag === TURBO_TAG)!];
const mineResults = mine ? results.get(mine)! : { ...emptyResults(), failure: generationFailure };
const theirResults = results.get(theirs)!;
const rowLabels = [
  'image size',
  'build context sent (cold build)',
  'cold build (`--no-cache`)',
  ...SCENARIOS.map((scenario) => `rebuild after ${scenario.label}`),
  `the new image serves the edited ${EDITED_INTERNAL}`,
  'builds measured',
  'install steps (BuildKit RUN of the install stage)',
];
const mineColumn = column(mineResults, closure);
const theirColumn = column(theirResults, closure);
const buildTable = rowLabels.map((label, index) => `| ${label} | ${mineColumn[index]} | ${theirColumn[index]} |`).join('\n');
const failures = [
  ...(generationFailure ? [`- \`dockwright service\`: ${generationFailure}`] : []),
  ...builders.flatMap((builder) => (results.get(builder)!.failure ? [`- ${builder.label}: ${results.get(builder)!.failure}`] : [])),
];
const cpuText = (samples: readonly Sample[]) =>
  samples.every((sample) => sample.cpu !== undefined) ? seconds(median(samples.map((sample) => sample.cpu!))) : 'n/a';
const generationRows = SIZES.map((size) => {
  const samples = generation.get(size) ?? [];
  const walls = samples.map((sample) => sample.wall);
  return samples.length === 0
    ? `| ${size} | not measured (below) | | | |`
    : `| ${size} | ${cpuText(samples)} | ${seconds(median(walls))} | ${seconds(Math.min(...walls))} | ${seconds(Math.max(...walls))} |`;
});
const goalRows = goals(mineResults, theirResults, closure, generation).map(
  ({ goal, met, figure }) => `| ${goal} | ${figure} | ${met === undefined ? 'not measured' : met ? 'met' : 'NOT met'} |`,
);
const engine = (await execa(DOCKER, ['version', '--format', '{{.Server.Version}}'], { reject: false })).stdout;

const report = `# bench:monorepo

An npm workspace generated for the run (\`workspaces: ["packages/*"]\`, one root package-lock.json
written by \`npm install --ignore-scripts\`): internal packages @bench/shared-a → shared-b → shared-c
(plain ESM) and N services, each a node:http server importing all three and 1–2 pinned npm packages
(ms, picocolors, kleur, bytes, escape-html; neighbours share none). turbo.json and \`packageManager\`
are in the root, as \`turbo prune\` requires.

Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:monorepo\` (BENCH_RUNS=${RUNS}), ${cpus().length} cores (${cpus()[0]?.model.trim()}),
Docker ${engine} BuildKit, load ${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after (the machine is shared:
timings move with the load, sizes and step counts do not).

## Generation: \`dockwright ${GENERATE.join(' ')}\` at the workspace root

Median of ${GENERATION_RUNS}, each in a fresh copy of the workspace, the two sizes alternating after a warm-up round;
CPU is user + system time of the generator's process (the kernel's accounting of waited-for
children), which the machine's load moves less than wall time.

| services in the workspace | CPU (median) | wall (median) | wall min | wall max |
|---|---|---|---|---|
${generationRows.join('\n')}

## Building ${SERVICE} of the 50-service workspace, both ways in each run

Medians of ${RUNS} runs, each on a fresh copy; base image ${BASE} (the offline stand-in) for both.
dockwright: the generated build-image command from the workspace root. turbo: \`npx ${TURBO} prune
@bench/${SERVICE} --docker\` on the host, then bench/reference/turbo-prune.Dockerfile over its out/
folder (the with-docker example prunes inside a builder stage after \`COPY . .\` of the whole
repository; pruning on the host sends turbo's build only the pruned folder). turbo's times include
the prune. Our install stage uses BuildKit cache mounts, warm as on a developer machine; the
example's \`npm ci\` has none. The service's closure on disk (its folder, the internal packages,
the root package.json and package-lock.json; no node_modules): ${kB(closure)}.

| | dockwright | turbo prune --docker |
|---|---|---|
${buildTable}
${failures.length === 0 ? '' : `\nFailures:\n\n${failures.join('\n')}\n`}
## Goals (issue 14)

| goal | figure | |
|---|---|---|
${goalRows.join('\n')}
`;
writeFileSync(join(repoRoot, 'bench/results/monorepo.md'), report);
console.log(report);
