/**
 * npm run bench:images — per e2e case: image size, cold build (`--no-cache`; BuildKit cache
 * mounts stay warm, as on a developer machine), rebuild after a source-only edit, rebuild after a
 * dependency edit. Medians of BENCH_RUNS (default 3). Each Next.js npm app (the skeleton, the
 * create-next-app fixture) is also built from the with-docker example's Dockerfile in the same
 * run, and its slim and distroless images are compared with it. Writes bench/results/images.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { PACKAGE_MANAGERS, type PackageManagerId } from '../generators/src/core/stacks.js';
import { BASE_IMAGES, E2E_CASES, caseBase, caseName, type E2ECase } from '../test/e2e/matrix.js';
import { DOCKER, dockerEnv, engineAnswers, missingImages } from '../test/e2e/support/engine.js';
import { editFile } from '../test/e2e/support/edits.js';
import { generateCase, nxWorkspace } from '../test/e2e/support/workspace.js';
import { median, seconds } from './median.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Comma-separated substrings of e2e case names, e.g. BENCH_ONLY=python-api-pip,nextjs-frontend-npm. */
const only = process.env.BENCH_ONLY?.split(',');
const repoRoot = new URL('..', import.meta.url).pathname;

/** The generated build-image command, or the same build from another Dockerfile (the reference). */
async function build(workspace: string, name: string, extra: readonly string[] = [], dockerfile?: string): Promise<number> {
  const project = JSON.parse(readFileSync(join(workspace, 'packages', name, 'project.json'), 'utf8'));
  const [, ...generated] = String(project.targets['build-image'].options.command).split(' ');
  const args = dockerfile ? ['build', '-f', dockerfile, '-t', `${name}:latest`, `packages/${name}`] : generated;
  const started = process.hrtime.bigint();
  await execa(DOCKER, [...args, '--quiet', ...extra], { cwd: workspace, env: dockerEnv(), stdin: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

interface Measured {
  readonly row: string;
  readonly sizeMb: number;
}

/** The app a case builds: its fixture's folder name, or the stack's skeleton. */
const appOf = (testCase: E2ECase) => (testCase.fixture ? basename(testCase.fixture) : `${testCase.stack} skeleton`);

async function measure(testCase: E2ECase, dockerfile?: string): Promise<Measured> {
  const name = caseName(testCase);
  const workspace = nxWorkspace();
  await generateCase(workspace, name, testCase);
  const packageDir = join(workspace, 'packages', name);
  const dependencyFile = join(packageDir, PACKAGE_MANAGERS[testCase.packageManager as PackageManagerId].dependencyFiles[0]!);
  const cold: number[] = [];
  const source: number[] = [];
  const dependency: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    cold.push(await build(workspace, name, ['--no-cache'], dockerfile));
    editFile(join(packageDir, testCase.sourceFile));
    source.push(await build(workspace, name, [], dockerfile));
    editFile(dependencyFile);
    dependency.push(await build(workspace, name, [], dockerfile));
  }
  const size = Number((await execa(DOCKER, ['image', 'inspect', '-f', '{{.Size}}', `${name}:latest`])).stdout) / 1e6;
  await execa(DOCKER, ['image', 'rm', '-f', `${name}:latest`], { reject: false });
  const ratio = (100 * median(source)) / median(cold);
  const app = testCase.fixture ? ` (${appOf(testCase)})` : '';
  const label = dockerfile
    ? `${testCase.stack} reference: Next.js with-docker approach${app}`
    : `${testCase.stack} ${testCase.appType} ${testCase.packageManager} ${(testCase.flags ?? []).join(' ')}${app}`;
  return {
    row: `| ${label} | ${size.toFixed(1)} MB | ${seconds(median(cold))} | ${seconds(median(source))} (${ratio.toFixed(0)} %) | ${seconds(median(dependency))} |`,
    sizeMb: size,
  };
}

/** The Next.js npm cases measured against the example: per app, the example's size and ours per base. */
const nextjsSizes = new Map<string, { reference?: number; bases: Map<string, number> }>();
const comparedWithExample = (testCase: E2ECase) => testCase.stack === 'nextjs' && testCase.packageManager === 'npm';

function sizesOf(testCase: E2ECase) {
  const app = appOf(testCase);
  if (!nextjsSizes.has(app)) nextjsSizes.set(app, { bases: new Map() });
  return nextjsSizes.get(app)!;
}

function comparisonRows(): string[] {
  return [...nextjsSizes].flatMap(([app, { reference, bases }]) =>
    reference === undefined
      ? []
      : [...bases].map(([base, size]) => `| ${app} | ${base} | ${size.toFixed(1)} MB | ${reference.toFixed(1)} MB | ${(size / reference).toFixed(2)}× |`),
  );
}

if (!(await engineAnswers())) throw new Error(`no Docker engine answers (${DOCKER}); run .ci/engine.sh start`);
const missing = await missingImages(BASE_IMAGES);
if (missing.length > 0) throw new Error(`missing base images ${missing.join(', ')}: run test/e2e/base-images/build.sh`);

const rows: string[] = [];
for (const testCase of E2E_CASES.filter((candidate) => !only || only.some((part) => caseName(candidate).includes(part)))) {
  const ours = await measure(testCase);
  rows.push(ours.row);
  console.log(ours.row);
  if (!comparedWithExample(testCase)) continue;
  sizesOf(testCase).bases.set(caseBase(testCase), ours.sizeMb);
  if (caseBase(testCase) === 'slim') {
    const reference = await measure(testCase, join(repoRoot, 'bench/reference/nextjs-with-docker.Dockerfile'));
    sizesOf(testCase).reference = reference.sizeMb;
    rows.push(reference.row);
    console.log(reference.row);
  }
}
const comparison = comparisonRows();
const report = `# bench:images

Generated services built from their generated Dockerfiles on the offline stand-in bases
(${BASE_IMAGES.join(', ')}; see test/e2e/base-images/README.md). Medians of ${RUNS} runs, ${cpus().length} cores.
Cold = \`docker build --no-cache\` (BuildKit cache mounts stay warm); source edit = one line
appended to an app source file; dependency edit = the first dependency file changed (it reinstalls).
The reference row builds the same Next.js app from bench/reference/nextjs-with-docker.Dockerfile
(the approach of the Next.js with-docker example) on the same base.
Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:images\`.

| service | image size | cold build | rebuild after source edit (% of cold) | rebuild after dependency edit |
|---|---|---|---|---|
${rows.join('\n')}
${
  comparison.length === 0
    ? ''
    : `
Next.js images against the with-docker example's, the same app built in the same run:

| app | our base | our image | example's image | ours / example |
|---|---|---|---|---|
${comparison.join('\n')}
`
}`;
writeFileSync(join(repoRoot, 'bench/results/images.md'), report);
console.log(report);
