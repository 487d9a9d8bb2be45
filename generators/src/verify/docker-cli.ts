/**
 * The Docker CLI, through execa. DOCKWRIGHT_DOCKER names the binary (e.g. /usr/bin/docker where
 * the default client lacks BuildKit); `docker` on the PATH otherwise.
 */

export const dockerBinary = () => process.env.DOCKWRIGHT_DOCKER ?? 'docker';

export interface DockerRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function docker(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<DockerRun> {
  const { execa } = await import('execa');
  const run = await execa(dockerBinary(), args, {
    reject: false,
    stdin: 'ignore',
    timeout: options.timeoutMs ?? 120_000,
    env: { DOCKER_BUILDKIT: '1' },
  });
  if (run.code === 'ENOENT') throw new Error(`${dockerBinary()} not found; install Docker or set DOCKWRIGHT_DOCKER`);
  return { exitCode: run.exitCode ?? 1, stdout: String(run.stdout), stderr: String(run.stderr) };
}

/** Runs docker and returns stdout, or throws with docker's own last line of error. */
export async function dockerOutput(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<string> {
  const run = await docker(args, options);
  if (run.exitCode !== 0) {
    throw new Error(`docker ${args[0]} failed: ${run.stderr.trim().split('\n').at(-1) ?? `exit ${run.exitCode}`}`);
  }
  return run.stdout.trim();
}

/** One entry of an image's file system: its path (relative, as tar lists it) and numeric owner. */
export interface ImageEntry {
  readonly path: string;
  readonly uid: number;
}

/** Every file in an image with its owner, from `docker export` of a container that never starts. */
export async function imageEntries(image: string): Promise<ImageEntry[]> {
  const container = await dockerOutput(['create', image]);
  try {
    const { execa } = await import('execa');
    const listing = await execa(dockerBinary(), ['export', container], { stdin: 'ignore', buffer: { stdout: false } }).pipe(
      'tar',
      ['-tv', '--numeric-owner'],
      { maxBuffer: 512 * 1024 * 1024 },
    );
    return String(listing.stdout).split('\n').filter(Boolean).map(parseTarLine);
  } finally {
    await docker(['rm', '-f', container]);
  }
}

/** `drwxr-xr-x 0/0 0 2026-12-01 13:00 app/` (GNU tar -tv --numeric-owner); a link's ` -> target` is dropped. */
export function parseTarLine(line: string): ImageEntry {
  const [, owner = '', rest = ''] = /^\S+\s+(\d+)\/\d+\s+\d+\s+\S+\s+\S+\s(.*)$/.exec(line) ?? [];
  const path = line.startsWith('l') || line.startsWith('h') ? rest.replace(/ (?:->|link to) .*$/, '') : rest;
  return { path, uid: Number.parseInt(owner, 10) };
}
