/**
 * The stack matrix as data: which app types and package managers each stack supports,
 * and what every package manager means for manifests, lockfiles and Dockerfile commands.
 */

export const APP_TYPES = ['api', 'worker', 'frontend'] as const;
export type AppType = (typeof APP_TYPES)[number];

export type Ecosystem = 'python' | 'node';

export interface PackageManagerDefinition {
  readonly id: string;
  readonly ecosystem: Ecosystem;
  /** The file that pins the full dependency tree. */
  readonly lockfile: string;
  /** Files copied into the dependency stage, lockfile included, before any source. */
  readonly dependencyFiles: readonly string[];
  /** Files that, present in a package, say this package manager is in use. */
  readonly markers: readonly string[];
  /** Pinned tool version, where the tool is not bundled with the runtime image. */
  readonly version?: string;
  /** Dockerfile commands; each one line, run with the cache mounted at cacheDir. */
  readonly docker: {
    readonly cacheDir: string;
    /** Run once before any install, in every stage that installs (e.g. enabling corepack). */
    readonly setup?: string;
    readonly installAll: string;
    readonly installProduction: string;
    readonly runBuild: string;
  };
}

export const PACKAGE_MANAGERS = {
  pip: {
    id: 'pip',
    ecosystem: 'python',
    lockfile: 'requirements.txt',
    dependencyFiles: ['requirements.txt'],
    markers: ['requirements.txt'],
    docker: {
      cacheDir: '/root/.cache/pip',
      installAll: 'pip --python /opt/venv/bin/python install --requirement requirements.txt',
      installProduction: 'pip --python /opt/venv/bin/python install --requirement requirements.txt',
      runBuild: '',
    },
  },
  poetry: {
    id: 'poetry',
    ecosystem: 'python',
    lockfile: 'poetry.lock',
    dependencyFiles: ['pyproject.toml', 'poetry.lock'],
    markers: ['poetry.lock'],
    version: '2.1.2',
    docker: {
      cacheDir: '/root/.cache/pypoetry',
      setup: 'python -m venv /opt/poetry && /opt/poetry/bin/pip install "poetry==${POETRY_VERSION}"',
      installAll: '/opt/poetry/bin/poetry install --no-root --no-interaction',
      installProduction: '/opt/poetry/bin/poetry install --only main --no-root --no-interaction',
      runBuild: '',
    },
  },
  npm: {
    id: 'npm',
    ecosystem: 'node',
    lockfile: 'package-lock.json',
    dependencyFiles: ['package.json', 'package-lock.json'],
    markers: ['package-lock.json'],
    docker: {
      cacheDir: '/root/.npm',
      installAll: 'npm ci --no-audit --no-fund',
      installProduction: 'npm ci --omit=dev --no-audit --no-fund',
      runBuild: 'npm run build',
    },
  },
  pnpm: {
    id: 'pnpm',
    ecosystem: 'node',
    lockfile: 'pnpm-lock.yaml',
    dependencyFiles: ['package.json', 'pnpm-lock.yaml'],
    markers: ['pnpm-lock.yaml'],
    version: '10.34.8',
    docker: {
      cacheDir: '/root/.local/share/pnpm/store',
      setup: 'corepack enable pnpm',
      installAll: 'pnpm install --frozen-lockfile',
      installProduction: 'pnpm install --frozen-lockfile --prod',
      runBuild: 'pnpm run build',
    },
  },
  yarn: {
    id: 'yarn',
    ecosystem: 'node',
    lockfile: 'yarn.lock',
    // The glob lets Yarn Classic projects without .yarnrc.yml build too.
    dependencyFiles: ['package.json', 'yarn.lock', '.yarnrc.ym[l]'],
    markers: ['yarn.lock'],
    version: '4.18.1',
    docker: {
      cacheDir: '/root/.yarn/berry/cache',
      setup: 'corepack enable yarn',
      installAll: 'yarn install --immutable',
      installProduction: 'yarn workspaces focus --all --production',
      runBuild: 'yarn run build',
    },
  },
} as const satisfies Record<string, PackageManagerDefinition>;

export type PackageManagerId = keyof typeof PACKAGE_MANAGERS;

export interface StackDefinition {
  readonly id: string;
  readonly label: string;
  readonly ecosystem: Ecosystem;
  readonly appTypes: readonly AppType[];
  /** The first one is the default. */
  readonly packageManagers: readonly PackageManagerId[];
  readonly defaultPort: number;
  /** Default runtime version, a build ARG in the Dockerfile. */
  readonly runtimeVersion: string;
  /** Files whose presence in packages/<name> means the package already exists. */
  readonly manifests: readonly string[];
}

export const STACKS = {
  python: {
    id: 'python',
    label: 'Python (FastAPI)',
    ecosystem: 'python',
    appTypes: ['api', 'worker'],
    packageManagers: ['pip', 'poetry'],
    defaultPort: 8000,
    runtimeVersion: '3.13',
    manifests: ['pyproject.toml', 'requirements.txt'],
  },
  node: {
    id: 'node',
    label: 'Node.js API (Fastify)',
    ecosystem: 'node',
    appTypes: ['api', 'worker'],
    packageManagers: ['npm', 'pnpm', 'yarn'],
    defaultPort: 3000,
    runtimeVersion: '24',
    manifests: ['package.json'],
  },
  nextjs: {
    id: 'nextjs',
    label: 'Next.js (standalone)',
    ecosystem: 'node',
    appTypes: ['frontend'],
    packageManagers: ['npm', 'pnpm', 'yarn'],
    defaultPort: 3000,
    runtimeVersion: '24',
    manifests: ['package.json'],
  },
} as const satisfies Record<string, StackDefinition>;

export type StackId = keyof typeof STACKS;
export const STACK_IDS = Object.keys(STACKS) as StackId[];

export function stackDefinition(id: StackId): StackDefinition {
  return STACKS[id];
}

export function isStackId(value: string): value is StackId {
  return Object.hasOwn(STACKS, value);
}

export function isPackageManagerId(value: string): value is PackageManagerId {
  return Object.hasOwn(PACKAGE_MANAGERS, value);
}

/** Backend services run as 1000, frontends as 1001 (design.md §4 rule 4). */
export function userIdFor(appType: AppType): number {
  return appType === 'frontend' ? 1001 : 1000;
}

/** Every supported stack × appType × packageManager combination, in a stable order. */
export function supportedCombinations(): { stack: StackId; appType: AppType; packageManager: PackageManagerId }[] {
  return STACK_IDS.flatMap((stack) =>
    STACKS[stack].appTypes.flatMap((appType) =>
      STACKS[stack].packageManagers.map((packageManager) => ({ stack, appType, packageManager })),
    ),
  );
}
