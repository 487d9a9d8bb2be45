/**
 * The values templates see, derived from a validated spec and what the package already holds.
 * Anything read from user files is checked here before it can reach a template.
 */
import { parseJson } from './detect.js';
import { PACKAGE_MANAGERS, STACKS } from './stacks.js';
import type { ServiceSpec } from './spec.js';
import { dockerfilePath, packageRoot, type WorkspaceReader } from './workspace.js';

export const HEARTBEAT_FILE = '/tmp/heartbeat';
export const HEARTBEAT_MAX_AGE_SECONDS = 30;

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
  /** Exec-form command, already a JSON array. */
  readonly command: string;
  /** Node packages with a build script: the folder the build writes, copied to the runtime stage. */
  readonly buildOutput: string | false;
  readonly probePartial: string;
  readonly heartbeatFile: string;
  readonly heartbeatMaxAgeSeconds: number;
  readonly dockerfilePath: string;
  readonly contextPath: string;
}

export interface Notice {
  readonly path: string;
  readonly message: string;
}

const SAFE_RELATIVE_PATH = /^(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._@-]+(?:\/[A-Za-z0-9._@-]+)*$/;
const PYTHON_MODULE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Node runtime images already have user node with uid/gid 1000. */
const BASE_IMAGE_USERS: Readonly<Record<string, Readonly<Record<number, string>>>> = { node: { 1000: 'node' } };

export function templateContext(spec: ServiceSpec, workspace: WorkspaceReader): { context: TemplateContext; notices: Notice[] } {
  const stack = STACKS[spec.stack];
  const pm = PACKAGE_MANAGERS[spec.packageManager];
  const notices: Notice[] = [];
  const entry = entrypoint(spec, workspace, notices);
  const existingUser = BASE_IMAGE_USERS[stack.ecosystem]?.[spec.uid];
  const appUser = spec.appType === 'frontend' ? { user: 'nextjs', group: 'nodejs' } : { user: 'app', group: 'app' };
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
    uid: spec.uid,
    gid: spec.gid,
    userName: existingUser ?? appUser.user,
    groupName: existingUser ?? appUser.group,
    createUser: existingUser === undefined,
    writableDir: spec.stack === 'nextjs' ? '/app/.next/cache' : false,
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
    command: `[${entry.command.map((part) => JSON.stringify(part)).join(', ')}]`,
    buildOutput: entry.buildOutput,
    probePartial: `probes/${stack.ecosystem}-${spec.appType === 'worker' ? 'heartbeat' : 'http'}`,
    heartbeatFile: HEARTBEAT_FILE,
    heartbeatMaxAgeSeconds: HEARTBEAT_MAX_AGE_SECONDS,
    dockerfilePath: dockerfilePath(spec.name),
    contextPath: packageRoot(spec.name),
  };
  assertTemplateSafe(context);
  return { context, notices };
}

interface Entrypoint {
  readonly command: readonly string[];
  readonly buildOutput: string | false;
}

function entrypoint(spec: ServiceSpec, workspace: WorkspaceReader, notices: Notice[]): Entrypoint {
  const root = packageRoot(spec.name);
  const existing = spec.mode === 'existing';
  if (spec.stack === 'nextjs') return { command: ['node', 'server.js'], buildOutput: false };
  if (spec.stack === 'python') {
    const module = existing ? findPythonModule(spec, workspace, notices) : spec.appType === 'worker' ? 'app.worker' : 'app.main';
    return spec.appType === 'worker'
      ? { command: ['python', '-m', module], buildOutput: false }
      : {
          command: ['python', '-m', 'uvicorn', `${module}:app`, '--host', '0.0.0.0', '--port', String(spec.port)],
          buildOutput: false,
        };
  }
  const defaultScript = spec.appType === 'worker' ? 'src/worker.js' : 'src/server.js';
  if (!existing) return { command: ['node', defaultScript], buildOutput: false };
  const manifest = parseJson(workspace.read(`${root}/package.json`)) ?? {};
  const scripts = (manifest.scripts ?? {}) as Record<string, unknown>;
  const startScript = typeof scripts.start === 'string' ? /^node\s+(\S+)$/.exec(scripts.start.trim())?.[1] : undefined;
  const candidate = typeof manifest.main === 'string' ? manifest.main.replace(/^\.\//, '') : startScript;
  const script = candidate && SAFE_RELATIVE_PATH.test(candidate) ? candidate : undefined;
  if (!script) {
    notices.push({
      path: `${root}/package.json`,
      message: `no usable "main" or "start": "node <file>" found; the image runs ${defaultScript}, edit CMD in ${dockerfilePath(spec.name)} if that is wrong`,
    });
  }
  const hasBuild = typeof scripts.build === 'string';
  const command = script ?? defaultScript;
  return { command: ['node', command], buildOutput: hasBuild ? command.split('/')[0]! : false };
}

function findPythonModule(spec: ServiceSpec, workspace: WorkspaceReader, notices: Notice[]): string {
  const root = packageRoot(spec.name);
  const stem = spec.appType === 'worker' ? 'worker' : 'main';
  const candidates = [`app/${stem}.py`, `${stem}.py`, `src/${stem}.py`, `app/__main__.py`];
  const found = candidates.find((file) => workspace.exists(`${root}/${file}`));
  const module = (found ?? `app/${stem}.py`).replace(/\.py$/, '').replaceAll('/', '.');
  if (!found || !PYTHON_MODULE.test(module)) {
    notices.push({
      path: root,
      message: `none of ${candidates.join(', ')} found; the image runs module app.${stem}, edit CMD in ${dockerfilePath(spec.name)} if that is wrong`,
    });
    return `app.${stem}`;
  }
  return module;
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
