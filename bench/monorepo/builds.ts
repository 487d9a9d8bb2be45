/**
 * The two ways bench:monorepo builds a service's image from the same workspace: dockwright's
 * generated build-image command, and `turbo prune --docker` followed by the with-docker style
 * reference Dockerfile; each build read from BuildKit's plain log.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { DOCKER, dockerEnv } from '../../test/e2e/support/engine.js';
import { dependencySteps, rebuild, runSteps } from '../../test/e2e/support/workspace.js';
import { timed } from '../median.js';
import { packageName, USER_NPM_ENV } from './workspace.js';

export const TURBO = 'turbo@2.11.11';
const TURBO_DOCKERFILE = new URL('../reference/turbo-prune.Dockerfile', import.meta.url).pathname;
/** The reference Dockerfile's install stage (the with-docker example's name for it). */
const TURBO_INSTALL_STAGE = 'installer';

export interface Build {
  readonly seconds: number;
  /** Bytes BuildKit sent for the build context ("transferring context" of "load build context"). */
  readonly contextBytes: number;
  readonly installSteps: readonly { step: string; cached: boolean }[];
  /** The image's own lockfile-pruning steps (dockwright's lockfile stage; turbo prunes on the host). */
  readonly pruneSteps: readonly { step: string; cached: boolean }[];
}

export interface Builder {
  readonly label: string;
  readonly tag: string;
  /** Builds `service` of the workspace at `root`; `cold` adds --no-cache. */
  build(root: string, cold: boolean): Promise<Build>;
}

const UNITS: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 };

/** The build context's size from a plain BuildKit log (go-units' decimal sizes: 6.04kB). */
export function contextBytes(log: string): number {
  const step = /^#(\d+) \[internal\] load build context$/m.exec(log)?.[1];
  const sizes = step ? [...log.matchAll(new RegExp(`^#${step} transferring context: ([\\d.]+)(B|kB|MB|GB)`, 'gm'))] : [];
  const last = sizes.at(-1);
  if (!last) throw new Error('no "transferring context" line for the build context in the BuildKit log');
  return Number(last[1]) * UNITS[last[2]!]!;
}

/** The log of a command that succeeded; otherwise its tail goes to stderr and a one-line error is thrown. */
function checked(what: string, run: { log: string; exitCode: number | undefined }): string {
  if (run.exitCode === 0) return run.log;
  const lines = run.log.trim().split('\n');
  console.error(lines.slice(-25).join('\n'));
  const reason = lines.filter((line) => /error/i.test(line)).at(-1) ?? lines.at(-1);
  throw new Error(`${what} failed (exit ${run.exitCode}): ${reason}`);
}

/** The image tag the generated build-image command gives (`-t <image>:latest`). */
export function generatedTag(root: string, service: string): string {
  const project = JSON.parse(readFileSync(join(root, 'packages', service, 'project.json'), 'utf8'));
  const words = String(project.targets['build-image'].options.command).split(' ');
  return words[words.indexOf('-t') + 1]!;
}

/** dockwright: the build-image target's command, from the workspace root. */
export function ours(root: string, service: string): Builder {
  return {
    label: 'dockwright (generated build-image command)',
    tag: generatedTag(root, service),
    async build(workspace, cold) {
      const run = await rebuild(workspace, service, cold ? ['--no-cache'] : []);
      const log = checked('docker build', run);
      return { seconds: run.seconds, contextBytes: contextBytes(log), installSteps: dependencySteps(log), pruneSteps: runSteps(log, 'lockfile') };
    },
  };
}

/**
 * turbo: `turbo prune <package> --docker` into a folder beside the workspace (so its out/ is never
 * in the other build's context), then the reference Dockerfile over that folder. Its time includes
 * the prune, which every rebuild needs.
 */
export function turbo(service: string, tag: string): Builder {
  return {
    label: `turbo prune --docker (${TURBO}) + bench/reference/turbo-prune.Dockerfile`,
    tag,
    async build(workspace, cold) {
      const out = `${workspace}-turbo-out`;
      let log = '';
      const seconds = await timed(async () => {
        rmSync(out, { recursive: true, force: true });
        const prune = await execa('npx', ['--yes', TURBO, 'prune', packageName(service), '--docker', '--out-dir', out], {
          cwd: workspace,
          env: { ...USER_NPM_ENV, TURBO_TELEMETRY_DISABLED: '1' },
          stdin: 'ignore',
          all: true,
          reject: false,
        });
        checked('turbo prune', { log: String(prune.all), exitCode: prune.exitCode });
        const args = ['build', '-f', TURBO_DOCKERFILE, '--build-arg', `SERVICE=${service}`, '-t', tag, '--progress=plain', ...(cold ? ['--no-cache'] : []), out];
        const run = await execa(DOCKER, args, { env: dockerEnv(), stdin: 'ignore', all: true, reject: false });
        log = checked('docker build', { log: String(run.all), exitCode: run.exitCode });
      });
      return { seconds, contextBytes: contextBytes(log), installSteps: runSteps(log, TURBO_INSTALL_STAGE), pruneSteps: [] };
    },
  };
}
