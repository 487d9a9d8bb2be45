/**
 * Every template proven on a real engine: generate with the real CLI, then run the project's Nx
 * targets as a user would (build-image, lint-dockerfile, verify-image: size budget, numeric UID,
 * health, endpoint, no build tools, stop time), and check BuildKit's cache report after a
 * source-only edit (dependency steps CACHED) and after a dependency edit (they run again).
 * Each case runs as named steps (support/run-case.ts): a failure's first line names the case and
 * the step, and the case's containers, images and workspace are removed whether it passed or not.
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import { describeWithEngine, missingImages } from './support/engine.js';
import { runCase } from './support/run-case.js';
import { BASE_IMAGES, E2E_CASES, caseName } from './matrix.js';

const BUILD_TIMEOUT_MS = 15 * 60_000;
const describeEngine = await describeWithEngine();
const figures: string[] = [];

const NAMED_CASES = E2E_CASES.map((testCase) => [caseName(testCase), testCase] as const);
const duplicates = NAMED_CASES.map(([name]) => name).filter((name, index, names) => names.indexOf(name) !== index);
if (duplicates.length > 0) throw new Error(`e2e case names must be distinct (they name images): ${duplicates.join(', ')}`);

describeEngine('images on a real engine', () => {
  beforeAll(async () => {
    const missing = await missingImages(BASE_IMAGES);
    if (missing.length > 0) throw new Error(`missing base images ${missing.join(', ')}: run test/e2e/base-images/build.sh`);
  });

  afterAll(() => {
    if (figures.length > 0) console.log(`e2e image figures\n| image | size | first build (machine's layer cache as found) | after source edit | after dependency edit |\n|---|---|---|---|---|\n${figures.join('\n')}`);
  });

  it.each(NAMED_CASES)(
    '%s',
    async (name, testCase) => {
      figures.push(await runCase(name, testCase));
    },
    BUILD_TIMEOUT_MS,
  );
});
