/**
 * The values templates see, derived from a validated spec and what the package already holds.
 * Anything read from user files is checked here before it can reach a template.
 */
import { compiledBinary, entrypoint } from './entrypoint.js';
import { INITS, PACKAGE_MANAGERS, STACKS, type PackageManagerDefinition, type StackDefinition } from './stacks.js';
import type { ServiceSpec } from './spec.js';
import { buildContext, writableDir } from './targets.js';
import type { ImagePackage, WorkspaceBuild } from './workspace-model.js';
import { dockerIgnorePath, dockerfilePath, type WorkspaceReader } from './workspace.js';

export const HEARTBEAT_FILE = '/tmp/heartbeat';
export const HEARTBEAT_MAX_AGE_SECONDS = 30;
/** How often and how patiently the HEALTHCHECK probes; the compose and Kubernetes probes use the same figures. */
export const HEALTHCHECK_TIMING = { intervalSeconds: 10, timeoutSeconds: 5, startPeriodSeconds: 20, retries: 3 } as const;

export interface TemplateContext {
  readonly name: string;
  readonly stack: string;
  readonly appType: string;
  readonly packageManager: string;
  readonly isApi: boolean;
  readonly isWorker: boolean;
  readonly isFrontend: boolean;
  readonly port: number | false;
  readonly healthPath: string | false;
  /** healthPath without its leading slash: a folder path for file-system routers. */
  readonly healthRoute: string | false;
  readonly runtimeVersion: string;
  /** Runtime base variant: slim or distroless. */
  readonly base: string;
  readonly isDistroless: boolean;
  /** The runtime's interpreter as the CMD and probe name it (distroless images have no PATH lookup to rely on). */
  readonly interpreter: string;
  /** Go/Rust: the service binary, installed as /usr/local/bin/<binaryName>. */
  readonly binaryName: string;
  /** Go: the main package to build (`.` or `./cmd/<name>`). */
  readonly mainPackage: string;
  /**
   * Existing Go/Rust packages: the HEALTHCHECK runs dockwright-healthcheck, a probe dockwright adds
   * to the package and builds beside the service (a new skeleton answers `healthcheck` itself).
   */
  readonly probeBinary: boolean;
  /** The runtime image has an ENTRYPOINT of its own (distroless interpreter, nginx script) that CMD must not go through. */
  readonly resetEntrypoint: boolean;
  /** The init that is PID 1 (the ENTRYPOINT): its Debian package, and its binary in the init stage and in the image. */
  readonly init: { readonly package: string; readonly version: string; readonly source: string; readonly path: string } | false;
  readonly uid: number;
  readonly gid: number;
  /** Name of the runtime user; created by the Dockerfile unless the base image has it. */
  readonly userName: string;
  readonly groupName: string;
  readonly createUser: boolean;
  /** The one folder the app may write to, owned by the app user. */
  readonly writableDir: string | false;
  readonly pm: {
    readonly id: string;
    readonly version: string | false;
    readonly lockfile: string;
    readonly dependencyFiles: string;
    readonly cacheDir: string;
    readonly setup: string | false;
    readonly installAll: string;
    readonly installProduction: string;
    readonly runBuild: string;
  };
  /** A new package.json's `packageManager` (Corepack's `pnpm@10.34.8`); false where none is pinned, and for a workspace member, whose root's field rules. */
  readonly packageManagerField: string | false;
  /** Exec-form command, already a JSON array. */
  readonly command: string;
  /** Node packages with a build script, static sites: the folder the build writes, copied to the runtime stage. */
  readonly buildOutput: string | false;
  /** tsc compiles the tests and they set its root folder: the .dockerignore keeps them; the runtime stage never copies them. */
  readonly buildNeedsTests: boolean;
  /** The package's `prepare` script (run by npm and pnpm after an install) is removed from package.json before each install. */
  readonly installSkipsPrepare: boolean;
  readonly probePartial: string;
  readonly heartbeatFile: string;
  readonly heartbeatMaxAgeSeconds: number;
  readonly healthcheck: typeof HEALTHCHECK_TIMING;
  readonly dockerfilePath: string;
  readonly contextPath: string;
  /** The image repository name build-image tags. */
  readonly image: string;
  /** A workspace member, built from the workspace root: what its Dockerfile copies, prunes, installs and builds. */
  readonly workspace: WorkspaceContext | false;
}

export interface WorkspaceContext {
  /** The root files the install reads. */
  readonly rootFiles: readonly string[];
  /**
   * The same but the lockfile, space-separated for the manifests stage's one COPY: the root lockfile
   * reaches only the lockfile stage, so the installs depend on it only through its pruned output.
   */
  readonly manifestFilesLine: string;
  readonly rootFolders: readonly string[];
  readonly lockfile: string;
  readonly pruneLockfile: string;
  readonly metadataCacheDir: string;
  /** The internal packages, dependencies first, then the service: each copied whole, or only what its build writes. */
  readonly packages: readonly ImagePackage[];
  /** Those with a build, in the same order: built one after the other in the build stage. */
  readonly builds: readonly ImagePackage[];
  readonly servicePath: string;
  /** BuildKit reads it for this Dockerfile instead of the context's .dockerignore. */
  readonly ignoreFile: string;
  readonly buildFiles: readonly string[];
  readonly buildFilesLine: string;
  /** One command for every build (Nx), else false: each package's build script, one after the other. */
  readonly buildCommand: string | false;
}

export interface Notice {
  readonly path: string;
  readonly message: string;
}


/** Node runtime images already have user node with uid/gid 1000; distroless images have nonroot 65532. */
const BASE_IMAGE_USERS: Readonly<Record<string, Readonly<Record<number, string>>>> = { node: { 1000: 'node' } };
const DISTROLESS_USER = 'nonroot';

/** The interpreter binary of each runtime image, as CMD and HEALTHCHECK call it. */
const INTERPRETERS: Readonly<Record<string, { readonly slim: string; readonly distroless: string }>> = {
  python: { slim: 'python', distroless: '/usr/bin/python3' },
  node: { slim: 'node', distroless: '/nodejs/bin/node' },
};

/**
 * Go/Rust: the binary's `healthcheck` subcommand, or dockwright-healthcheck for existing packages;
 * static: curl; python/node: the interpreter with an HTTP or heartbeat one-liner.
 */
function probePartialFor(stack: StackDefinition, isWorker: boolean, probeBinary: boolean): string {
  if (stack.probe === 'subcommand') return probeBinary ? 'probes/probe-binary' : 'probes/subcommand';
  if (stack.probe === 'curl') return 'probes/curl-http';
  return `probes/${stack.probe}-${isWorker ? 'heartbeat' : 'http'}`;
}

function initFor(stack: StackDefinition, base: ServiceSpec['base']): TemplateContext['init'] {
  if (!stack.init) return false;
  const init = INITS[stack.init];
  return { package: init.package, version: init.version, source: base === 'distroless' ? init.staticBinary : init.binary, path: init.binary };
}

function runtimeUser(spec: ServiceSpec, stack: StackDefinition): { user: string; group: string; create: boolean } {
  if (spec.base === 'distroless') return { user: DISTROLESS_USER, group: DISTROLESS_USER, create: false };
  const existing = BASE_IMAGE_USERS[spec.stack === 'static' ? 'nginx' : stack.ecosystem]?.[spec.uid];
  if (existing) return { user: existing, group: existing, create: false };
  if (spec.stack === 'nextjs') return { user: 'nextjs', group: 'nodejs', create: true };
  if (spec.stack === 'static') return { user: 'web', group: 'web', create: true };
  return { user: 'app', group: 'app', create: true };
}

export function templateContext(spec: ServiceSpec, workspace: WorkspaceReader): { context: TemplateContext; notices: Notice[] } {
  const stack: StackDefinition = STACKS[spec.stack];
  const pm = PACKAGE_MANAGERS[spec.packageManager];
  const notices: Notice[] = [];
  const interpreter = INTERPRETERS[stack.ecosystem]?.[spec.base] ?? '';
  const binary = compiledBinary(spec, workspace, notices);
  const entry = entrypoint(spec, workspace, notices, interpreter, binary.name);
  const user = runtimeUser(spec, stack);
  const probeBinary = stack.probe === 'subcommand' && spec.mode === 'existing';
  const context: TemplateContext = {
    name: spec.name,
    stack: spec.stack,
    appType: spec.appType,
    packageManager: spec.packageManager,
    isApi: spec.appType === 'api',
    isWorker: spec.appType === 'worker',
    isFrontend: spec.appType === 'frontend',
    port: spec.port ?? false,
    healthPath: spec.healthPath ?? false,
    healthRoute: spec.healthPath?.slice(1) ?? false,
    runtimeVersion: spec.runtimeVersion,
    base: spec.base,
    isDistroless: spec.base === 'distroless',
    interpreter,
    binaryName: binary.name,
    mainPackage: binary.mainPackage,
    probeBinary,
    resetEntrypoint: spec.base === 'distroless' ? stack.probe === 'python' || stack.probe === 'node' : spec.stack === 'static',
    init: initFor(stack, spec.base),
    uid: spec.uid,
    gid: spec.gid,
    userName: user.user,
    groupName: user.group,
    createUser: user.create,
    writableDir: writableDir(spec) ?? false,
    pm: {
      id: pm.id,
      version: 'version' in pm ? pm.version : false,
      lockfile: pm.lockfile,
      dependencyFiles: pm.dependencyFiles.join(' '),
      cacheDir: pm.docker.cacheDir,
      setup: 'setup' in pm.docker ? pm.docker.setup : false,
      installAll: pm.docker.installAll,
      installProduction: pm.docker.installProduction,
      runBuild: pm.docker.runBuild,
    },
    packageManagerField: 'version' in pm && !spec.joins ? `${pm.id}@${pm.version}` : false,
    command: `[${entry.command.map((part) => JSON.stringify(part)).join(', ')}]`,
    buildOutput: entry.buildOutput,
    buildNeedsTests: entry.keepsTests ?? false,
    installSkipsPrepare: entry.skipsPrepare ?? false,
    probePartial: probePartialFor(stack, spec.appType === 'worker', probeBinary),
    heartbeatFile: HEARTBEAT_FILE,
    heartbeatMaxAgeSeconds: HEARTBEAT_MAX_AGE_SECONDS,
    healthcheck: HEALTHCHECK_TIMING,
    dockerfilePath: dockerfilePath(spec.name),
    contextPath: buildContext(spec),
    image: spec.image,
    workspace: spec.workspace ? workspaceContext(spec, spec.workspace, entry.buildOutput) : false,
  };
  assertTemplateSafe(context);
  return { context, notices };
}

function workspaceContext(spec: ServiceSpec, build: WorkspaceBuild, serviceOutput: string | false): WorkspaceContext {
  const prune = (PACKAGE_MANAGERS[spec.packageManager] as PackageManagerDefinition).docker.workspace;
  if (!prune) throw new Error(`unreachable: ${spec.packageManager} workspaces are refused when detected`);
  const packages = [...build.internal, { ...build.service, buildOutput: serviceOutput }];
  return {
    rootFiles: build.rootFiles,
    manifestFilesLine: build.rootFiles.filter((file) => file !== build.lockfile).join(' '),
    rootFolders: build.rootFolders,
    lockfile: build.lockfile,
    pruneLockfile: prune.pruneLockfile,
    metadataCacheDir: prune.metadataCacheDir,
    packages,
    builds: packages.filter((item) => item.buildOutput !== false),
    servicePath: build.service.path,
    ignoreFile: dockerIgnorePath(spec.name),
    buildFiles: build.buildFiles,
    buildFilesLine: build.buildFiles.join(' '),
    buildCommand: build.buildCommand ?? false,
  };
}

/**
 * Defence in depth behind spec validation: no value may carry a line break, and no value but the
 * JSON-encoded command may carry a quote, backslash, backtick or `$`. Either could end a Dockerfile
 * instruction or start a new one.
 */
export function assertTemplateSafe(context: TemplateContext): void {
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      const forbidden = key === 'command' ? /[\r\n]/ : /[\r\n"'`\\$]/;
      if (forbidden.test(value) && !TRUSTED_KEYS.has(key)) {
        throw new Error(`unsafe template value for ${key}: ${JSON.stringify(value)}`);
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [childKey, child] of Object.entries(value)) visit(child, key ? `${key}.${childKey}` : childKey);
    }
  };
  visit(context, '');
}

/** Constants from our own package-manager table; they legitimately quote a version ARG. */
const TRUSTED_KEYS = new Set(['pm.setup']);
