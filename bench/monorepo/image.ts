/** What bench:monorepo asks of a built image: its size, and what its running service answers on /health. */
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { DOCKER } from '../../test/e2e/support/engine.js';

const docker = (args: readonly string[]) => execa(DOCKER, args, { stdin: 'ignore' });

export async function imageMegabytes(tag: string): Promise<number> {
  return Number((await docker(['image', 'inspect', '-f', '{{.Size}}', tag])).stdout) / 1e6;
}

export async function imageId(tag: string): Promise<string> {
  return (await docker(['image', 'inspect', '-f', '{{.Id}}', tag])).stdout.trim();
}

/**
 * Starts the image as it is (its own CMD, PORT=3000), fetches /health from the host over the
 * container's bridge address, removes the container; resolves to the body, or throws after 30 s.
 */
export async function healthBody(tag: string, container: string): Promise<string> {
  await docker(['run', '-d', '--name', container, '-e', 'PORT=3000', tag]);
  try {
    const address = (await docker(['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', container])).stdout.trim();
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await fetch(`http://${address}:3000/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
      if (response?.ok) return await response.text();
      if (Date.now() > deadline) {
        const logs = await execa(DOCKER, ['logs', container], { reject: false, all: true });
        throw new Error(`${tag}: no 200 from /health in 30 s; container log:\n${logs.all}`);
      }
      await sleep(300);
    }
  } finally {
    await execa(DOCKER, ['rm', '-f', container], { reject: false, stdin: 'ignore' });
  }
}
