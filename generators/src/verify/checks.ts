/**
 * What verify-image checks on a built image: the §4 rules that only the image itself can show.
 * Each check returns a row; none throws for a failed rule.
 */
import { get } from 'node:http';
import { TMP_DIR } from '../core/deploy/facts.js';
import { docker, dockerOutput, type ImageEntry } from './docker-cli.js';

export interface Expectations {
  readonly uid: number;
  readonly budgetMb: number;
  /** For images that serve HTTP: the path that must answer 200 from the host. */
  readonly healthPath?: string;
  /** The port the service listens on; default: the first exposed one (a base image may expose its own, e.g. nginx's 80). */
  readonly port?: number;
  /** Seconds to wait for Docker's health status to become healthy. */
  readonly healthTimeoutSeconds: number;
  /** The folder the app writes to, a tmpfs beside /tmp on the read-only root. */
  readonly writableDir?: string;
}

/**
 * How every image must run (design.md §4.13), as the generated compose and Kubernetes manifests
 * run it: read-only root with tmpfs /tmp, no capabilities, no privilege escalation.
 */
export function hardenedRunFlags(expected: Pick<Expectations, 'writableDir'>): string[] {
  return ['--read-only', ...tmpfsFolders(expected).flatMap((folder) => ['--tmpfs', folder]), '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges'];
}

/** The folders a hardened run mounts writable: /tmp, as the manifests do, and the app's one folder. */
const tmpfsFolders = (expected: Pick<Expectations, 'writableDir'>) => [TMP_DIR, ...(expected.writableDir ? [expected.writableDir] : [])];

export interface CheckResult {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface ImageConfig {
  readonly sizeBytes: number;
  readonly user: string;
  readonly healthcheck: readonly string[] | undefined;
  readonly exposedPorts: readonly number[];
  /** The WORKDIR the image runs in; empty when it sets none. */
  readonly workingDir: string;
}

export async function inspectImage(image: string): Promise<ImageConfig> {
  const [inspected] = JSON.parse(await dockerOutput(['image', 'inspect', image])) as {
    Size: number;
    Config: { User?: string; Healthcheck?: { Test?: string[] }; ExposedPorts?: Record<string, unknown>; WorkingDir?: string };
  }[];
  return {
    sizeBytes: inspected!.Size,
    user: inspected!.Config.User ?? '',
    healthcheck: inspected!.Config.Healthcheck?.Test,
    exposedPorts: Object.keys(inspected!.Config.ExposedPorts ?? {}).map((port) => Number.parseInt(port, 10)),
    workingDir: inspected!.Config.WorkingDir ?? '',
  };
}

const MB = 1_000_000;

export function checkSize(config: ImageConfig, expected: Expectations): CheckResult {
  const sizeMb = config.sizeBytes / MB;
  return { check: 'size', ok: sizeMb < expected.budgetMb, detail: `${sizeMb.toFixed(1)} MB (budget ${expected.budgetMb} MB)` };
}

export function checkUser(config: ImageConfig, expected: Expectations): CheckResult {
  const [user, group] = config.user.split(':');
  const numeric = /^\d+$/.test(user ?? '') && (group === undefined || /^\d+$/.test(group));
  const ok = numeric && Number(user) === expected.uid && Number(user) !== 0;
  const why = !config.user ? 'no USER: runs as root' : !numeric ? 'not numeric: runAsNonRoot cannot verify it' : `expected ${expected.uid}`;
  return { check: 'user', ok, detail: ok ? config.user : `${config.user || 'root'} (${why})` };
}

/**
 * An exec-form HEALTHCHECK whose probe the image really has: curl or wget only where the image
 * ships them (the nginx image has curl; slim and distroless images have neither).
 */
export function checkHealthcheckDeclared(config: ImageConfig, files: readonly string[]): CheckResult {
  const test = config.healthcheck;
  if (!test || test[0] === 'NONE') return { check: 'healthcheck', ok: false, detail: 'no HEALTHCHECK' };
  const tool = /\b(curl|wget)\b/.exec(test.slice(1).join(' '))?.[1];
  const present = (name: string) => files.some((file) => new RegExp(`^(\\./)?(usr/)?(local/)?s?bin/${name}$`).test(file));
  const missingTool = tool !== undefined && !present(tool);
  return {
    check: 'healthcheck',
    ok: test[0] === 'CMD' && !missingTool,
    detail: test[0] !== 'CMD' ? 'shell form' : missingTool ? `probes with ${tool}, which the image lacks` : tool ? `exec form (${tool}, in the image)` : 'exec form',
  };
}

/** Compilers, build systems, package-manager caches, VCS folders and tests that a runtime image must not carry. */
const FORBIDDEN = [
  { what: 'compiler or build tool', pattern: /^(usr\/(local\/)?)?bin\/(gcc|g\+\+|cc|c\+\+|clang|make|cmake|cargo|rustc|go)(-\d+)?$/ },
  { what: 'compiler or build tool', pattern: /^usr\/local\/go\/bin\/go$/ },
  { what: 'package-manager cache', pattern: /^root\/(\.cache\/(pip|pypoetry|uv)|\.npm\/_cacache|\.local\/share\/pnpm|\.yarn\/berry\/cache|\.cargo\/registry)\// },
  { what: '.git folder', pattern: /(^|\/)\.git\/$/ },
  { what: 'tests', pattern: /^app\/(tests?|__tests__)\/$/ },
];

export function checkBuildTools(files: readonly string[]): CheckResult {
  const found = files.flatMap((file) => {
    const path = file.replace(/^\.\//, '');
    const match = FORBIDDEN.find(({ pattern }) => pattern.test(path));
    return match ? [`${match.what}: /${path}`] : [];
  });
  return { check: 'build tools', ok: found.length === 0, detail: found.length === 0 ? 'none' : found.slice(0, 3).join(', ') };
}

/**
 * App files belong to root (design.md §4.4): nothing in the working directory, the directory itself
 * included, is the app user's, except the one folder it writes to. An app that owns its folder can
 * replace its own code. A working directory that is a user's home holds no app (Go and Rust
 * binaries live in /usr/local/bin).
 */
export function checkAppFiles(config: ImageConfig, entries: readonly ImageEntry[], expected: Expectations): CheckResult {
  const folder = config.workingDir.replace(/^\/+|\/+$/g, '');
  if (!folder) return { check: 'app files', ok: true, detail: 'no working directory' };
  // A user's home is theirs (distroless static and cc start in /home/nonroot); the app is elsewhere.
  if (/^(home\/[^/]+|root)$/.test(folder)) return { check: 'app files', ok: true, detail: `/${folder} is the user's home; no app files in it` };
  const writable = expected.writableDir?.replace(/^\/+|\/+$/g, '');
  const inside = (path: string, root: string) => path === root || path.startsWith(`${root}/`);
  const owned = entries
    .map((entry) => ({ ...entry, path: entry.path.replace(/^\.\//, '').replace(/\/$/, '') }))
    .filter(({ path, uid }) => uid === expected.uid && inside(path, folder) && !(writable && inside(path, writable)));
  return {
    check: 'app files',
    ok: owned.length === 0,
    detail: owned.length === 0 ? `/${folder} root-owned${writable ? ` (writable: /${writable})` : ''}` : `owned by ${expected.uid}: ${owned.slice(0, 3).map(({ path }) => `/${path}`).join(', ')}`,
  };
}

/** Starts the image hardened, waits for Docker's own health status, probes the endpoint from the host, stops it. */
export async function checkRuntime(image: string, config: ImageConfig, expected: Expectations): Promise<CheckResult[]> {
  const port = expected.port ?? config.exposedPorts[0];
  const publish = port === undefined ? [] : ['-p', `127.0.0.1::${port}`];
  const container = await dockerOutput(['run', '-d', ...hardenedRunFlags(expected), ...publish, image]);
  const results: CheckResult[] = [];
  try {
    const health = await waitHealthy(container, expected.healthTimeoutSeconds);
    if (health.status === 'exited' || (await dockerOutput(['inspect', '-f', '{{.State.Running}}', container])) !== 'true') {
      results.push({ check: 'healthy', ok: false, detail: await exitReport(container, health.seconds) });
      return results;
    }
    const hardened = `read-only root, tmpfs ${tmpfsFolders(expected).join(' ')}, cap-drop ALL, no-new-privileges`;
    results.push({ check: 'healthy', ok: health.status === 'healthy', detail: `${health.status} after ${health.seconds} s (${hardened})` });
    if (port !== undefined && expected.healthPath) results.push(await probeFromHost(container, port, expected.healthPath, health.status === 'healthy'));
    results.push(await stopWithin(container, 10));
  } finally {
    await docker(['rm', '-f', container]);
  }
  return results;
}

async function waitHealthy(container: string, timeoutSeconds: number): Promise<{ status: string; seconds: string }> {
  const started = Date.now();
  let status = 'starting';
  while (Date.now() - started < timeoutSeconds * 1000) {
    status = await dockerOutput(['inspect', '-f', '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}', container]);
    if (status === 'healthy' || status === 'unhealthy' || status === 'none') break;
    if ((await dockerOutput(['inspect', '-f', '{{.State.Running}}', container])) !== 'true') {
      status = 'exited';
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { status, seconds: ((Date.now() - started) / 1000).toFixed(0) };
}

const LOG_LINES = 5;
const LOG_CHARS = 400;

/** Why a container stopped, as a user needs it: its exit code, restarts, and the last lines it wrote. */
async function exitReport(container: string, seconds: string): Promise<string> {
  const [exitCode, restarts] = (await dockerOutput(['inspect', '-f', '{{.State.ExitCode}} {{.RestartCount}}', container])).split(' ');
  const logs = await docker(['logs', '--tail', String(LOG_LINES), container]);
  const lines = `${logs.stdout}\n${logs.stderr}`.split('\n').map((line) => line.trim()).filter(Boolean);
  const tail = lines.join(' | ').slice(-LOG_CHARS);
  const restarted = Number(restarts) > 0 ? `, restarted ${restarts} time(s)` : '';
  return `exited with code ${exitCode} after ${seconds} s${restarted}${tail ? `; last output: ${tail}` : ', no output'}`;
}

async function probeFromHost(container: string, port: number, path: string, healthyInside: boolean): Promise<CheckResult> {
  const published = (await dockerOutput(['port', container, String(port)])).split('\n')[0]!;
  const url = `http://${published}${path}`;
  try {
    const status = await httpStatus(url, 5000);
    return { check: 'endpoint', ok: status === 200, detail: `GET ${path} → ${status}` };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    // The HEALTHCHECK probes 127.0.0.1 inside the container: healthy there but unreachable through
    // the published port means the app binds the container's loopback only.
    const hint = healthyInside ? `; the container is healthy inside, so the app listens on 127.0.0.1 only: bind it to 0.0.0.0 (e.g. HOST=0.0.0.0)` : '';
    return { check: 'endpoint', ok: false, detail: `GET ${path} failed from the host (${reason})${hint}` };
  }
}

/**
 * node:http rather than fetch: Node 20's fetch can drop its promise when the peer resets the
 * connection (what docker-proxy does when nothing listens behind it), and the process then ends.
 */
function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
  });
}

async function stopWithin(container: string, limitSeconds: number): Promise<CheckResult> {
  const started = Date.now();
  await dockerOutput(['stop', '-t', String(limitSeconds), container], { timeoutMs: (limitSeconds + 10) * 1000 });
  const seconds = (Date.now() - started) / 1000;
  const exitCode = Number(await dockerOutput(['inspect', '-f', '{{.State.ExitCode}}', container]));
  const ok = seconds < limitSeconds && exitCode !== 137;
  return { check: 'stop', ok, detail: `${seconds.toFixed(1)} s, exit ${exitCode}${exitCode === 137 ? ' (killed: SIGTERM ignored)' : ''}` };
}
