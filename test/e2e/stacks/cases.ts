/**
 * The e2e cases of the stacks and variants added with the full matrix (Go, Rust, static, the
 * distroless base, pnpm/yarn): the same shape as test/e2e/matrix.ts's E2E_CASES, so the e2e
 * suite can take them over as they are (`...STACK_CASES`), plus the base images they need.
 * Not here, because they cannot be built offline: poetry (`poetry lock`/`install` need PyPI) and
 * uv (ghcr.io/astral-sh/uv cannot be pulled, uv.lock cannot be written): structure tests only.
 */
export interface StackCase {
  readonly stack: string;
  readonly appType: string;
  readonly packageManager: string;
  readonly flags?: readonly string[];
  /** A source file whose edit must not reinstall (or recompile) dependencies. */
  readonly sourceFile: string;
  /**
   * Mode existing: the folder under test/e2e/stacks/existing/ copied to packages/<name> before
   * the generator runs (a package as a team already has it).
   */
  readonly existing?: string;
}

const distroless = ['--base', 'distroless'];
const slim = ['--base', 'slim'];

export const STACK_CASES: readonly StackCase[] = [
  { stack: 'go', appType: 'api', packageManager: 'gomod', flags: distroless, sourceFile: 'main.go' },
  { stack: 'go', appType: 'worker', packageManager: 'gomod', flags: distroless, sourceFile: 'main.go' },
  { stack: 'go', appType: 'api', packageManager: 'gomod', flags: slim, sourceFile: 'main.go' },
  { stack: 'rust', appType: 'api', packageManager: 'cargo', flags: distroless, sourceFile: 'src/main.rs' },
  { stack: 'rust', appType: 'worker', packageManager: 'cargo', flags: distroless, sourceFile: 'src/main.rs' },
  { stack: 'rust', appType: 'worker', packageManager: 'cargo', flags: slim, sourceFile: 'src/main.rs' },
  { stack: 'go', appType: 'api', packageManager: 'gomod', flags: distroless, sourceFile: 'main.go', existing: 'go-api' },
  { stack: 'rust', appType: 'worker', packageManager: 'cargo', flags: distroless, sourceFile: 'src/main.rs', existing: 'rust-worker' },
  { stack: 'static', appType: 'frontend', packageManager: 'npm', sourceFile: 'src/main.js' },
  { stack: 'static', appType: 'frontend', packageManager: 'pnpm', sourceFile: 'src/main.js' },
  { stack: 'static', appType: 'frontend', packageManager: 'yarn', sourceFile: 'src/main.js' },
  { stack: 'nextjs', appType: 'frontend', packageManager: 'pnpm', sourceFile: 'app/page.tsx' },
  { stack: 'nextjs', appType: 'frontend', packageManager: 'yarn', sourceFile: 'app/page.tsx' },
  { stack: 'node', appType: 'api', packageManager: 'pnpm', sourceFile: 'src/app.js' },
  { stack: 'node', appType: 'api', packageManager: 'yarn', sourceFile: 'src/app.js' },
  { stack: 'node', appType: 'api', packageManager: 'npm', flags: distroless, sourceFile: 'src/app.js' },
  { stack: 'node', appType: 'worker', packageManager: 'npm', flags: distroless, sourceFile: 'src/worker.js' },
  { stack: 'python', appType: 'api', packageManager: 'pip', flags: distroless, sourceFile: 'app/main.py' },
  { stack: 'python', appType: 'worker', packageManager: 'pip', flags: distroless, sourceFile: 'app/worker.py' },
];

/** The public images those cases build FROM, provided offline by test/e2e/base-images/build.sh. */
export const STACK_BASE_IMAGES = [
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

export const stackCaseName = ({ stack, appType, packageManager, flags = [], existing }: StackCase) =>
  [`stack-${stack}-${appType}-${packageManager}`, ...flags.filter((flag) => !flag.startsWith('-')), ...(existing ? ['existing'] : [])].join('-');
