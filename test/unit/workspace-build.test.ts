/**
 * A workspace member's image, planned from fixtures the real package managers wrote: what its
 * build reads at the root, which internal packages it copies or builds, the Dockerfile and the
 * ignore file that narrows the root context to them, and the layouts refused before anything is written.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FsWorkspace } from '../../generators/src/adapters/fs-workspace.js';
import { inspectPackage } from '../../generators/src/core/detect.js';
import { plan } from '../../generators/src/core/plan.js';
import { resolveSpec, workspaceDefaults } from '../../generators/src/core/spec.js';
import { WorkspaceLayoutError } from '../../generators/src/core/workspace-model.js';
import type { WorkspaceReader } from '../../generators/src/core/workspace.js';
import { workspaceBuild } from '../../generators/src/ecosystems/workspaces.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/workspaces');
const fixture = (name: string) => new FsWorkspace(join(FIXTURES, name));

const inMemory = (name: string, changes: Record<string, string | undefined> = {}) => MemoryWorkspace.fromFolder(join(FIXTURES, name), changes);

const planned = (workspace: WorkspaceReader, name: string, answers: Record<string, string> = {}) => {
  const { spec } = resolveSpec({ name, deploy: 'none', ...answers }, workspaceDefaults(workspace));
  return { spec, files: Object.fromEntries(plan(spec, workspace).changes.map((change) => [change.path, change.content])) };
};

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkspaceLayoutError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected a WorkspaceLayoutError');
};

describe('what a member’s image build reads', () => {
  test('npm: the root manifest and lockfile, the TypeScript library with the folder tsc writes', () => {
    expect(workspaceBuild(fixture('shop-npm'), 'packages/api')).toEqual({
      packageManager: 'npm',
      rootFiles: ['package.json', 'package-lock.json'],
      rootFolders: [],
      lockfile: 'package-lock.json',
      internal: [{ name: '@acme/shared', path: 'packages/shared', buildOutput: 'dist' }],
      service: { name: '@acme/api', path: 'packages/api' },
      buildFiles: [],
    });
  });

  test('pnpm: pnpm-workspace.yaml, and the patches folder its patchedDependencies name', () => {
    expect(workspaceBuild(fixture('pnpm-workspace'), 'packages/api')).toMatchObject({
      packageManager: 'pnpm',
      rootFiles: ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'],
      rootFolders: ['patches'],
      internal: [{ name: '@acme/shared', path: 'packages/shared', buildOutput: false }],
    });
  });

  test('Yarn 4: .yarnrc.yml (its nodeLinker decides what the install writes)', () => {
    expect(workspaceBuild(fixture('shop-yarn'), 'packages/api')).toMatchObject({ packageManager: 'yarn', rootFiles: ['package.json', 'yarn.lock', '.yarnrc.yml'] });
  });

  test('Nx ts preset (create-nx-workspace 22.7.8): Nx builds the @nx/esbuild app and the library its TypeScript plugin builds', () => {
    expect(workspaceBuild(fixture('nx-ts'), 'apps/api')).toEqual({
      packageManager: 'npm',
      rootFiles: ['package.json', 'package-lock.json'],
      rootFolders: [],
      lockfile: 'package-lock.json',
      internal: [{ name: '@nx-ts/shared', path: 'packages/shared', buildOutput: 'dist' }],
      service: { name: '@nx-ts/api', path: 'apps/api', build: { output: 'dist', entry: 'dist/main.js' } },
      buildFiles: ['tsconfig.base.json', 'tsconfig.json', 'nx.json'],
      buildCommand: 'npx --no nx run-many --targets=build --projects=@nx-ts/shared,@nx-ts/api --outputStyle=static',
    });
    const { spec, files } = planned(fixture('nx-ts'), 'api');
    expect(spec).toMatchObject({ directory: 'apps/api', image: 'nx-ts-api' });
    const dockerfile = files['docker/api.Dockerfile']!;
    expect(dockerfile).toContain('COPY tsconfig.base.json tsconfig.json nx.json ./\n');
    expect(dockerfile).toContain('RUN npx --no nx run-many --targets=build --projects=@nx-ts/shared,@nx-ts/api --outputStyle=static\n');
    expect(dockerfile).toContain('COPY --from=build /app/apps/api/dist /app/apps/api/dist\nWORKDIR /app/apps/api\n');
    expect(dockerfile).toContain('CMD ["node", "dist/main.js"]');
    // The targets go where the project keeps its configuration: package.json's nx field.
    expect(files['apps/api/project.json']).toBeUndefined();
    expect(JSON.parse(files['apps/api/package.json']!).nx.targets['build-image'].options.command).toBe('docker build -f docker/api.Dockerfile -t nx-ts-api:latest .');
  });

  test('a package of its own, and a member locked on its own, build from their own folder', () => {
    expect(workspaceBuild(new FsWorkspace(join(import.meta.dirname, '../..')), 'packages/accounts-api')).toBeUndefined();
    const lockedAlone = inMemory('npm-workspaces', { 'package-lock.json': undefined, 'packages/api/package-lock.json': '{"lockfileVersion": 3, "packages": {}}\n' });
    expect(inspectPackage(lockedAlone, 'packages/api')).toMatchObject({ packageManager: 'npm' });
    expect(inspectPackage(lockedAlone, 'packages/api').workspace).toBeUndefined();
    expect(inspectPackage(fixture('shop-npm'), 'packages/api').workspace).toBeDefined();
  });
});

describe('the planned files', () => {
  const { spec, files } = planned(fixture('shop-npm'), 'api');
  const dockerfile = files['docker/api.Dockerfile']!;
  const ignore = files['docker/api.Dockerfile.dockerignore']!;

  test('the image is named after the package, built from the root', () => {
    expect(spec).toMatchObject({ packageManager: 'npm', image: 'acme-api' });
    const project = JSON.parse(files['packages/api/project.json']!);
    expect(project.targets['build-image'].options.command).toBe('docker build -f docker/api.Dockerfile -t acme-api:latest .');
    expect(project.targets['verify-image'].options.command).toMatch(/^dockwright verify-image acme-api:latest /);
    expect(project.targets['lint-dockerfile'].options.command).toBe('dockwright lint docker/api.Dockerfile --app-type api --context .');
    expect(files['packages/api/.dockerignore']).toBeUndefined();
  });

  test('--image names it otherwise; a name Docker would refuse is refused', () => {
    const defaults = workspaceDefaults(fixture('shop-npm'));
    expect(resolveSpec({ name: 'api', deploy: 'none', image: 'shop/orders.api' }, defaults).spec.image).toBe('shop/orders.api');
    for (const image of ['Shop', 'acme-api:1', '-api', 'shop//api']) {
      expect(() => resolveSpec({ name: 'api', deploy: 'none', image }, defaults)).toThrow(/^image: must be an image repository name: .*; got "/);
    }
  });

  test('the policy\'s image.repository names it when --image does not; every file that runs the image follows', () => {
    const withPolicy = (repository: string) => inMemory('shop-npm', { 'dockwright.config.json': JSON.stringify({ image: { repository } }) });
    const { spec: fromPolicy, files: policyFiles } = planned(withPolicy('platform/{package}'), 'api', { deploy: 'k8s' });
    expect(fromPolicy.image).toBe('platform/acme-api');
    const project = JSON.parse(policyFiles['packages/api/project.json']!);
    expect(project.targets['build-image'].options.command).toBe('docker build -f docker/api.Dockerfile -t platform/acme-api:latest .');
    expect(project.targets['verify-image'].options.command).toMatch(/^dockwright verify-image platform\/acme-api:latest /);
    expect(policyFiles['deploy/k8s/api/deployment.yaml']).toContain('image: platform/acme-api:latest');
    expect(policyFiles['deploy/k8s/api/kustomization.yaml']).toContain('  - name: platform/acme-api\n    newName: registry.example.com/platform/acme-api\n');
    expect(planned(withPolicy('{name}-svc'), 'api').spec.image).toBe('api-svc');
    expect(planned(withPolicy('platform/{package}'), 'api', { image: 'shop/orders' }).spec.image).toBe('shop/orders');
  });

  test('a policy pattern too long once expanded is refused in one line naming the key', () => {
    const workspace = inMemory('shop-npm', { 'dockwright.config.json': JSON.stringify({ image: { repository: `${'a'.repeat(120)}/{package}` } }) });
    expect(() => planned(workspace, 'api')).toThrow(/^image: the policy's image\.repository "a+\/\{package\}" gives "a+\/acme-api", which is not an image repository name: .*; pass --image or shorten the pattern$/);
  });

  test('the lockfile is pruned by npm, offline, before the install that copies it', () => {
    expect(dockerfile).toContain('COPY package.json /\nCOPY packages/shared/package.json /packages/shared/\nCOPY packages/api/package.json /packages/api/\n');
    expect(dockerfile).toContain('npm install --package-lock-only --offline --ignore-scripts');
    expect(dockerfile.indexOf('AS lockfile')).toBeLessThan(dockerfile.indexOf('AS deps'));
    expect(dockerfile).toContain('COPY --from=lockfile /app/package-lock.json ./\n');
  });

  test('only the lockfile stage copies the root lockfile: the installs see it only pruned', () => {
    // Were it in the manifests stage, every stage copying that stage would change with any package's new dependency.
    const copiesOfRootLockfile = dockerfile.split('\n').filter((line) => /^COPY (?!--from).*package-lock\.json/.test(line));
    expect(copiesOfRootLockfile).toEqual(['COPY package-lock.json ./']);
    const lockfileStage = dockerfile.slice(dockerfile.indexOf('AS lockfile'), dockerfile.indexOf('AS deps'));
    expect(lockfileStage).toContain('COPY package-lock.json ./\nRUN ');
  });

  test('the library is built in its own folder; only what it writes reaches the runtime, the service runs from its folder', () => {
    expect(dockerfile).toContain('WORKDIR /app/packages/shared\nRUN npm run build\n');
    expect(dockerfile).toContain('COPY --from=build /app/packages/shared/dist /app/packages/shared/dist\nCOPY packages/api /app/packages/api\nWORKDIR /app/packages/api\n');
    expect(dockerfile).toContain('CMD ["node", "server.js"]');
    expect(dockerfile).not.toContain('worker');
  });

  test('the ignore file lets in the root files and the two packages, never the worker', () => {
    const lines = ignore.split('\n');
    expect(lines.filter((line) => line.startsWith('!'))).toEqual(['!package.json', '!package-lock.json', '!packages/shared', '!packages/api']);
    expect(lines[lines.findIndex((line) => !line.startsWith('#'))]).toBe('*');
    expect(lines).toEqual(expect.arrayContaining(['**/node_modules', '**/.env', 'packages/shared/dist', 'packages/api/test']));
    // The library's build may compile its tests; only its dist reaches the image.
    expect(lines).not.toContain('packages/shared/test');
    expect(ignore).not.toContain('worker');
  });
});

describe('a Next.js member importing an internal package (create-next-app in an npm workspace)', () => {
  const { spec, files } = planned(fixture('next-workspace'), 'web');
  const dockerfile = files['docker/web.Dockerfile']!;
  const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map(([, from, stage]) => `${stage} ← ${from}`);

  test('built from the root, with the workspace Dockerfile and its own ignore file', () => {
    expect(spec).toMatchObject({ stack: 'nextjs', mode: 'existing', packageManager: 'npm', image: 'web' });
    expect(spec.workspace).toMatchObject({ internal: [{ name: '@acme/ui', path: 'packages/ui', buildOutput: false }], service: { path: 'packages/web' } });
    expect(JSON.parse(files['packages/web/project.json']!).targets['build-image'].options.command).toBe('docker build -f docker/web.Dockerfile -t web:latest .');
    expect(files['packages/web/.dockerignore']).toBeUndefined();
  });

  test('the ignore file lets in only the root manifest, the lockfile, packages/ui and packages/web, without its .next', () => {
    const lines = files['docker/web.Dockerfile.dockerignore']!.split('\n');
    expect(lines.filter((line) => line.startsWith('!'))).toEqual(['!package.json', '!package-lock.json', '!packages/ui', '!packages/web']);
    expect(lines[lines.findIndex((line) => !line.startsWith('#'))]).toBe('*');
    expect(lines).toEqual(expect.arrayContaining(['**/node_modules', 'packages/web/.next', 'packages/web/test']));
  });

  test('stages: the pruned lockfile, every dependency installed before the sources, next build in the member’s folder', () => {
    expect(stages).toEqual(['manifests ← scratch', 'lockfile ← node:${NODE_VERSION}-slim', 'deps ← node:${NODE_VERSION}-slim', 'build ← deps', 'init ← node:${NODE_VERSION}-slim', 'runtime ← node:${NODE_VERSION}-slim']);
    expect(dockerfile).toContain('COPY package.json /\nCOPY packages/ui/package.json /packages/ui/\nCOPY packages/web/package.json /packages/web/\n');
    expect(dockerfile).toContain('COPY --from=manifests / ./\nCOPY package-lock.json ./\nRUN --mount=type=cache,target=/root/.npm npm install --package-lock-only');
    expect(dockerfile).toContain('COPY --from=lockfile /app/package-lock.json ./\nRUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund\n');
    expect(dockerfile).toContain('COPY packages/ui packages/ui\nCOPY packages/web packages/web\nWORKDIR /app/packages/web\nRUN mkdir -p public \\\n && npm run build\n');
  });

  test('the runtime: the standalone folder at /app, the server run from its workspace path, static assets and public/ beside it', () => {
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toContain(
      [
        'COPY --from=build /app/packages/web/.next/standalone /app/',
        'COPY --from=build /app/packages/web/public /app/packages/web/public',
        'COPY --from=build /app/packages/web/.next/static /app/packages/web/.next/static',
        'WORKDIR /app/packages/web',
      ].join('\n'),
    );
    expect(runtime).toContain('\nUSER 1001:1001\n');
    expect(runtime).toContain('install -d --owner=1001 --group=1001 /app/packages/web/.next/cache');
    expect(runtime).toContain('ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["node", "server.js"]');
    expect(JSON.parse(files['packages/web/project.json']!).targets['verify-image'].options.command).toContain('--writable /app/packages/web/.next/cache');
  });

  test('the health route and output: standalone land in packages/web', () => {
    expect(files['packages/web/app/health/route.ts']).toBeDefined();
    expect(files['packages/web/next.config.ts']).toContain('partialPrefetching: true,\n  output: "standalone",\n};');
  });

  test('a tracing root set in next.config is left as it is, with a notice naming where the image expects the server', () => {
    const config = 'packages/web/next.config.ts';
    const source = readFileSync(join(FIXTURES, 'next-workspace', config), 'utf8');
    const custom = inMemory('next-workspace', { [config]: source.replace('  cacheComponents: true,\n', '  outputFileTracingRoot: __dirname,\n  cacheComponents: true,\n') });
    const { spec } = resolveSpec({ name: 'web', deploy: 'none' }, workspaceDefaults(custom));
    const notices = plan(spec, custom).notices.filter((notice) => notice.path === config);
    expect(notices.map((notice) => notice.message)).toEqual([expect.stringMatching(/^sets outputFileTracingRoot, left as it is: the image runs \.next\/standalone\/packages\/web\/server\.js, /)]);
    expect(plan(spec, custom).changes.find((change) => change.path === config)?.content).toContain('outputFileTracingRoot: __dirname,');
    expect(plan(spec, fixture('next-workspace')).notices.filter((notice) => notice.path === config)).toEqual([]);
  });

  test('distroless: the cache folder is made inside the standalone copy, at the member’s path', () => {
    const distroless = planned(fixture('next-workspace'), 'web', { base: 'distroless' }).files['docker/web.Dockerfile']!;
    expect(distroless).toContain(' && install -d --owner=65532 --group=65532 .next/standalone/packages/web/.next/cache\n');
    expect(distroless.slice(distroless.indexOf('AS runtime'))).not.toContain('RUN ');
  });
});

describe('layouts refused, one line, before anything is written', () => {
  test('a static-site member (not built from a workspace yet)', () => {
    expect(refusal(() => planned(fixture('next-workspace'), 'web', { stack: 'static' }))).toBe(
      'packages/web: is a member of the npm workspace at the root, and dockwright does not build static services from a workspace yet (node and nextjs services it does); give it a lockfile of its own outside the workspace globs, or wait for static support',
    );
  });

  test('a workspace without its lockfile', () => {
    expect(refusal(() => workspaceBuild(inMemory('npm-workspaces', { 'package-lock.json': undefined }), 'packages/api'))).toBe(
      'package.json: declares the workspace packages/api belongs to, and has no package-lock.json beside it, which the image installs from; run `npm install` at the root and commit it',
    );
  });

  test('Yarn 1 workspaces: no lockfile-only install to prune with', () => {
    const files = inMemory('yarn-workspaces', { '.yarnrc.yml': undefined, 'yarn.lock': '# yarn lockfile v1\n' });
    expect(refusal(() => workspaceBuild(files, 'packages/api'))).toMatch(/^yarn\.lock: yarn1 workspaces are not built by dockwright/);
  });

  test('a member whose folder a COPY line cannot name', () => {
    const lockfile = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'root', workspaces: ['packages/*'] },
        'packages/api': { name: '@acme/api', dependencies: { '@acme/shared': '*' } },
        'packages/my shared': { name: '@acme/shared' },
        'node_modules/@acme/api': { resolved: 'packages/api', link: true },
        'node_modules/@acme/shared': { resolved: 'packages/my shared', link: true },
      },
    };
    const spaced = new MemoryWorkspace({
      'package.json': '{"name":"root","private":true,"workspaces":["packages/*"]}\n',
      'package-lock.json': JSON.stringify(lockfile),
      'packages/api/package.json': '{"name":"@acme/api","dependencies":{"@acme/shared":"*"}}\n',
      'packages/my shared/package.json': '{"name":"@acme/shared"}\n',
    });
    expect(refusal(() => workspaceBuild(spaced, 'packages/api'))).toMatch(/^packages\/my shared\/package\.json: "packages\/my shared" is not a plain relative path/);
  });
});
