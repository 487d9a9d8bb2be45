/**
 * What verify-image checks on a built image: the §4 rules that only the image itself can show.
 * Each check returns a row; none throws for a failed rule.
 */
import { docker, dockerOutput } from './docker-cli.js';

export interface Expectations {
  readonly uid: number;
  readonly budgetMb: number;
  /** For images that serve HTTP: the path that must answer 200 from the host. */
  readonly healthPath?: string;
  /** The port the service listens on; default: the first exposed one (a base image may expose its own, e.g. nginx's 80). */
  readonly port?: number;
  /** Seconds to wait for Docker's health status to become healthy. */
  readonly healthTimeoutSeconds: number;
}

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
}

export async function inspectImage(image: string): Promise<ImageConfig> {
  const [inspected] = JSON.parse(await dockerOutput(['image', 'inspect', image])) as {
    Size: number;
    Config: { User?: string; Healthcheck?: { Test?: string[] }; ExposedPorts?: Record<string, unknown> };
  }[];
  return {
    sizeBytes: inspected!.Size,
    user: inspected!.Config.User ?? '',
    healthcheck: inspected!.Config.Healthcheck?.Test,
    exposedPorts: Object.keys(inspected!.Config.ExposedPorts ?? {}).map((port) => Number.parseInt(port, 10)),
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

/** Starts the image, waits for Docker's own health status, probes the endpoint from the host, stops it. */
export async function checkRuntime(image: string, config: ImageConfig, expected: Expectations): Promise<CheckResult[]> {
  const port = expected.port ?? config.exposedPorts[0];
  const publish = port === undefined ? [] : ['-p', `127.0.0.1::${port}`];
  const container = await dockerOutput(['run', '-d', ...publish, image]);
  const results: CheckResult[] = [];
  try {
    results.push(await waitHealthy(container, expected.healthTimeoutSeconds));
    if (port !== undefined && expected.healthPath) results.push(await probeFromHost(container, port, expected.healthPath));
    results.push(await stopWithin(container, 10));
  } finally {
    await docker(['rm', '-f', container]);
  }
  return results;
}

async function waitHealthy(container: string, timeoutSeconds: number): Promise<CheckResult> {
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
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  return { check: 'healthy', ok: status === 'healthy', detail: status === 'healthy' ? `healthy after ${seconds} s` : `${status} after ${seconds} s` };
}

async function probeFromHost(container: string, port: number, path: string): Promise<CheckResult> {
  const published = (await dockerOutput(['port', container, String(port)])).split('\n')[0]!;
  const url = `http://${published}${path}`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { check: 'endpoint', ok: response.status === 200, detail: `GET ${path} → ${response.status}` };
  } catch (error) {
    return { check: 'endpoint', ok: false, detail: `GET ${path} failed: ${(error as Error).message}` };
  }
}

async function stopWithin(container: string, limitSeconds: number): Promise<CheckResult> {
  const started = Date.now();
  await dockerOutput(['stop', '-t', String(limitSeconds), container], { timeoutMs: (limitSeconds + 10) * 1000 });
  const seconds = (Date.now() - started) / 1000;
  const exitCode = Number(await dockerOutput(['inspect', '-f', '{{.State.ExitCode}}', container]));
  const ok = seconds < limitSeconds && exitCode !== 137;
  return { check: 'stop', ok, detail: `${seconds.toFixed(1)} s, exit ${exitCode}${exitCode === 137 ? ' (killed: SIGTERM ignored)' : ''}` };
}
