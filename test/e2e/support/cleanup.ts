/**
 * What a case leaves on the engine, removed by name and ID only: never a prune (Docker 20.10's
 * BuildKit can crash when its cache is pruned while another build runs).
 */
import { execa } from 'execa';
import { DOCKER } from './engine.js';

const docker = (args: readonly string[]) => execa(DOCKER, args, { reject: false, stdin: 'ignore' });

/** Containers created from any of these images (tag or ID), running or not. */
export async function containersOf(images: readonly string[]): Promise<string[]> {
  const found = await Promise.all(images.map(async (image) => (await docker(['ps', '-aq', '--no-trunc', '--filter', `ancestor=${image}`])).stdout.split('\n')));
  return [...new Set(found.flat().map((id) => id.trim()).filter(Boolean))];
}

/** An image's tags, or undefined when there is no such image. */
async function repoTags(image: string): Promise<string[] | undefined> {
  const inspect = await docker(['image', 'inspect', '-f', '{{json .RepoTags}}', image]);
  return inspect.exitCode === 0 ? ((JSON.parse(inspect.stdout) as string[] | null) ?? []) : undefined;
}

/**
 * Removes the containers of a case's images, then the tag, then each image ID it built that no
 * other tag holds (an ID tagged by someone else is left alone). Resolves to what is still there.
 */
export async function removeCaseImages(tag: string, builtIds: readonly string[]): Promise<string[]> {
  const current = await docker(['image', 'inspect', '-f', '{{.Id}}', tag]);
  const ids = [...new Set([...builtIds, ...(current.exitCode === 0 ? [current.stdout.trim()] : [])])];
  const containers = await containersOf([tag, ...ids]);
  if (containers.length > 0) await docker(['rm', '-f', ...containers]);
  await docker(['image', 'rm', '-f', tag]);
  const kept: string[] = [];
  for (const id of ids) {
    const tags = await repoTags(id);
    if (tags === undefined) continue;
    if (tags.length > 0) kept.push(`${id} (tagged ${tags.join(', ')}: not this case's to remove)`);
    else await docker(['image', 'rm', '-f', id]);
  }
  if (kept.length > 0) console.warn(`${tag}: left images another tag holds: ${kept.join('; ')}`);
  const left = [
    ...(await containersOf([tag, ...ids])).map((id) => `container ${id.slice(0, 12)}`),
    ...((await repoTags(tag)) !== undefined ? [`image ${tag}`] : []),
  ];
  for (const id of ids) if ((await repoTags(id))?.length === 0) left.push(`image ${id}`);
  return left;
}
