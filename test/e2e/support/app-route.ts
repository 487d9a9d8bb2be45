/** A route of the app itself (not the health path) answers 200 from the host, once the container is healthy. */
import { execa } from 'execa';
import { DOCKER } from './engine.js';

const HEALTHY_TIMEOUT_MS = 60_000;

export async function routeStatus(image: string, port: number, route: string): Promise<number> {
  const docker = async (args: readonly string[]) => (await execa(DOCKER, args)).stdout.trim();
  const container = await docker(['run', '-d', '-p', `127.0.0.1::${port}`, image]);
  try {
    const started = Date.now();
    while ((await docker(['inspect', '-f', '{{.State.Health.Status}}', container])) !== 'healthy') {
      if (Date.now() - started > HEALTHY_TIMEOUT_MS) throw new Error(`${image} not healthy after ${HEALTHY_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const published = (await docker(['port', container, String(port)])).split('\n')[0]!;
    return (await fetch(`http://${published}${route}`)).status;
  } finally {
    await execa(DOCKER, ['rm', '-f', container], { reject: false });
  }
}
