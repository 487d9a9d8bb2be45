/**
 * Which Docker engine the e2e suite uses. Outside CI a missing engine skips the suite loudly;
 * with CI=true it is a failure.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';

/** The docker.io client ships the BuildKit builder; a newer client without buildx cannot build. */
export const DOCKER = process.env.DOCKWRIGHT_DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

export async function engineAnswers(): Promise<boolean> {
  const info = await execa(DOCKER, ['info', '--format', '{{.ServerVersion}}'], { reject: false, timeout: 20_000 });
  return info.exitCode === 0;
}

/** Environment for commands that call `docker` by name (the Nx targets): our client first on PATH. */
export function dockerEnv(): Record<string, string> {
  const binDir = DOCKER.includes('/') ? DOCKER.slice(0, DOCKER.lastIndexOf('/')) : undefined;
  return {
    DOCKWRIGHT_DOCKER: DOCKER,
    DOCKER_BUILDKIT: '1',
    PATH: binDir ? `${binDir}:${process.env.PATH}` : process.env.PATH!,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_SKIP_NX_CACHE: 'true',
  };
}

export async function missingImages(images: readonly string[]): Promise<string[]> {
  const checks = await Promise.all(
    images.map(async (image) => ((await execa(DOCKER, ['image', 'inspect', image], { reject: false })).exitCode === 0 ? [] : [image])),
  );
  return checks.flat();
}

/** `describe` when an engine answers; otherwise a loud skip, or a failure under CI=true. */
export async function describeWithEngine(): Promise<typeof describe> {
  const { describe } = await import('@jest/globals');
  if (await engineAnswers()) return describe;
  const message = `No Docker engine answers (${DOCKER} info). Start one with \`.ci/engine.sh start\`.`;
  if (process.env.CI === 'true') throw new Error(`${message} CI=true: the end-to-end suite cannot be skipped.`);
  console.warn(`\n*** SKIPPING the end-to-end image suite: ${message} ***\n`);
  return describe.skip as unknown as typeof describe;
}
