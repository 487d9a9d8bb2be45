/**
 * What the e2e suite builds on a real engine: every stack × appType × packageManager × base that
 * builds offline here, new packages and existing ones (our own, and apps as their tools made them,
 * from test/fixtures/apps, dockerized with no flags or only the ones stated). Not here, because they cannot be built
 * offline: poetry (`poetry lock`/`install` need PyPI) and uv (ghcr.io/astral-sh/uv cannot be
 * pulled, uv.lock cannot be written): the structure tests cover them (README lists them).
 */
export interface E2ECase {
  readonly stack: string;
  readonly appType: string;
  readonly packageManager: string;
  /** Extra generator flags (a base variant); a fixture case gets only these, and detects the rest. */
  readonly flags?: readonly string[];
  /** A source file whose edit must not reinstall (or recompile) dependencies. */
  readonly sourceFile: string;
  /** Mode existing: the folder under test/e2e/existing/ copied to packages/<name> before generating. */
  readonly existing?: string;
  /**
   * Mode existing on an app as its own tool made it: a folder relative to the repository root
   * (e.g. test/fixtures/apps/create-next-app) copied to packages/<name> before generating.
   */
  readonly fixture?: string;
  /**
   * When present, the only generator flags besides `--name` (stack, appType, packageManager then
   * state what the generator must detect); a fixture case defaults to none.
   */
  readonly generateFlags?: readonly string[];
  /**
   * An app as published that no image can make reachable (it binds localhost in its code): the
   * case passes when it is healthy inside and verify-image's endpoint row explains why the host
   * cannot reach it with this text; the rebuild steps are skipped.
   */
  readonly unreachableFromHost?: RegExp;
  /** A route of the app (not its health path) that must answer 200 from the host. */
  readonly route?: string;
}

import { basename } from 'node:path';
import { STACKS, type AppType, type StackId } from '../../generators/src/core/stacks.js';
import { DEFAULT_POLICY, policyUid } from '../../generators/src/policy/schema.js';

const distroless = ['--base', 'distroless'];
const slim = ['--base', 'slim'];

export const E2E_CASES: readonly E2ECase[] = [
  { stack: 'python', appType: 'api', packageManager: 'pip', sourceFile: 'app/main.py' },
  { stack: 'python', appType: 'worker', packageManager: 'pip', sourceFile: 'app/worker.py' },
  { stack: 'python', appType: 'api', packageManager: 'pip', flags: distroless, sourceFile: 'app/main.py' },
  { stack: 'python', appType: 'worker', packageManager: 'pip', flags: distroless, sourceFile: 'app/worker.py' },
  { stack: 'node', appType: 'api', packageManager: 'npm', sourceFile: 'src/app.js' },
  { stack: 'node', appType: 'worker', packageManager: 'npm', sourceFile: 'src/worker.js' },
  { stack: 'node', appType: 'api', packageManager: 'pnpm', sourceFile: 'src/app.js' },
  { stack: 'node', appType: 'api', packageManager: 'yarn', sourceFile: 'src/app.js' },
  { stack: 'node', appType: 'api', packageManager: 'npm', flags: distroless, sourceFile: 'src/app.js' },
  { stack: 'node', appType: 'worker', packageManager: 'npm', flags: distroless, sourceFile: 'src/worker.js' },
  { stack: 'nextjs', appType: 'frontend', packageManager: 'npm', sourceFile: 'app/page.tsx' },
  { stack: 'nextjs', appType: 'frontend', packageManager: 'pnpm', sourceFile: 'app/page.tsx' },
  { stack: 'nextjs', appType: 'frontend', packageManager: 'yarn', sourceFile: 'app/page.tsx' },
  { stack: 'nextjs', appType: 'frontend', packageManager: 'npm', flags: distroless, sourceFile: 'app/page.tsx' },
  { stack: 'static', appType: 'frontend', packageManager: 'npm', sourceFile: 'src/main.js' },
  { stack: 'static', appType: 'frontend', packageManager: 'pnpm', sourceFile: 'src/main.js' },
  { stack: 'static', appType: 'frontend', packageManager: 'yarn', sourceFile: 'src/main.js' },
  { stack: 'go', appType: 'api', packageManager: 'gomod', flags: distroless, sourceFile: 'main.go' },
  { stack: 'go', appType: 'worker', packageManager: 'gomod', flags: distroless, sourceFile: 'main.go' },
  { stack: 'go', appType: 'api', packageManager: 'gomod', flags: slim, sourceFile: 'main.go' },
  { stack: 'go', appType: 'api', packageManager: 'gomod', flags: distroless, sourceFile: 'main.go', existing: 'go-api' },
  { stack: 'rust', appType: 'api', packageManager: 'cargo', flags: distroless, sourceFile: 'src/main.rs' },
  { stack: 'rust', appType: 'worker', packageManager: 'cargo', flags: distroless, sourceFile: 'src/main.rs' },
  { stack: 'rust', appType: 'worker', packageManager: 'cargo', flags: slim, sourceFile: 'src/main.rs' },
  { stack: 'rust', appType: 'worker', packageManager: 'cargo', flags: distroless, sourceFile: 'src/main.rs', existing: 'rust-worker' },
  // tsconfig includes test/ with no rootDir: the build context keeps the tests, the image runs dist/src/index.js.
  { stack: 'node', appType: 'api', packageManager: 'npm', sourceFile: 'src/index.ts', existing: 'node-ts-tests' },
  { stack: 'nextjs', appType: 'frontend', packageManager: 'npm', fixture: 'test/fixtures/apps/create-next-app', sourceFile: 'app/page.tsx' },
  // No SIGTERM handler in the app: tini as PID 1 is what stops it in < 10 s. dockwright asks for a
  // health path (it finds only `/`); /users is the starter's other route.
  {
    stack: 'node',
    appType: 'api',
    packageManager: 'pnpm',
    fixture: 'test/fixtures/apps/express-generator',
    generateFlags: ['--healthPath', '/'],
    route: '/users',
    sourceFile: 'app.js',
  },
  {
    stack: 'node',
    appType: 'api',
    packageManager: 'yarn1',
    fixture: 'test/fixtures/apps/express-generator-yarn1',
    generateFlags: ['--healthPath', '/'],
    route: '/users',
    sourceFile: 'app.js',
  },
  // yarn1: the flavour detection picks from the lockfile (Yarn 1 lockfile, no .yarnrc.yml).
  { stack: 'static', appType: 'frontend', packageManager: 'yarn1', fixture: 'test/fixtures/apps/vite-react-yarn1', route: '/', sourceFile: 'src/main.jsx' },
  {
    stack: 'nextjs',
    appType: 'frontend',
    packageManager: 'npm',
    fixture: 'test/fixtures/apps/create-next-app',
    flags: distroless,
    sourceFile: 'app/page.tsx',
  },
  {
    stack: 'python',
    appType: 'api',
    packageManager: 'pip',
    fixture: 'test/fixtures/apps/fastapi-first-steps',
    generateFlags: ['--healthPath', '/'],
    sourceFile: 'app/main.py',
  },
  // Compiled TypeScript servers: dockwright finds the build output (dist/) and asks for --healthPath (none has /health).
  {
    stack: 'node',
    appType: 'api',
    packageManager: 'npm',
    fixture: 'test/fixtures/apps/nestjs-typescript-starter',
    generateFlags: ['--healthPath', '/'],
    sourceFile: 'src/app.service.ts',
  },
  {
    stack: 'node',
    appType: 'api',
    packageManager: 'npm',
    fixture: 'test/fixtures/apps/fastify-typescript-server',
    generateFlags: ['--healthPath', '/ping'],
    sourceFile: 'routes/ping.ts',
    // listen({ port: 3000 }): Fastify binds localhost; dockwright says so when generating (a notice), verify-image when it runs.
    unreachableFromHost: /the app listens on 127\.0\.0\.1 only/,
  },
  {
    stack: 'node',
    appType: 'api',
    packageManager: 'pnpm',
    fixture: 'test/fixtures/apps/railway-expressjs',
    generateFlags: ['--healthPath', '/'],
    sourceFile: 'src/index.ts',
  },
];

/** The public images those cases build FROM, provided offline by test/e2e/base-images/build.sh. */
export const BASE_IMAGES = [
  'python:3.13-slim',
  'node:24-slim',
  'debian:trixie-slim',
  'golang:1.24-trixie',
  'rust:1.85-slim',
  'nginx:1.30-trixie',
  'gcr.io/distroless/static-debian13:nonroot',
  'gcr.io/distroless/cc-debian13:nonroot',
  'gcr.io/distroless/python3-debian13:nonroot',
  'gcr.io/distroless/nodejs24-debian13:nonroot',
];

export const caseName = ({ stack, appType, packageManager, flags = [], existing, fixture }: E2ECase) =>
  [
    `e2e-${stack}-${appType}-${packageManager}`,
    ...flags.filter((flag) => !flag.startsWith('-')),
    ...(existing ? ['existing'] : []),
    ...(fixture ? [basename(fixture)] : []),
  ].join('-');

/** The generator's flags after `--`: generateFlags alone (a fixture: its flags alone), or the full set. */
export function generatorArgs(name: string, testCase: E2ECase): string[] {
  const only = testCase.generateFlags ?? (testCase.fixture ? (testCase.flags ?? []) : undefined);
  if (only) return ['--name', name, ...only];
  const { stack, appType, packageManager, flags = [] } = testCase;
  return ['--name', name, '--stack', stack, '--appType', appType, '--packageManager', packageManager, ...flags];
}

/** A flag's value among the generator's flags (`--flag value` or `--flag=value`). */
function flagValue(testCase: E2ECase, flag: string): string | undefined {
  const args = generatorArgs('', testCase);
  const inline = args.find((arg) => arg.startsWith(`${flag}=`));
  if (inline) return inline.slice(flag.length + 1);
  return args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined;
}

/** The path verify-image's endpoint check requests: --healthPath when given, /health otherwise. */
export const healthPath = (testCase: E2ECase) => flagValue(testCase, '--healthPath') ?? '/health';

/** The runtime base a case builds on: --base when given, the stack's default otherwise. */
export const caseBase = (testCase: E2ECase) => flagValue(testCase, '--base') ?? STACKS[testCase.stack as StackId].bases[0];

/** The UID the final stage must run as under the default policy (design.md §4 rule 4). */
export function expectedUid(testCase: E2ECase): number {
  return policyUid(DEFAULT_POLICY, testCase.appType as AppType, caseBase(testCase) === 'distroless');
}
