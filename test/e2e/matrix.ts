/**
 * What the e2e suite builds on a real engine: every stack × appType × packageManager that builds
 * offline here. Everything else is covered by the structure tests only (README lists it).
 */
export interface E2ECase {
  readonly stack: string;
  readonly appType: string;
  readonly packageManager: string;
  /** Extra generator flags (e.g. a base variant). */
  readonly flags?: readonly string[];
  /** A source file whose edit must not reinstall dependencies. */
  readonly sourceFile: string;
}

export const E2E_CASES: readonly E2ECase[] = [
  { stack: 'python', appType: 'api', packageManager: 'pip', sourceFile: 'app/main.py' },
  { stack: 'python', appType: 'worker', packageManager: 'pip', sourceFile: 'app/worker.py' },
  { stack: 'node', appType: 'api', packageManager: 'npm', sourceFile: 'src/app.js' },
  { stack: 'node', appType: 'worker', packageManager: 'npm', sourceFile: 'src/worker.js' },
  { stack: 'nextjs', appType: 'frontend', packageManager: 'npm', sourceFile: 'app/page.tsx' },
];

/** The public base images those cases build FROM, provided offline by test/e2e/base-images/build.sh. */
export const BASE_IMAGES = ['python:3.13-slim', 'node:24-slim'];

export const caseName = ({ stack, appType, packageManager, flags = [] }: E2ECase) =>
  [`e2e-${stack}-${appType}-${packageManager}`, ...flags.map((flag) => flag.replace(/^-+/, ''))].join('-').replace(/[^a-z0-9-]/g, '');
