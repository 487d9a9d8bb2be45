/**
 * A workspace member's image, planned from fixtures the real package managers wrote: what its
 * build reads at the root, which internal packages it copies or builds, the Dockerfile and the
 * ignore file that narrows the root context to them, and the layouts refused before anything is written.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

function inMemory(name: string, changes: Record<string, string | undefined> = {}): MemoryWorkspace {
  const files: Record<string, string> = {};
  const visit = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) visit(path, `${prefix}${entry}/`);
      else files[`${prefix}${entry}`] = readFileSync(path, 'utf8');
    }
  };
  visit(join(FIXTURES, name), '');
  for (const [path, content] of Object.entries(changes)) {
    if (content === undefined) delete files[path];
    else files[path] = content;
  }
  return new MemoryWorkspace(files);
}

const planned = (workspace: WorkspaceReader, name: string) => {
  const { spec } = resolveSpec({ name, deploy: 'none' }, workspaceDefaults(workspace));
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

describe('layouts refused, one line, before anything is written', () => {
  test('a Next.js member (not built from a workspace yet)', () => {
    expect(refusal(() => planned(fixture('next-workspace'), 'web'))).toBe(
      'packages/web: is a member of the npm workspace at the root, and dockwright does not build nextjs services from a workspace yet (node services it does); give it a lockfile of its own outside the workspace globs, or wait for nextjs support',
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
