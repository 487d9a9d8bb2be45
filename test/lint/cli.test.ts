/** `dockwright lint` run as a user and as the Nx target run it: files, formats, exit codes. */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(REPO_ROOT, 'generators/bin/dockwright.js');
const TSX = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CLEAN = readFileSync(new URL('./fixtures/rules/DW001-valid.pass.Dockerfile', import.meta.url), 'utf8');
const DOCKERIGNORE = '.git\nnode_modules\n.env\n.env.*\n.npmrc\n.yarnrc\n';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dockwright-lint-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/**
 * The bin as the linked `dockwright` runs it in this repository: TypeScript through tsx, loaded by
 * NODE_OPTIONS (the workspace .npmrc's `--import tsx` does not resolve from a temporary folder).
 */
const lint = (cwd: string, args: string[] = []) =>
  execa(process.execPath, [BIN, 'lint', ...args], { cwd, reject: false, env: { NODE_OPTIONS: `--import ${TSX}`, NO_COLOR: '1' } });

const service = (dockerfile = CLEAN, extra: Record<string, string> = {}) =>
  workspace({ 'docker/svc.Dockerfile': dockerfile, 'packages/svc/.dockerignore': DOCKERIGNORE, ...extra });

describe('dockwright lint', () => {
  it('lints docker/*.Dockerfile by default and exits 0 when clean', async () => {
    const result = await lint(service(CLEAN, { 'docker/other.Dockerfile': CLEAN, 'packages/other/.dockerignore': DOCKERIGNORE }));
    expect(result.stdout).toBe('✔ 2 Dockerfiles linted: no problems');
    expect(result.exitCode).toBe(0);
  });

  it('leaves out what the default pattern matches that is not a file: a folder, a symlink to nothing', async () => {
    const root = service(CLEAN);
    mkdirSync(join(root, 'docker/folder.Dockerfile'));
    symlinkSync(join(root, 'docker/gone.Dockerfile.orig'), join(root, 'docker/gone.Dockerfile'));
    const result = await lint(root);
    expect({ stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode }).toEqual({ stdout: '✔ 1 Dockerfile linted: no problems', stderr: '', exitCode: 0 });
  });

  it('exits 1 on errors and points at file:line', async () => {
    const result = await lint(service(CLEAN.replace('USER 1000:1000', 'USER root')), ['docker/svc.Dockerfile']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('docker/svc.Dockerfile:12:1  error    DW301  the final stage runs as root (`USER root` on line 12)');
  });

  it('exits 0 on warnings, and 1 once they exceed --max-warnings', async () => {
    const root = service(CLEAN.replace('WORKDIR /app', 'WORKDIR app'));
    expect((await lint(root)).exitCode).toBe(0);
    expect((await lint(root, ['--max-warnings', '1'])).exitCode).toBe(0);
    const over = await lint(root, ['--max-warnings=0']);
    expect(over.exitCode).toBe(1);
    expect(over.stdout).toContain('1 warning exceed --max-warnings 0');
  });

  it('checks the .dockerignore of packages/<name>, or of the context given', async () => {
    const root = workspace({ 'docker/svc.Dockerfile': CLEAN, 'build/.dockerignore': '.git\n' });
    expect((await lint(root)).stdout).toContain('DW901  no .dockerignore for the build context packages/svc: expected packages/svc/.dockerignore');
    const other = await lint(root, ['--context', 'build', '--format', 'json']);
    const findings = JSON.parse(other.stdout).results[0].findings.map((finding: { ruleId: string; file: string }) => `${finding.ruleId} ${finding.file}`);
    expect(findings).toEqual(Array(6).fill('DW902 build/.dockerignore'));
  });

  it('checks the policy UID of the app type given', async () => {
    const result = await lint(service(), ['--app-type', 'frontend']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('DW303  the final stage runs as UID 1000, but the policy UID for frontend is 1001');
  });

  it('reads the policy file and re-levels rules', async () => {
    const root = service(CLEAN.replace('WORKDIR /app', 'WORKDIR app'), { 'dockwright.config.json': '{"rules": {"DW802": "error"}}' });
    const result = await lint(root);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('error    DW802');
  });

  it('writes SARIF to a file', async () => {
    const root = service();
    const result = await lint(root, ['--format', 'sarif', '--output', 'lint.sarif']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(root, 'lint.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it.each([
    [['--format', 'xml'], '--format must be one of human | json | sarif; got "xml"'],
    [['--max-warnings', 'many'], '--max-warnings must be a whole number of 0 or more; got "many"'],
    [['--strict'], "Unknown option '--strict'"],
    [['docker/missing.Dockerfile'], 'no such file: docker/missing.Dockerfile'],
    [['docker/*.Containerfile'], 'no files match docker/*.Containerfile'],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const result = await lint(service(), args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('usage: dockwright lint');
  });

  it('exits 2 on an invalid policy, naming the key', async () => {
    const result = await lint(service(CLEAN, { 'dockwright.config.json': '{"uid": {"frontend": "1001"}}' }));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('dockwright lint: dockwright.config.json: uid.frontend: must be a non-root numeric id, an integer from 1 to 2147483647; got "1001"');
  });

  it('runs as the Nx lint-dockerfile target runs it: `npx dockwright lint docker/<name>.Dockerfile` from the workspace root', async () => {
    const examples = readdirSync(join(REPO_ROOT, 'docker')).filter((file) => file.endsWith('.Dockerfile'));
    expect(examples.length).toBeGreaterThan(0);
    const result = await execa('npx', ['dockwright', 'lint', `docker/${examples[0]}`, '--format', 'json'], { cwd: REPO_ROOT, reject: false });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).results.map((entry: { file: string }) => entry.file)).toEqual([`docker/${examples[0]}`]);
  });
});

describe('dockwright lint --output', () => {
  it.each([
    ['the input itself', 'docker/svc.Dockerfile', ''],
    ['the input by another path', 'docker/../docker/svc.Dockerfile', ' (the same file as docker/svc.Dockerfile)'],
    ['a symlink to the input', 'report.txt', ' (the same file as docker/svc.Dockerfile)'],
    ['a path through a symlinked folder', 'linked/svc.Dockerfile', ' (the same file as docker/svc.Dockerfile)'],
  ])('refuses to overwrite %s, in one line, exit 2', async (_case, output, same) => {
    const root = service();
    symlinkSync(join(root, 'docker/svc.Dockerfile'), join(root, 'report.txt'));
    symlinkSync(join(root, 'docker'), join(root, 'linked'));
    const result = await lint(root, ['docker/svc.Dockerfile', '--output', output]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')).toEqual([`dockwright lint: --output ${output}${same} is one of the Dockerfiles being linted; not overwriting it`]);
    expect(readFileSync(join(root, 'docker/svc.Dockerfile'), 'utf8')).toBe(CLEAN);
  });

  it('writes a new file beside the inputs', async () => {
    const root = service();
    const result = await lint(root, ['--output', 'docker/report.txt']);
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(root, 'docker/report.txt'), 'utf8')).toContain('no problems');
  });
});
