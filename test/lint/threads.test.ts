/**
 * `dockwright lint` over many files in threads, as the published package runs it (compiled and
 * bundled; the repository's TypeScript runs in one thread): the report is byte for byte one
 * thread's, in every format, and an error in a worker's share is the one a single thread meets first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO_ROOT } from '../support/cli.js';

const CORPUS = join(REPO_ROOT, 'bench/fixtures/lint-real-200');
let scratch: string;
let bin: string;
let workspace: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'dockwright-threads-'));
  bin = join(scratch, 'package/bin/dockwright.js');
  await execa(process.execPath, [join(REPO_ROOT, 'scripts/build-package.mjs'), '--stage', join(scratch, 'package')], { env: { NODE_OPTIONS: '' } });
  workspace = join(scratch, 'workspace');
  mkdirSync(join(workspace, 'docker'), { recursive: true });
  for (const [index, file] of readdirSync(CORPUS).filter((name) => name !== 'manifest.json').sort().entries()) {
    cpSync(join(CORPUS, file), join(workspace, 'docker', `${String(index).padStart(3, '0')}.Dockerfile`));
  }
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lint = (threads: number, args: readonly string[]) =>
  execa(process.execPath, [bin, 'lint', ...args], { cwd: workspace, reject: false, env: { NODE_OPTIONS: '', DOCKWRIGHT_LINT_THREADS: String(threads) } });

describe('lint in threads', () => {
  it.each([['json'], ['human'], ['sarif']])('%s: the same report, exit code and stderr with 1 and 2 threads', async (format) => {
    const [one, two] = [await lint(1, ['--format', format]), await lint(2, ['--format', format])];
    expect(one.stdout.length).toBeGreaterThan(100_000);
    expect({ stdout: two.stdout, stderr: two.stderr, exitCode: two.exitCode }).toEqual({ stdout: one.stdout, stderr: one.stderr, exitCode: one.exitCode });
  }, 60_000);

  it('two files in two threads: a worker that starts after the main thread took both takes none, and the report is one thread\'s', async () => {
    const files = ['docker/000.Dockerfile', 'docker/002.Dockerfile'];
    const [one, two] = [await lint(1, files), await lint(2, files)];
    expect(one.stdout).toContain('docker/002.Dockerfile');
    expect({ stdout: two.stdout, stderr: two.stderr, exitCode: two.exitCode }).toEqual({ stdout: one.stdout, stderr: one.stderr, exitCode: one.exitCode });
  }, 60_000);

  it('160 files, each text 4 times, in two threads: the report is one thread\'s', async () => {
    const sources = readdirSync(join(workspace, 'docker')).sort().slice(0, 40);
    mkdirSync(join(workspace, 'repeats'), { recursive: true });
    const files = Array.from({ length: 160 }, (_, index) => {
      const file = `repeats/${String(index).padStart(3, '0')}.Dockerfile`;
      cpSync(join(workspace, 'docker', sources[index % sources.length]!), join(workspace, file));
      return file;
    });
    const [one, two] = [await lint(1, ['--format', 'json', ...files]), await lint(2, ['--format', 'json', ...files])];
    expect(JSON.parse(one.stdout).results).toHaveLength(160);
    expect({ stdout: two.stdout, stderr: two.stderr, exitCode: two.exitCode }).toEqual({ stdout: one.stdout, stderr: one.stderr, exitCode: one.exitCode });
  }, 60_000);

  it.each([
    [1, 1],
    [2, 2],
  ])('with DOCKWRIGHT_LINT_THREADS=%i the lint runs in %i thread(s) (one V8 profile each)', async (threads, profiles) => {
    const dir = mkdtempSync(join(scratch, 'profiles-'));
    await execa(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, bin, 'lint', '--format', 'json'], { cwd: workspace, reject: false, env: { NODE_OPTIONS: '', DOCKWRIGHT_LINT_THREADS: String(threads) } });
    expect(readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'))).toHaveLength(profiles);
  }, 60_000);

  it('a file too large: the first error in file order, as one thread reports it', async () => {
    const large = join(workspace, 'docker', '001.Dockerfile');
    writeFileSync(large, `FROM alpine:3.20\n${'# padding\n'.repeat(120_000)}`);
    const [one, two] = [await lint(1, []), await lint(2, [])];
    expect(one.exitCode).toBe(2);
    expect(one.stderr).toMatch(/^dockwright lint: docker\/001\.Dockerfile is .* over the 1\.0 MB limit/);
    expect({ stdout: two.stdout, stderr: two.stderr, exitCode: two.exitCode }).toEqual({ stdout: one.stdout, stderr: one.stderr, exitCode: one.exitCode });
  }, 60_000);
});
