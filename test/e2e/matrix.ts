/**
 * What the e2e suite builds on a real engine: every stack × appType × packageManager × base that
 * builds offline here, new packages and existing ones. Not here, because they cannot be built
 * offline: poetry (`poetry lock`/`install` need PyPI) and uv (ghcr.io/astral-sh/uv cannot be
 * pulled, uv.lock cannot be written): the structure tests cover them (README lists them).
 */
export interface E2ECase {
  readonly stack: string;
  readonly appType: string;
  readonly packageManager: string;
  /** Extra generator flags (a base variant). */
  readonly flags?: readonly string[];
  /** A source file whose edit must not reinstall (or recompile) dependencies. */
  readonly sourceFile: string;
  /** Mode existing: the folder under test/e2e/existing/ copied to packages/<name> before generating. */
  readonly existing?: string;
}

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

export const caseName = ({ stack, appType, packageManager, flags = [], existing }: E2ECase) =>
  [`e2e-${stack}-${appType}-${packageManager}`, ...flags.filter((flag) => !flag.startsWith('-')), ...(existing ? ['existing'] : [])].join('-');

/** The UID the final stage must run as under the default policy (design.md §4 rule 4). */
export function expectedUid({ stack, appType, flags = [] }: E2ECase): number {
  const given = flags.includes('--base') ? flags[flags.indexOf('--base') + 1] : undefined;
  const base = given ?? STACKS[stack as StackId].bases[0];
  return policyUid(DEFAULT_POLICY, appType as AppType, base === 'distroless');
}
