/** A route of the app itself (not the health path) as the host sees it, once the container is healthy: its status or its body. */
import { execa } from 'execa';
import { DOCKER } from './engine.js';

const HEALTHY_TIMEOUT_MS = 60_000;

export const routeStatus = (image: string, port: number, route: string) => fromHealthyContainer(image, port, route, async (response) => response.status);

/** The route's body, once the container is healthy. */
export const routeBody = (image: string, port: number, route: string) => fromHealthyContainer(image, port, route, (response) => response.text());

async function fromHealthyContainer<T>(image: string, port: number, route: string, read: (response: Response) => Promise<T>): Promise<T> {
  const docker = async (args: readonly string[]) => (await execa(DOCKER, args)).stdout.trim();
  const container = await docker(['run', '-d', '-p', `127.0.0.1::${port}`, image]);
  try {
    const started = Date.now();
    while ((await docker(['inspect', '-f', '{{.State.Health.Status}}', container])) !== 'healthy') {
      if (Date.now() - started > HEALTHY_TIMEOUT_MS) throw new Error(`${image} not healthy after ${HEALTHY_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const published = (await docker(['port', container, String(port)])).split('\n')[0]!;
    return await read(await fetch(`http://${published}${route}`));
  } finally {
    await execa(DOCKER, ['rm', '-f', container], { reject: false });
  }
}
