/** The plop front end run as a user runs it: `npx plop service -- …` in a real process. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { join } from 'node:path';
import nodePlop from 'node-plop';
import { REPO_ROOT, plop, readTree, runInTerminal, tempWorkspace } from '../support/cli.js';

/** `plop()` with more environment: DOCKWRIGHT_PLOP_FAST=0 runs plop itself instead of the fast runner. */
const plopWith = (workspace: string, flags: readonly string[], env: Record<string, string>) =>
  execa('npx', ['plop', '--dest', workspace, 'service', '--', ...flags], {
    cwd: REPO_ROOT,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
    env: { FORCE_COLOR: '0', ...env },
  });

/** Terminal output without its colour and cursor codes. */
const plain = (output: string) => output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

describe('npx plop service with flags', () => {
  it('onboards a Python API from --name and --stack alone', async () => {
    const workspace = tempWorkspace();
    const run = await plop(workspace, ['--name', 'billing-api', '--stack', 'python', '--port', '8000']);
    expect(run.exitCode).toBe(0);
    const tree = readTree(workspace);
    expect(Object.keys(tree).sort()).toEqual([
      'compose.yaml',
      'deploy/k8s/billing-api/deployment.yaml',
      'deploy/k8s/billing-api/kustomization.yaml',
      'deploy/k8s/billing-api/service.yaml',
      'docker/billing-api.Dockerfile',
      'packages/billing-api/.dockerignore',
      'packages/billing-api/README.md',
      'packages/billing-api/app/__init__.py',
      'packages/billing-api/app/main.py',
      'packages/billing-api/project.json',
      'packages/billing-api/requirements-dev.txt',
      'packages/billing-api/requirements.txt',
      'packages/billing-api/tests/test_health.py',
    ]);
    expect(tree['docker/billing-api.Dockerfile']).toContain('USER 1000:1000');
    expect(run.stdout + run.stderr).toContain('billing-api: python api (pip) ready');
  });

  it('makes the service an Nx project with the image targets', async () => {
    const workspace = tempWorkspace();
    writeFileSync(join(workspace, 'nx.json'), '{}\n');
    writeFileSync(join(workspace, 'package.json'), '{"name":"ws","private":true}\n');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(workspace, 'node_modules'));
    expect((await plop(workspace, ['--name', 'orders', '--stack', 'node', '--skipInstall'])).exitCode).toBe(0);
    const env = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
    const projects = await execa('npx', ['nx', 'show', 'projects'], { cwd: workspace, env });
    expect(projects.stdout.split('\n')).toContain('orders');
    const project = JSON.parse((await execa('npx', ['nx', 'show', 'project', 'orders', '--json'], { cwd: workspace, env })).stdout);
    expect(Object.keys(project.targets)).toEqual(expect.arrayContaining(['build-image', 'verify-image', 'lint-dockerfile']));
  });

  it('names the Nx targets as the next commands in an Nx workspace', async () => {
    const workspace = tempWorkspace();
    writeFileSync(join(workspace, 'nx.json'), '{}\n');
    const run = await plop(workspace, ['--name', 'orders', '--stack', 'node', '--skipInstall']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n').slice(-7)).toEqual([
      'orders: node api (npm) ready in packages/orders',
      '  Dockerfile  docker/orders.Dockerfile',
      '  build       npx nx run orders:build-image',
      '  verify      npx nx run orders:verify-image',
      '  lint        npx nx run orders:lint-dockerfile',
      '  compose     docker compose up -d --build orders',
      "  k8s         kubectl apply -k deploy/k8s/orders  (push orders:latest to the policy's deploy.registry, registry.example.com, first)",
    ]);
  });

  it("tags the image as the policy's image.repository says, in project.json and the next steps", async () => {
    const workspace = tempWorkspace();
    writeFileSync(join(workspace, 'dockwright.config.json'), JSON.stringify({ image: { repository: 'platform/{name}' } }));
    const run = await plop(workspace, ['--name', 'orders', '--stack', 'node', '--deploy', 'none', '--skipInstall']);
    expect(run.exitCode).toBe(0);
    const project = JSON.parse(readFileSync(join(workspace, 'packages/orders/project.json'), 'utf8'));
    expect(project.targets['build-image'].options.command).toBe('docker build -f docker/orders.Dockerfile -t platform/orders:latest packages/orders');
    expect(run.stdout).toContain('  verify      npx --no dockwright verify-image platform/orders:latest ');
  });

  it('refuses an image.repository pattern with an unknown placeholder before writing anything', async () => {
    const workspace = tempWorkspace();
    writeFileSync(join(workspace, 'dockwright.config.json'), JSON.stringify({ image: { repository: '{team}/{name}' } }));
    const run = await plop(workspace, ['--name', 'orders', '--stack', 'node', '--skipInstall']);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr.trim()).toBe('[ERROR] dockwright.config.json: image.repository: unknown placeholder {team}; placeholders are {name}, {package}; got "{team}/{name}"');
    expect(readdirSync(workspace)).toEqual(['dockwright.config.json']);
  });

  it('writes the package lockfile with the package manager itself', async () => {
    const workspace = tempWorkspace();
    const run = await plop(workspace, ['--name', 'jobs', '--stack', 'node', '--appType', 'worker']);
    expect(run.exitCode).toBe(0);
    const lock = JSON.parse(readFileSync(join(workspace, 'packages/jobs/package-lock.json'), 'utf8'));
    expect(lock).toMatchObject({ name: 'jobs', lockfileVersion: 3 });
  });

  it.each([
    [['--name', 'Bad Name', '--stack', 'python'], /name: must be a lowercase slug/],
    [['--name', 'ok', '--stack', 'ruby'], /stack: must be one of python \| node \| nextjs \| static \| go \| rust; got "ruby"/],
    [['--name', 'ok', '--stack', 'python', '--appType', 'frontend'], /appType: must be one of api \| worker for stack python/],
    [['--name', 'ok', '--stack', 'node', '--port', '99999'], /port: must be an integer from 1 to 65535/],
    [['--name', 'ok', '--stack', 'node', '--healthPath', '/h\nUSER root'], /healthPath: must be \/ or a URL path/],
    [['--name', 'ok', '--stack', 'node', '--colour', 'red'], /colour: unknown option; options are/],
    [['--stack', 'node'], /name: required/],
  ])('rejects %j with a one-line error, exit ≠ 0 and nothing written', async (flags, message) => {
    const workspace = tempWorkspace();
    const run = await plop(workspace, flags);
    expect(run.exitCode).not.toBe(0);
    const errorLines = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => message.test(line));
    expect(errorLines).toHaveLength(1);
    expect(readdirSync(workspace)).toEqual([]);
  });

  it('lists every conflict on a re-run after edits, writes nothing, and overwrites with --force', async () => {
    const workspace = tempWorkspace();
    const flags = ['--name', 'api', '--stack', 'node', '--skipInstall'];
    expect((await plop(workspace, flags)).exitCode).toBe(0);
    writeFileSync(join(workspace, 'docker/api.Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(workspace, 'packages/api/.dockerignore'), 'mine\n');
    const before = readTree(workspace);

    const rerun = await plop(workspace, flags);
    expect(rerun.exitCode).not.toBe(0);
    expect(rerun.stdout + rerun.stderr).toMatch(/2 file\(s\) exist .*docker\/api.Dockerfile, packages\/api\/.dockerignore/);
    expect(readTree(workspace)).toEqual(before);

    const forced = await plop(workspace, [...flags, '--force']);
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(join(workspace, 'docker/api.Dockerfile'), 'utf8')).toContain('FROM node:${NODE_VERSION}-slim AS deps');
  });

  it('prints the plan with diffs on --dry-run and writes nothing', async () => {
    const workspace = tempWorkspace();
    const run = await plop(workspace, ['--name', 'web', '--stack', 'nextjs', '--dry-run']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('create    docker/web.Dockerfile');
    expect(run.stdout).toContain('dry run: nothing was written');
    expect(readdirSync(workspace)).toEqual([]);
  });

  it.each([
    ['without plop (the fast runner)', {}],
    ['in plop itself', { DOCKWRIGHT_PLOP_FAST: '0' }],
  ])('prints only the file list and the summary block, %s', async (_, env) => {
    const workspace = tempWorkspace();
    const run = await plopWith(workspace, ['--name', 'billing-api', '--stack', 'python'], env);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    const files = lines.slice(0, lines.indexOf(''));
    expect(files).toHaveLength(13);
    for (const line of files) expect(line).toMatch(/^create {4}((docker|packages|deploy\/k8s)\/billing-api|compose\.yaml$)/);
    // No nx.json in this workspace: the plain commands the Nx targets would run.
    expect(lines.slice(files.length)).toEqual([
      '',
      'billing-api: python api (pip) ready in packages/billing-api',
      '  Dockerfile  docker/billing-api.Dockerfile',
      '  build       docker build -f docker/billing-api.Dockerfile -t billing-api:latest packages/billing-api',
      '  verify      npx --no dockwright verify-image billing-api:latest --app-type api --stack python --base slim --port 8000 --health-path /health',
      '  lint        npx --no dockwright lint docker/billing-api.Dockerfile --app-type api',
      '  compose     docker compose up -d --build billing-api',
      "  k8s         kubectl apply -k deploy/k8s/billing-api  (push billing-api:latest to the policy's deploy.registry, registry.example.com, first)",
    ]);
  });

  it.each([
    ['without plop (the fast runner)', {}],
    ['in plop itself', { DOCKWRIGHT_PLOP_FAST: '0' }],
  ])('prints a dry run as the plan and one closing line, %s', async (_, env) => {
    const run = await plopWith(tempWorkspace(), ['--name', 'web', '--stack', 'nextjs', '--dry-run'], env);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines.at(-1)).toBe('dry run: nothing was written');
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^create {4}((docker|packages|deploy\/k8s)\/web|compose\.yaml$)/);
  });

  it('keeps colours for a terminal: none on a pipe, even where CI is set or FORCE_COLOR=0', async () => {
    const workspace = tempWorkspace();
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^(FORCE_COLOR|NO_COLOR)$/.test(key)) env[key] = value;
    const run = await execa('npx', ['plop', '--dest', workspace, 'service', '--', '--name', 'api', '--stack', 'node', '--skipInstall'], {
      cwd: REPO_ROOT,
      reject: false,
      stdin: 'ignore',
      extendEnv: false,
      env: { ...env, CI: 'true' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('api: node api (npm) ready');
    expect(run.stdout + run.stderr).not.toMatch(/\x1b\[/);
  });

  it('dockerizes an existing Next.js package, merging next.config.ts and keeping project targets', async () => {
    const workspace = tempWorkspace();
    const root = join(workspace, 'packages/site');
    const config = "import type { NextConfig } from 'next';\n\n// ours\nconst nextConfig: NextConfig = {\n  images: { unoptimized: true },\n};\n\nexport default nextConfig;\n";
    const project = { name: 'site', targets: { test: { command: 'vitest' } } };
    await import('node:fs').then(({ mkdirSync }) => mkdirSync(root, { recursive: true }));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'site', dependencies: { next: '16.0.0' } }));
    writeFileSync(join(root, 'yarn.lock'), '');
    // Yarn 4 without this line would install Plug'n'Play, which dockwright refuses even with --skipInstall.
    writeFileSync(join(root, '.yarnrc.yml'), 'nodeLinker: node-modules\n');
    writeFileSync(join(root, 'next.config.ts'), config);
    writeFileSync(join(root, 'project.json'), JSON.stringify(project));

    // The lockfile is a stand-in: --skipInstall leaves its frozen-install check out of this test.
    const run = await plop(workspace, ['--name', 'site', '--skipInstall']);
    expect(run.exitCode).toBe(0);
    expect(readFileSync(join(root, 'next.config.ts'), 'utf8')).toBe(
      config.replace('  images: { unoptimized: true },\n', "  images: { unoptimized: true },\n  output: 'standalone',\n"),
    );
    const merged = JSON.parse(readFileSync(join(root, 'project.json'), 'utf8'));
    expect(Object.keys(merged.targets)).toEqual(['test', 'build-image', 'verify-image', 'lint-dockerfile']);
    expect(readFileSync(join(workspace, 'docker/site.Dockerfile'), 'utf8')).toContain('yarn install --immutable');
    // No skeleton: the only new app file is the route the HEALTHCHECK probes.
    expect(readdirSync(join(root, 'app'), { recursive: true })).toEqual(['health', 'health/route.js']);
  });
});

describe('npx plop service in a terminal', () => {
  it('asks for every answer the flags did not give', async () => {
    const workspace = tempWorkspace();
    const run = await runInTerminal(`npx plop --dest ${workspace} service -- --skipInstall`, [
      { waitFor: /Service name/, send: 'orders\r' },
      // packages/orders does not exist: nothing to dockerize, so new/existing is not asked.
      { waitFor: /Stack/, send: '\x1b[B\r' },
      { waitFor: /App type/, send: '\x1b[B\r' },
      { waitFor: /Package manager/, send: '\r' },
      { waitFor: /Runtime base image/, send: '\r' },
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.output).not.toMatch(/Create a new package/);
    expect(readFileSync(join(workspace, 'docker/orders.Dockerfile'), 'utf8')).toContain('# orders: node worker image');
    expect(existsSync(join(workspace, 'packages/orders/src/worker.js'))).toBe(true);
  });

  it('offers existing only for a package that is there, then only the stacks its manifest allows', async () => {
    const workspace = tempWorkspace();
    mkdirSync(join(workspace, 'packages/site'), { recursive: true });
    writeFileSync(join(workspace, 'packages/site/package.json'), JSON.stringify({ name: 'site', main: 'server.js' }));
    writeFileSync(join(workspace, 'packages/site/server.js'), "require('node:http').createServer().listen(3000);\n");
    const run = await runInTerminal(`npx plop --dest ${workspace} service -- --skipInstall --dryRun`, [
      { waitFor: /Service name/, send: 'site\r' },
      { waitFor: /Create a new package or dockerize the existing one[\s\S]*existing/, send: '\r' },
      // package.json: the Node stacks, the detected one first; no python, go or rust.
      { waitFor: /Stack[\s\S]*static/, send: '\r' },
      { waitFor: /App type/, send: '\r' },
      { waitFor: /Package manager/, send: '\r' },
      { waitFor: /Runtime base image/, send: '\r' },
      { waitFor: /Port/, send: '\r' },
      { waitFor: /Health endpoint path/, send: '\r' },
    ]);
    expect(run.exitCode).toBe(0);
    const stackPrompt = /\? Stack[\s\S]*?select/.exec(plain(run.output))?.[0] ?? '';
    expect(stackPrompt).toMatch(/node[\s\S]*nextjs[\s\S]*static/);
    expect(stackPrompt).not.toMatch(/python|go|rust/);
    expect(plain(run.output)).toContain('create    docker/site.Dockerfile');
  });

  it('checks --mode existing against the name when the name is typed, and re-asks', async () => {
    const workspace = tempWorkspace();
    mkdirSync(join(workspace, 'packages/site'), { recursive: true });
    writeFileSync(join(workspace, 'packages/site/package.json'), JSON.stringify({ name: 'site', main: 'server.js' }));
    const run = await runInTerminal(`npx plop --dest ${workspace} service -- --mode existing --skipInstall --dryRun`, [
      { waitFor: /Service name/, send: 'ghost\r' },
      { waitFor: /none found, use mode new/, send: '\x15site\r' },
      { waitFor: /Stack/, send: '\r' },
      { waitFor: /App type/, send: '\r' },
      { waitFor: /Package manager/, send: '\r' },
      { waitFor: /Runtime base image/, send: '\r' },
      { waitFor: /Port/, send: '\r' },
      { waitFor: /Health endpoint path/, send: '\r' },
    ]);
    expect(run.exitCode).toBe(0);
    expect(plain(run.output).replace(/\s+/g, ' ')).toMatch(/mode: existing needs a manifest .*in packages\/ghost; none found/);
    expect(plain(run.output)).toContain('create    docker/site.Dockerfile');
  });

  it('fails at once, before any question, when the flags ask to dockerize a package that is not there', async () => {
    const workspace = tempWorkspace();
    const run = await runInTerminal(`npx plop --dest ${workspace} service -- --name ghost --mode existing --skipInstall`, []);
    expect(run.exitCode).toBe(1);
    expect(plain(run.output)).toMatch(/mode: existing needs a manifest .* in packages\/ghost; none found, use mode new/);
    expect(run.output).not.toMatch(/Stack|App type/);
    expect(readdirSync(workspace)).toEqual([]);
  });

  it('re-asks an invalid answer instead of failing', async () => {
    const workspace = tempWorkspace();
    const run = await runInTerminal(`npx plop --dest ${workspace} service -- --stack python --skipInstall --mode new`, [
      { waitFor: /Service name/, send: 'Bad\r' },
      { waitFor: /must be a lowercase slug/, send: '\x7f\x7f\x7fgood\r' },
      { waitFor: /App type/, send: '\r' },
      { waitFor: /Package manager/, send: '\r' },
      { waitFor: /Runtime base image/, send: '\r' },
      { waitFor: /Port/, send: '\r' },
      { waitFor: /Health endpoint path/, send: '\x15/ready\r' },
    ]);
    expect(run.exitCode).toBe(0);
    expect(readFileSync(join(workspace, 'packages/good/app/main.py'), 'utf8')).toContain('@app.get("/ready")');
  });
});

describe('plopfile.ts as a bundle', () => {
  /** A workspace with its own plopfile.ts, run as `npx plop` runs it: plop's bin with the workspace preload. */
  function plopfileWorkspace(files: Record<string, string>) {
    const root = tempWorkspace('dockwright-plopfile-');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
    for (const [path, content] of Object.entries(files)) writeFileSync(join(root, path), content);
    return root;
  }
  const runPlop = (root: string, args: readonly string[], env: Record<string, string> = {}) =>
    execa(process.execPath, [join(REPO_ROOT, 'node_modules/plop/bin/plop.js'), ...args], {
      cwd: root,
      reject: false,
      stdin: 'ignore',
      env: { NODE_OPTIONS: '--import dockwright/tsx-for-plop', FORCE_COLOR: '0', ...env },
    });
  const plopfile = `import type { NodePlopAPI } from 'plop';
import { message } from './message.ts';
export default function (plop: NodePlopAPI): void {
  plop.setGenerator('hello', { prompts: async () => ({}), actions: [async () => message] });
  plop.setGenerator('asks', {
    prompts: [{ type: 'input', name: 'who', message: 'Who?' }],
    actions: [async (answers) => \`hello \${(answers as { who: string }).who}\`],
  });
}
`;

  it('is rebuilt when a source changes, so it never runs stale code', async () => {
    const root = plopfileWorkspace({ 'plopfile.ts': plopfile, 'message.ts': "export const message: string = 'first';\n" });
    const first = await runPlop(root, ['hello']);
    expect({ exitCode: first.exitCode, stdout: first.stdout, stderr: first.stderr }).toEqual({ exitCode: 0, stdout: 'first', stderr: '' });
    // Same size, same mtime second: only the content tells them apart.
    const stat = statSync(join(root, 'message.ts'));
    writeFileSync(join(root, 'message.ts'), "export const message: string = 'again';\n");
    utimesSync(join(root, 'message.ts'), stat.atime, stat.mtime);
    expect((await runPlop(root, ['hello'])).stdout).toBe('again');
    expect((await runPlop(root, ['hello'], { DOCKWRIGHT_PLOP_FAST: '0' })).stdout).toMatch(/->\S* again$/m);
  });

  it('leaves a generator with a prompt list to plop itself, which loads inquirer for it', async () => {
    const root = plopfileWorkspace({ 'plopfile.ts': plopfile, 'message.ts': "export const message = 'm';\n" });
    const run = await runPlop(root, ['asks', '--', '--who', 'you']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout + run.stderr).toContain('hello you');
  });
});

describe('node-plop runActions', () => {
  it('runs the generator from the plopfile in a temp workspace', async () => {
    const workspace = tempWorkspace();
    const api = await nodePlop(join(REPO_ROOT, 'plopfile.ts'), { destBasePath: workspace, force: false });
    const result = await api.getGenerator('service').runActions({ name: 'ledger', stack: 'python', appType: 'worker' });
    expect(result.failures).toEqual([]);
    const dockerfile = readFileSync(join(workspace, 'docker/ledger.Dockerfile'), 'utf8');
    expect(dockerfile).toContain('CMD ["python", "-m", "app.worker"]');
    expect(dockerfile).not.toContain('EXPOSE');
  });
});
