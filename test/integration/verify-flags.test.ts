/**
 * `dockwright verify-image` checks every flag as the generator checks its options, before docker
 * runs: nothing that starts with `-` becomes a docker argument, and a bad value is one line.
 */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT, tempWorkspace } from '../support/cli.js';

/** A docker that records being called: none of these runs may reach it. */
const NO_DOCKER = join(REPO_ROOT, 'test/integration/no-docker.sh');

const verify = (args: readonly string[]) =>
  execa('node', [join(REPO_ROOT, 'generators/bin/dockwright.js'), 'verify-image', ...args], {
    cwd: tempWorkspace(),
    reject: false,
    stdin: 'ignore',
    env: { NODE_OPTIONS: '', DOCKWRIGHT_DOCKER: NO_DOCKER },
  });

describe('verify-image refuses bad flags in one line, before docker runs', () => {
  it.each([
    [['--app-type', 'api', '--', '--privileged'], 'image: must be an image reference such as billing-api:latest; got "--privileged"'],
    [['Bad:Ref', '--app-type', 'api'], 'image: must be an image reference such as billing-api:latest; got "Bad:Ref"'],
    [['svc:latest', '--app-type', 'api', '--port', '0x50'], '--port: must be an integer from 1 to 65535; got "0x50"'],
    [['svc:latest', '--app-type', 'api', '--timeout', 'abc'], '--timeout: must be a whole number of seconds from 1 to 3600; got "abc"'],
    [['svc:latest', '--app-type', 'api', '--health-path', '@evil.example/'], `--health-path: must be / or a URL path of segments made of A-Z, a-z, 0-9, '.', '_', '~', '-', none of them . or .. (e.g. /health); got "@evil.example/"`],
    [['svc:latest', '--app-type', 'api', '--base', 'alpine'], '--base: must be one of slim | distroless; got "alpine"'],
    [['svc:latest', '--app-type', 'api', '--stack', 'ruby'], '--stack: must be one of python | node | nextjs | static | go | rust; got "ruby"'],
    [['svc:latest', '--app-type', 'frontend', '--writable', '/app/../etc'], '--writable: must be an absolute folder such as /app/.next/cache; got "/app/../etc"'],
  ])('%j', async (args, message) => {
    const run = await verify(args);
    expect({ exitCode: run.exitCode, stderr: run.stderr, stdout: run.stdout }).toEqual({ exitCode: 1, stderr: `dockwright verify-image: ${message}`, stdout: '' });
  });

  it.each(['billing-api:latest', 'registry.example.com:5000/team/api:1.2.3', 'api@sha256:' + 'a'.repeat(64), 'sha256:' + 'b'.repeat(64)])('accepts the image reference %s (and then asks docker)', async (image) => {
    const run = await verify([image, '--app-type', 'worker']);
    expect(run.stderr).toBe(`dockwright verify-image: docker image failed: no docker here: image inspect ${image}`);
  });
});
