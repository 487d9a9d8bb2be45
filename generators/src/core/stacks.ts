/**
 * The stack matrix as data: which app types and package managers each stack supports,
 * and what every package manager means for manifests, lockfiles and Dockerfile commands.
 */

export const APP_TYPES = ['api', 'worker', 'frontend'] as const;
export type AppType = (typeof APP_TYPES)[number];

export type Ecosystem = 'python' | 'node' | 'go' | 'rust';

/**
 * The runtime base of the final stage. slim: the stack's Debian `-slim` image (Go/Rust:
 * debian:trixie-slim), a fixed UID per app type. distroless: the stack's `-debian13`
 * distroless image (Go: static, Rust: cc, Node: nodejs<major>, Python: python3), user nonroot.
 */
export const BASES = ['slim', 'distroless'] as const;
export type Base = (typeof BASES)[number];

/**
 * How the HEALTHCHECK probes the service: with the runtime's interpreter (python `urllib`,
 * node `fetch`), a `healthcheck` subcommand of the service binary, or curl (the nginx image ships it).
 */
export type ProbeKind = 'python' | 'node' | 'subcommand' | 'curl';

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
  /**
   * A flavour of the package manager users name as `of` (Yarn 1 of `yarn`), used for an existing
   * package when none of `absent` exists and the first of `matches` whose file exists matches it
   * (a lockfile's header outranks package.json); never for a new package.
   */
  readonly flavour?: {
    readonly of: string;
    readonly matches: readonly { readonly file: string; readonly pattern: RegExp }[];
    readonly absent: readonly string[];
  };
  /**
   * Setups the image's install cannot handle, known from one file of the package: it matches
   * `when`, or (absent too) does not match `unless`. The error reads `<file> <reason>; <fix>`.
   * File checks, not installs: refused while planning, --skipInstall or not.
   */
  readonly unsupported?: readonly { readonly file: string; readonly when?: RegExp; readonly unless?: RegExp; readonly reason: string; readonly fix: string }[];
  /**
   * Commands run on the host in a scratch copy of the dependency files, never in the user's tree.
   * lock: writes only the lockfile of a new package (absent where the skeleton's lockfile is a
   * template, and for a flavour, which no new package gets). frozenCheck: the host's stand-in for the Dockerfile's frozen install; it passes when
   * it exits 0 and leaves the lockfile byte for byte as it was.
   */
  readonly host?: {
    readonly lock?: readonly string[];
    readonly frozenCheck?: {
      readonly command: readonly string[];
      /** What the Dockerfile runs, as the error names it. */
      readonly runs: string;
      /** The command a user runs to bring the lockfile in step with the manifest. */
      readonly fix: string;
      /** Output lines that say which package is missing or mismatched, most telling first. */
      readonly reasons: readonly RegExp[];
      /**
       * Output that says the lockfile passed although the command then fails: Yarn 1 checks the
       * lockfile while resolving, then fetches, which it cannot do offline.
       */
      readonly passedWhen?: RegExp;
    };
  };
  /** Dockerfile commands; each one line, run with the cache mounted at cacheDir. */
  readonly docker: {
    readonly cacheDir: string;
    /**
     * Run once before any install, in every stage that installs, with the npm cache mounted
     * (node: a pinned install of the tool into /opt/<id>, which goes first on PATH).
     */
    readonly setup?: string;
    readonly installAll: string;
    readonly installProduction: string;
    readonly runBuild: string;
    /**
     * A workspace member's image, built from the workspace root: the root files the install reads
     * besides package.json and the lockfile (those present are copied), and the lockfile-only
     * install that prunes the root lockfile to the packages copied beside it, keeping every version
     * it locked. Run with metadataCacheDir mounted. Absent: this manager's workspaces are refused.
     */
    readonly workspace?: { readonly rootFiles: readonly string[]; readonly pruneLockfile: string; readonly metadataCacheDir: string };
  };
}

const PNPM_VERSION = '10.34.8';
const YARN_VERSION = '4.18.1';
/** The host's stand-in for the Yarn 1 the node images ship (/usr/local/bin/yarn). */
const YARN1_VERSION = '1.22.22';

/** Plug'n'Play: no node_modules to copy between the image's stages. */
const PNP_LOADER = {
  file: '.pnp.cjs',
  when: /^/,
  reason: "is Yarn's Plug'n'Play loader: the image copies node_modules between its stages, which Plug'n'Play does not write",
  fix: 'set `nodeLinker: node-modules` in .yarnrc.yml, run `yarn install` and delete .pnp.cjs and .pnp.loader.mjs',
};

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
    host: { lock: ['poetry', 'lock'] },
  },
  uv: {
    id: 'uv',
    ecosystem: 'python',
    lockfile: 'uv.lock',
    dependencyFiles: ['pyproject.toml', 'uv.lock'],
    markers: ['uv.lock'],
    // The uv image tag the deps stage copies the binary from (ARG UV_VERSION).
    version: '0.9.9',
    docker: {
      cacheDir: '/root/.cache/uv',
      installAll: 'uv sync --frozen --no-install-project',
      installProduction: 'uv sync --frozen --no-dev --no-install-project',
      runBuild: '',
    },
    host: { lock: ['uv', 'lock'] },
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
      // Offline: a package-lock.json holds every resolved version and integrity npm needs.
      workspace: { rootFiles: [], pruneLockfile: 'npm install --package-lock-only --offline --ignore-scripts --no-audit --no-fund', metadataCacheDir: '/root/.npm' },
    },
    host: {
      // --prefer-offline: from the seed lockfile, npm needs the registry only for what the cache lacks.
      lock: ['npm', 'install', '--package-lock-only', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'],
      frozenCheck: {
        // npm ci's own lockfile validation (every edge of the manifest and of each locked package
        // has its entry), offline: a lockfile in step needs nothing from the registry to say so.
        command: ['npm', 'ci', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'],
        runs: 'npm ci',
        fix: 'npm install',
        reasons: [/^npm error ((?:Missing|Invalid): .*)$/m, /^npm error (.*(?:in sync|lock file).*)$/m],
      },
    },
  },
  pnpm: {
    id: 'pnpm',
    ecosystem: 'node',
    lockfile: 'pnpm-lock.yaml',
    dependencyFiles: ['package.json', 'pnpm-lock.yaml'],
    markers: ['pnpm-lock.yaml'],
    version: PNPM_VERSION,
    docker: {
      cacheDir: '/root/.local/share/pnpm/store',
      // A pinned install from the npm registry .npmrc names, not corepack: corepack ignores that
      // registry, verifies signatures a registry mirror may not carry, and leaves Node from 25 on.
      setup: `npm install --global --prefix /opt/pnpm --no-audit --no-fund pnpm@${PNPM_VERSION}`,
      installAll: 'pnpm install --frozen-lockfile',
      installProduction: 'pnpm install --frozen-lockfile --prod',
      runBuild: 'pnpm run build',
      // pnpm re-reads each locked package's registry metadata (kept in the mounted cache); the versions stay the lockfile's.
      workspace: {
        rootFiles: ['pnpm-workspace.yaml', '.pnpmfile.cjs'],
        // A patch no copied package uses is not an error: the service may not reach what the workspace patches.
        pruneLockfile: 'pnpm install --lockfile-only --prefer-offline --ignore-scripts --config.allow-unused-patches=true --config.update-notifier=false',
        metadataCacheDir: '/root/.cache/pnpm',
      },
    },
    host: {
      lock: ['npx', '--yes', `pnpm@${PNPM_VERSION}`, 'install', '--lockfile-only', '--prefer-offline', '--ignore-scripts', '--config.allow-unused-patches=true'],
      frozenCheck: {
        command: ['npx', '--yes', `pnpm@${PNPM_VERSION}`, 'install', '--frozen-lockfile', '--lockfile-only', '--offline', '--ignore-scripts'],
        runs: 'pnpm install --frozen-lockfile',
        fix: 'pnpm install',
        reasons: [/^\s*- (\S+ \(lockfile: .*\))$/m, /^\s*(ERR_PNPM_\w+.*)$/m],
      },
    },
  },
  yarn: {
    id: 'yarn',
    ecosystem: 'node',
    lockfile: 'yarn.lock',
    // The glob lets Yarn Classic projects without .yarnrc.yml build too.
    dependencyFiles: ['package.json', 'yarn.lock', '.yarnrc.ym[l]'],
    markers: ['yarn.lock'],
    version: YARN_VERSION,
    unsupported: [
      PNP_LOADER,
      {
        // A Yarn 1 lockfile without .yarnrc.yml is the yarn1 flavour; beside one it is half a migration.
        file: 'yarn.lock',
        when: /^# yarn lockfile v1$/m,
        reason: `is a Yarn 1 lockfile beside a .yarnrc.yml, which the image's Yarn ${YARN_VERSION} would migrate (\`yarn install --immutable\` fails)`,
        fix: `finish the migration: run \`npx -p @yarnpkg/cli-dist@${YARN_VERSION} yarn install\` there and commit yarn.lock, or delete .yarnrc.yml to stay on Yarn 1`,
      },
      {
        file: '.yarnrc.yml',
        when: /^yarnPath:/m,
        reason: `sets yarnPath, a Yarn release the image does not copy (it installs Yarn ${YARN_VERSION} itself)`,
        fix: 'remove the yarnPath line',
      },
      {
        file: '.yarnrc.yml',
        unless: /^nodeLinker:\s*["']?node-modules["']?\s*$/m,
        reason: "does not set `nodeLinker: node-modules`: Yarn would install Plug'n'Play, and the image copies node_modules between its stages",
        fix: 'add that line to it',
      },
    ],
    docker: {
      cacheDir: '/root/.yarn/berry/cache',
      // Yarn 4 beside the image's Yarn 1 (/usr/local/bin/yarn), never over it.
      setup: `npm install --global --prefix /opt/yarn --no-audit --no-fund @yarnpkg/cli-dist@${YARN_VERSION}`,
      installAll: 'yarn install --immutable',
      installProduction: 'yarn workspaces focus --all --production',
      runBuild: 'yarn run build',
      workspace: { rootFiles: ['.yarnrc.yml'], pruneLockfile: 'yarn install --mode=update-lockfile', metadataCacheDir: '/root/.yarn/berry/cache' },
    },
    host: {
      lock: ['npx', '--yes', '-p', `@yarnpkg/cli-dist@${YARN_VERSION}`, 'yarn', 'install', '--mode=update-lockfile'],
      frozenCheck: {
        // `--immutable` cannot be combined with update-lockfile; the unchanged-lockfile rule is its check.
        command: ['npx', '--yes', '-p', `@yarnpkg/cli-dist@${YARN_VERSION}`, 'yarn', 'install', '--mode=update-lockfile'],
        runs: 'yarn install --immutable',
        fix: 'yarn install',
        reasons: [/^➤ (YN\d{4}: .*(?:[Ee]rror|not found|failed|No candidates).*)$/m],
      },
    },
  },
  yarn1: {
    id: 'yarn1',
    ecosystem: 'node',
    lockfile: 'yarn.lock',
    // Not .yarnrc: like .npmrc it may hold registry credentials, and the context excludes it.
    dependencyFiles: ['package.json', 'yarn.lock'],
    markers: [],
    flavour: {
      of: 'yarn',
      matches: [
        { file: 'yarn.lock', pattern: /^# yarn lockfile v1$/m },
        { file: 'package.json', pattern: /"packageManager"\s*:\s*"yarn@1\./ },
      ],
      absent: ['.yarnrc.yml'],
    },
    unsupported: [{ ...PNP_LOADER, file: '.pnp.js', fix: 'remove `installConfig.pnp` from package.json, run `yarn install` and delete .pnp.js' }],
    docker: {
      // `yarn cache dir` of root in the node images (Yarn 1.22 adds its v6 folder below).
      cacheDir: '/usr/local/share/.cache/yarn',
      installAll: 'yarn install --frozen-lockfile --non-interactive',
      installProduction: 'yarn install --frozen-lockfile --production --non-interactive',
      runBuild: 'yarn run build',
    },
    host: {
      frozenCheck: {
        // Offline and with an empty cache of its own: Yarn 1 checks every manifest range against
        // the lockfile while resolving, then stops at the fetch, which needs the registry.
        command: ['npx', '--yes', `yarn@${YARN1_VERSION}`, 'install', '--frozen-lockfile', '--offline', '--ignore-scripts', '--non-interactive', '--cache-folder', '.dockwright-empty-cache'],
        runs: 'yarn install --frozen-lockfile',
        fix: 'yarn install',
        reasons: [/^error (Couldn't find any versions for "[^"]+" that matches "[^"]+")/m, /^error (.*lockfile.*)$/m],
        passedWhen: /^\[2\/4\] Fetching packages/m,
      },
    },
  },
  gomod: {
    id: 'gomod',
    ecosystem: 'go',
    lockfile: 'go.sum',
    // The glob lets modules without dependencies (and so without go.sum) build too.
    dependencyFiles: ['go.mod', 'go.su[m]'],
    markers: ['go.mod'],
    docker: {
      cacheDir: '/go/pkg/mod',
      installAll: 'go mod download',
      installProduction: 'go mod download',
      runBuild: '',
    },
  },
  cargo: {
    id: 'cargo',
    ecosystem: 'rust',
    lockfile: 'Cargo.lock',
    dependencyFiles: ['Cargo.toml', 'Cargo.lock'],
    markers: ['Cargo.toml'],
    docker: {
      cacheDir: '/usr/local/cargo/registry',
      // Every crate in Cargo.lock compiled against a placeholder main: the dependency layer.
      installAll: 'cargo build --release --locked',
      installProduction: 'cargo build --release --locked',
      runBuild: 'cargo build --release --locked',
    },
  },
} as const satisfies Record<string, PackageManagerDefinition>;

export type PackageManagerId = keyof typeof PACKAGE_MANAGERS;

/** The package managers users name; a flavour (Yarn 1) is picked from an existing package's files instead. */
export const PACKAGE_MANAGER_NAMES = (Object.keys(PACKAGE_MANAGERS) as PackageManagerId[]).filter(
  (id) => !('flavour' in PACKAGE_MANAGERS[id]),
);

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
  /** Runtime bases offered; the first one is the default. */
  readonly bases: readonly Base[];
  readonly probe: ProbeKind;
  /** A static binary on a minimal base: held to the policy's `minimal` size budget, not the app type's. */
  readonly minimalImage?: boolean;
  /**
   * Whether `/` may be the health path: always, only for existing apps (the skeleton's home page
   * is at `/`), or never (the image's server answers the health path itself, which would hide `/`).
   */
  readonly rootHealthPath: 'always' | 'existing' | 'never';
  /** The one folder the app writes to at run time (owned by the app user; a tmpfs when the root is read-only). */
  readonly writableDir?: string;
  /**
   * The init the final stage runs as PID 1, where the runtime does not stop on SIGTERM by itself
   * (node as PID 1 ignores it unless the app handles it). Absent: the process is PID 1.
   */
  readonly init?: InitId;
  /** Its template folder has workspace.Dockerfile.hbs: a workspace member is built from the workspace root. */
  readonly workspaceBuild?: boolean;
}

/**
 * Inits as Debian packages, installed in a throwaway stage of the runtime's slim image; only the
 * binary reaches the final stage (the static build on distroless, which may lack its libraries).
 */
export const INITS = {
  tini: { package: 'tini', version: '0.19.0-3+b8', binary: '/usr/bin/tini', staticBinary: '/usr/bin/tini-static' },
} as const;
export type InitId = keyof typeof INITS;

export const STACKS = {
  python: {
    id: 'python',
    label: 'Python (FastAPI)',
    ecosystem: 'python',
    appTypes: ['api', 'worker'],
    packageManagers: ['pip', 'poetry', 'uv'],
    defaultPort: 8000,
    runtimeVersion: '3.13',
    manifests: ['pyproject.toml', 'requirements.txt'],
    bases: ['slim', 'distroless'],
    probe: 'python',
    rootHealthPath: 'always',
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
    bases: ['slim', 'distroless'],
    probe: 'node',
    rootHealthPath: 'always',
    init: 'tini',
    workspaceBuild: true,
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
    bases: ['slim', 'distroless'],
    probe: 'node',
    rootHealthPath: 'existing',
    writableDir: '/app/.next/cache',
    init: 'tini',
    workspaceBuild: true,
  },
  static: {
    id: 'static',
    label: 'Static web frontend (Vite, served by nginx)',
    ecosystem: 'node',
    appTypes: ['frontend'],
    packageManagers: ['npm', 'pnpm', 'yarn'],
    defaultPort: 8080,
    // The node major of the build stage; nginx serves the result.
    runtimeVersion: '24',
    manifests: ['package.json'],
    bases: ['slim'],
    probe: 'curl',
    rootHealthPath: 'never',
  },
  go: {
    id: 'go',
    label: 'Go (net/http, static binary)',
    ecosystem: 'go',
    appTypes: ['api', 'worker'],
    packageManagers: ['gomod'],
    defaultPort: 8080,
    runtimeVersion: '1.24',
    manifests: ['go.mod'],
    bases: ['distroless', 'slim'],
    probe: 'subcommand',
    rootHealthPath: 'always',
    minimalImage: true,
  },
  rust: {
    id: 'rust',
    label: 'Rust (std HTTP server)',
    ecosystem: 'rust',
    appTypes: ['api', 'worker'],
    packageManagers: ['cargo'],
    defaultPort: 8080,
    runtimeVersion: '1.85',
    manifests: ['Cargo.toml'],
    bases: ['distroless', 'slim'],
    probe: 'subcommand',
    rootHealthPath: 'always',
    minimalImage: true,
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

/** The commands a package manager runs on the host (lock, frozen check), where it has them. */
export const hostCommands = (id: PackageManagerId): PackageManagerDefinition['host'] => (PACKAGE_MANAGERS[id] as PackageManagerDefinition).host;

export function isPackageManagerId(value: string): value is PackageManagerId {
  return Object.hasOwn(PACKAGE_MANAGERS, value);
}

export interface Combination {
  readonly stack: StackId;
  readonly appType: AppType;
  readonly packageManager: PackageManagerId;
  readonly base: Base;
}

/** Every supported stack × appType × packageManager × base combination, in a stable order. */
export function supportedCombinations(): Combination[] {
  return STACK_IDS.flatMap((stack) =>
    STACKS[stack].appTypes.flatMap((appType) =>
      STACKS[stack].packageManagers.flatMap((packageManager) =>
        STACKS[stack].bases.map((base) => ({ stack, appType, packageManager, base })),
      ),
    ),
  );
}
