/** `dockwright verify-image` fails, with a table saying why, on an image that breaks the rules. */
import { afterAll, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT } from '../support/cli.js';
import { DOCKER, describeWithEngine, dockerEnv } from './support/engine.js';

const describeEngine = await describeWithEngine();
const IMAGE = 'dockwright-e2e-bad:latest';
const CRASHING = 'dockwright-e2e-crashing:latest';
const LOOPBACK = 'dockwright-e2e-loopback:latest';

/** Builds a one-file image from the python stand-in. */
async function buildImage(tag: string, lines: readonly string[]): Promise<void> {
  const context = mkdtempSync(join(tmpdir(), 'dockwright-verify-'));
  writeFileSync(join(context, 'Dockerfile'), [...lines, ''].join('\n'));
  await execa(DOCKER, ['build', '-q', '-t', tag, context], { env: dockerEnv() });
}

const verify = (args: readonly string[]) =>
  execa('npx', ['dockwright', 'verify-image', ...args], { cwd: REPO_ROOT, env: dockerEnv(), reject: false });

describeEngine('dockwright verify-image on a bad image', () => {
  afterAll(async () => {
    await execa(DOCKER, ['image', 'rm', '-f', IMAGE, CRASHING, LOOPBACK], { reject: false });
  });

  it('says when the container exited, with its exit code and last output, instead of a docker error', async () => {
    await buildImage(CRASHING, [
      'FROM python:3.13-slim',
      'USER 1000:1000',
      'HEALTHCHECK --interval=2s CMD ["python", "-c", "1"]',
      'CMD ["python", "-c", "import sys; print(\'cannot reach the database\', file=sys.stderr); sys.exit(3)"]',
    ]);
    const run = await verify([CRASHING, '--app-type', 'api', '--port', '8000']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/FAIL {2}healthy +exited with code 3 after \d+ s; last output: cannot reach the database$/m);
    expect(run.stdout).not.toMatch(/docker port failed|No public port/);
  }, 120_000);

  it('says when the app is healthy inside but listens on 127.0.0.1 only', async () => {
    await buildImage(LOOPBACK, [
      'FROM python:3.13-slim',
      'USER 1000:1000',
      'EXPOSE 8000',
      'HEALTHCHECK --interval=2s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/\', timeout=2)"]',
      'CMD ["python", "-m", "http.server", "8000", "--bind", "127.0.0.1"]',
    ]);
    const run = await verify([LOOPBACK, '--app-type', 'api', '--health-path', '/']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/pass {2}healthy/);
    expect(run.stdout).toMatch(/FAIL {2}endpoint +GET \/ failed from the host \(.+\); the container is healthy inside, so the app listens on 127\.0\.0\.1 only: bind it to 0\.0\.0\.0/);
  }, 120_000);

  it('reports root, a curl probe and a compiler, and exits 1', async () => {
    const context = mkdtempSync(join(tmpdir(), 'dockwright-bad-'));
    writeFileSync(
      join(context, 'Dockerfile'),
      [
        'FROM debian:trixie-slim',
        'RUN touch /usr/bin/gcc && chmod +x /usr/bin/gcc',
        // The app's folder handed to the app user (1000, the policy's worker UID).
        'RUN install -d --owner=1000 /app',
        'WORKDIR /app',
        'HEALTHCHECK CMD curl -f http://127.0.0.1/ || exit 1',
        'CMD ["sleep", "infinity"]',
        '',
      ].join('\n'),
    );
    await execa(DOCKER, ['build', '-q', '-t', IMAGE, context], { env: dockerEnv() });
    const run = await execa('npx', ['dockwright', 'verify-image', IMAGE, '--app-type', 'worker'], {
      cwd: REPO_ROOT,
      env: dockerEnv(),
      reject: false,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/FAIL {2}user +root \(no USER: runs as root\)/);
    expect(run.stdout).toMatch(/FAIL {2}healthcheck +shell form/);
    expect(run.stdout).toMatch(/FAIL {2}build tools +compiler or build tool: \/usr\/bin\/gcc/);
    expect(run.stdout).toMatch(/FAIL {2}app files +owned by 1000: \/app$/m);
    expect(run.stdout).toMatch(/check\(s\) failed$/m);
  }, 120_000);
});
