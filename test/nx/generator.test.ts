/** The Nx generator on a Tree: each stack, existing projects, re-runs, conflicts and dry runs. */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readProjectConfiguration, type Tree } from '@nx/devkit';
import { ConflictError } from '../../generators/src/core/apply.js';
import { join } from 'node:path';
import { REPO_ROOT, readTree } from '../support/cli.js';
import { changeList, emptyTree, filesUnder, generate, quietLogs } from './support.js';

beforeEach(() => {
  quietLogs();
  delete process.env.NX_DRY_RUN;
  delete process.env.NX_INTERACTIVE;
});

const TARGETS = ['build-image', 'verify-image', 'lint-dockerfile'];

describe('new services', () => {
  it.each([
    ['python', 'app/main.py', 'python'],
    ['node', 'src/server.js', 'node'],
    ['nextjs', 'app/health/route.ts', 'node'],
  ])('%s: skeleton, Dockerfile, .dockerignore and a project Nx reads with the image targets', async (stack, sourceFile, base) => {
    const tree = emptyTree();
    await generate(tree, { name: `my-${stack}`, stack, skipInstall: true });
    const files = filesUnder(tree, `packages/my-${stack}`, `docker/my-${stack}.Dockerfile`);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([`docker/my-${stack}.Dockerfile`, `packages/my-${stack}/.dockerignore`, `packages/my-${stack}/project.json`, `packages/my-${stack}/${sourceFile}`]),
    );
    expect(files[`docker/my-${stack}.Dockerfile`]).toMatch(new RegExp(`FROM ${base}:\\$\\{`));
    const project = readProjectConfiguration(tree, `my-${stack}`);
    expect(project.root).toBe(`packages/my-${stack}`);
    expect(Object.keys(project.targets ?? {})).toEqual(TARGETS);
    expect(project.tags).toEqual(['dockwright', `stack:${stack}`, `type:${stack === 'nextjs' ? 'frontend' : 'api'}`]);
  });

  it('takes every answer the plop flags take', async () => {
    const tree = emptyTree();
    await generate(tree, { name: 'jobs', stack: 'node', appType: 'worker', packageManager: 'pnpm', skipInstall: true });
    const dockerfile = tree.read('docker/jobs.Dockerfile', 'utf-8')!;
    expect(dockerfile).toContain('pnpm install --frozen-lockfile');
    expect(dockerfile).toContain('/tmp/heartbeat');
    expect(readProjectConfiguration(tree, 'jobs').tags).toContain('type:worker');
  });

  it("tags the image as the policy's image.repository says", async () => {
    const tree = emptyTree();
    tree.write('dockwright.config.json', JSON.stringify({ image: { repository: 'platform/{name}' } }));
    await generate(tree, { name: 'orders', stack: 'node', deploy: 'none', skipInstall: true });
    expect(readProjectConfiguration(tree, 'orders').targets?.['build-image']?.options.command).toBe('docker build -f docker/orders.Dockerfile -t platform/orders:latest packages/orders');
  });

  it('in a workspace folder, a new member joins the workspace: npm re-locks the root lockfile, written as npm wrote it; the image builds from the root', async () => {
    const tree = emptyTree(readTree(join(REPO_ROOT, 'test/fixtures/workspaces/shop-npm')));
    await generate(tree, { name: 'orders', stack: 'node', deploy: 'none' });
    const lockfile = tree.read('package-lock.json', 'utf-8')!;
    expect(JSON.parse(lockfile).packages['packages/orders']).toMatchObject({ version: '0.1.0', dependencies: { fastify: expect.any(String) } });
    expect(lockfile.endsWith('}\n')).toBe(true);
    expect(tree.exists('packages/orders/package-lock.json')).toBe(false);
    expect(tree.read('docker/orders.Dockerfile.dockerignore', 'utf-8')).toMatch(/^!packages\/orders$/m);
    expect(readProjectConfiguration(tree, 'orders').targets?.['build-image']?.options.command).toBe('docker build -f docker/orders.Dockerfile -t orders:latest .');
  }, 120_000);

  it('accepts the port as Nx passes it, a number, and as a string', async () => {
    const tree = emptyTree();
    await generate(tree, { name: 'a', stack: 'python', port: 9000, skipInstall: true });
    await generate(tree, { name: 'b', stack: 'python', port: '9001', skipInstall: true });
    expect(tree.read('docker/a.Dockerfile', 'utf-8')).toContain('9000');
    expect(tree.read('docker/b.Dockerfile', 'utf-8')).toContain('9001');
  });

  it.each([
    [{ name: 'Bad Name', stack: 'python' }, /name: must be a lowercase slug/],
    [{ stack: 'python' }, /name: required/],
    [{ name: 'ok', stack: 'python', appType: 'frontend' }, /appType: must be one of api \| worker for stack python/],
    [{ name: 'ok', stack: 'node', appType: 'worker', port: 3000 }, /port: workers listen on no port/],
    [{ name: 'ok', stack: 'node', bogus: 'x' }, /bogus: unknown option/],
  ])('rejects bad input before touching the tree: %j', async (options, message) => {
    const tree = emptyTree();
    const before = changeList(tree);
    await expect(generate(tree, { skipInstall: true, ...options })).rejects.toThrow(message);
    expect(changeList(tree)).toEqual(before);
  });
});

describe('re-runs and conflicts', () => {
  const options = { name: 'billing', stack: 'python', skipInstall: true };

  it('a second run with the same answers changes nothing', async () => {
    const tree = emptyTree();
    await generate(tree, options);
    const first = filesUnder(tree, 'packages', 'docker');
    await generate(tree, options);
    expect(filesUnder(tree, 'packages', 'docker')).toEqual(first);
  });

  it('stops on a changed file it owns, writing nothing, and overwrites it with force', async () => {
    const tree = emptyTree();
    await generate(tree, options);
    tree.write('docker/billing.Dockerfile', '# hand-edited\n');
    tree.write('packages/billing/.dockerignore', '*\n');
    const before = filesUnder(tree, 'packages', 'docker');
    const run = generate(tree, options);
    await expect(run).rejects.toBeInstanceOf(ConflictError);
    await expect(generate(tree, options)).rejects.toThrow(/docker\/billing\.Dockerfile, packages\/billing\/\.dockerignore/);
    expect(filesUnder(tree, 'packages', 'docker')).toEqual(before);

    await generate(tree, { ...options, force: true });
    expect(tree.read('docker/billing.Dockerfile', 'utf-8')).toContain('FROM python:');
    expect(tree.read('packages/billing/.dockerignore', 'utf-8')).toContain('.git');
  });

  it('keeps targets and tags the project already has', async () => {
    const tree = emptyTree();
    await generate(tree, options);
    const config = JSON.parse(tree.read('packages/billing/project.json', 'utf-8')!);
    config.targets.test = { command: 'pytest' };
    config.tags.push('team:payments');
    tree.write('packages/billing/project.json', JSON.stringify(config, null, 2));
    await generate(tree, options);
    const project = readProjectConfiguration(tree, 'billing');
    expect(Object.keys(project.targets ?? {})).toEqual(expect.arrayContaining(['test', ...TARGETS]));
    expect(project.tags).toContain('team:payments');
  });
});

describe('dry run (nx g --dry-run)', () => {
  it('plans without running a package manager: no lockfile, the rest as usual', async () => {
    process.env.NX_DRY_RUN = 'true';
    const tree = emptyTree();
    const started = Date.now();
    await generate(tree, { name: 'web', stack: 'nextjs' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(tree.exists('packages/web/package-lock.json')).toBe(false);
    expect(tree.exists('docker/web.Dockerfile')).toBe(true);
  });
});

describe('dry run diffs', () => {
  it('shows the diff of every existing file it would change, as plop does', async () => {
    const tree = emptyTree();
    await generate(tree, { name: 'billing', stack: 'python', skipInstall: true });
    tree.write('packages/billing/project.json', JSON.stringify({ name: 'billing', targets: { test: { command: 'pytest' } } }, null, 2));
    process.env.NX_DRY_RUN = 'true';
    await generate(tree, { name: 'billing', stack: 'python', skipInstall: true });
    const logged = (console.info as jest.Mock).mock.calls.map((call) => String(call[0])).join('\n');
    expect(logged).toContain('merge     packages/billing/project.json');
    expect(logged).toMatch(/^\+\s+"build-image": \{$/m);
  });
});

describe('--project: dockerize a project Nx already knows', () => {
  const legacyNode = (tree: Tree) => {
    tree.write('packages/legacy/package.json', JSON.stringify({ name: 'legacy', main: 'server.js' }, null, 2));
    tree.write('packages/legacy/package-lock.json', '{}\n');
    tree.write('packages/legacy/server.js', 'require("http").createServer().listen(3000);\n');
    tree.write(
      'packages/legacy/project.json',
      JSON.stringify({ name: 'legacy-svc', $schema: '../../node_modules/nx/schemas/project-schema.json', targets: { test: { command: 'node --test' } } }, null, 2),
    );
  };

  it.each([['by project name', 'legacy-svc'], ['by folder', 'packages/legacy'], ['by folder, written loosely', './packages/legacy/']])(
    '%s (project.json)',
    async (_label, project) => {
      const tree = emptyTree();
      legacyNode(tree);
      await generate(tree, { project, stack: 'node' });
      expect(tree.exists('docker/legacy.Dockerfile')).toBe(true);
      expect(tree.read('docker/legacy.Dockerfile', 'utf-8')).toContain('CMD ["node", "server.js"]');
      expect(tree.exists('packages/legacy/src/server.js')).toBe(false);
      const project_ = readProjectConfiguration(tree, 'legacy-svc');
      expect(Object.keys(project_.targets ?? {})).toEqual(['test', ...TARGETS]);
    },
  );

  it('detects the stack and package manager when they are not given', async () => {
    const tree = emptyTree();
    legacyNode(tree);
    await generate(tree, { project: 'legacy-svc' });
    expect(readProjectConfiguration(tree, 'legacy-svc').tags).toEqual(['dockwright', 'stack:node', 'type:api']);
  });

  it('a package.json project (workspace member): targets go to its "nx" field, the project keeps its name', async () => {
    const tree = emptyTree();
    tree.write('package.json', JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*'] }, null, 2));
    tree.write(
      'packages/web/package.json',
      JSON.stringify({ name: '@acme/web', scripts: { build: 'next build' }, dependencies: { next: '16.0.0' } }, null, 2),
    );
    tree.write('packages/web/yarn.lock', '');
    tree.write('packages/web/.yarnrc.yml', 'nodeLinker: node-modules\n');
    tree.write('packages/web/next.config.mjs', 'const nextConfig = {\n  reactStrictMode: true,\n};\n\nexport default nextConfig;\n');
    await generate(tree, { project: '@acme/web', skipInstall: true });
    expect(tree.exists('packages/web/project.json')).toBe(false);
    const manifest = JSON.parse(tree.read('packages/web/package.json', 'utf-8')!);
    expect(manifest.name).toBe('@acme/web');
    expect(Object.keys(manifest.nx.targets)).toEqual(TARGETS);
    expect(manifest.nx.tags).toEqual(['dockwright', 'stack:nextjs', 'type:frontend']);
    const project = readProjectConfiguration(tree, '@acme/web');
    expect(project.targets?.['build-image']?.options.command).toBe('docker build -f docker/web.Dockerfile -t web:latest packages/web');
    expect(tree.read('packages/web/next.config.mjs', 'utf-8')).toContain("output: 'standalone'");
    expect(tree.read('docker/web.Dockerfile', 'utf-8')).toContain('yarn');
  });

  it('a project outside packages/ (Nx apps/) is dockerized where it is', async () => {
    const tree = emptyTree();
    tree.write('apps/orders/package.json', JSON.stringify({ name: 'orders', main: 'server.js', dependencies: {} }, null, 2));
    tree.write('apps/orders/package-lock.json', JSON.stringify({ name: 'orders', lockfileVersion: 3, requires: true, packages: { '': { name: 'orders' } } }, null, 2));
    tree.write('apps/orders/server.js', 'require("http").createServer().listen(3000);\n');
    tree.write('apps/orders/project.json', JSON.stringify({ name: 'orders', targets: {} }, null, 2));
    await generate(tree, { project: 'orders', skipInstall: true, deploy: 'none' });
    expect(tree.read('docker/orders.Dockerfile', 'utf-8')).toContain('CMD ["node", "server.js"]');
    expect(tree.exists('apps/orders/.dockerignore')).toBe(true);
    expect(tree.exists('packages/orders')).toBe(false);
    const targets = readProjectConfiguration(tree, 'orders').targets ?? {};
    expect(targets['build-image']?.options.command).toBe('docker build -f docker/orders.Dockerfile -t orders:latest apps/orders');
    expect(targets['lint-dockerfile']?.options.command).toBe('dockwright lint docker/orders.Dockerfile --app-type api --context apps/orders');
  });

  it.each([
    [{ project: 'nope' }, /project: no Nx project is named "nope"/],
    [{ project: 'outside' }, /mode: existing needs a manifest \(package\.json\) in apps\/outside; none found/],
    [{ project: 'legacy-svc', directory: 'apps/legacy' }, /directory: project legacy-svc is in packages\/legacy; drop --directory or pass packages\/legacy/],
    [{ project: 'legacy-svc', mode: 'new' }, /mode: --project dockerizes an existing project/],
  ])('refuses %j', async (options, message) => {
    const tree = emptyTree();
    legacyNode(tree);
    tree.write('apps/outside/project.json', JSON.stringify({ name: 'outside' }));
    await expect(generate(tree, { stack: 'node', ...options })).rejects.toThrow(message);
  });
});

describe('prompts', () => {
  it('asks nothing unless Nx runs interactively in a terminal', async () => {
    process.env.NX_INTERACTIVE = 'true';
    const tree = emptyTree();
    // Jest's stdin is no terminal: a missing name is an error, not a question that never returns.
    await expect(generate(tree, { stack: 'python', skipInstall: true })).rejects.toThrow(/name: required/);
    expect(jest.isMockFunction(console.info)).toBe(true);
  });
});
