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

describeEngine('dockwright verify-image on a bad image', () => {
  afterAll(async () => {
    await execa(DOCKER, ['image', 'rm', '-f', IMAGE], { reject: false });
  });

  it('reports root, a curl probe and a compiler, and exits 1', async () => {
    const context = mkdtempSync(join(tmpdir(), 'dockwright-bad-'));
    writeFileSync(
      join(context, 'Dockerfile'),
      [
        'FROM debian:trixie-slim',
        'RUN touch /usr/bin/gcc && chmod +x /usr/bin/gcc',
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
    expect(run.stdout).toMatch(/check\(s\) failed$/m);
  }, 120_000);
});
