import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FsWorkspace } from '../../generators/src/adapters/fs-workspace.js';
import { WorkspaceLayoutError, type WorkspaceModel } from '../../generators/src/core/workspace-model.js';
import { detectWorkspace } from '../../generators/src/ecosystems/workspaces.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/workspaces');
const fixture = (name: string) => new FsWorkspace(join(FIXTURES, name));

/** A fixture's files in memory, to change one thing and see what the model makes of it. */
const fixtureInMemory = (name: string) => MemoryWorkspace.fromFolder(join(FIXTURES, name));

const closureNames = (model: WorkspaceModel, member: string) => model.closure(member).map((dependency) => dependency.name);
const edges = (model: WorkspaceModel) => Object.fromEntries(model.members.map((member) => [member.name, member.internal]));
/** Nx's own project graph for the fixture, recorded when it was made (see manifest.json). */
const nxGraph = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name, 'nx-graph.json'), 'utf8')) as Record<string, string[]>;

function layoutError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkspaceLayoutError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a WorkspaceLayoutError');
}

describe('workspace model on workspaces the package managers made', () => {
  test('npm workspaces: root lockfile, the three members, api needs shared ("*")', () => {
    const model = detectWorkspace(fixture('npm-workspaces'), 'packages/api');
    expect(model).toMatchObject({ root: '', kind: 'npm', packageManager: 'npm', lockfile: 'package-lock.json' });
    expect(model.members.map((member) => [member.name, member.path])).toEqual([
      ['@acme/api', 'packages/api'],
      ['@acme/shared', 'packages/shared'],
      ['@acme/worker', 'packages/worker'],
    ]);
    expect(model.service?.name).toBe('@acme/api');
    expect(model.service?.dependencies).toEqual({ '@acme/shared': '*', ms: '2.1.3' });
    expect(closureNames(model, '@acme/api')).toEqual(['@acme/shared']);
    expect(closureNames(model, 'packages/worker')).toEqual([]);
  });

  test('the root is found above the service, wherever the reader starts', () => {
    const model = detectWorkspace(new FsWorkspace(FIXTURES), 'npm-workspaces/packages/api');
    expect(model).toMatchObject({ root: 'npm-workspaces', kind: 'npm', lockfile: 'npm-workspaces/package-lock.json' });
    expect(model.service?.path).toBe('npm-workspaces/packages/api');
    expect(closureNames(model, '@acme/api')).toEqual(['@acme/shared']);
  });

  test('pnpm workspace: pnpm-workspace.yaml globs, workspace:*, overrides and patchedDependencies in step', () => {
    const model = detectWorkspace(fixture('pnpm-workspace'), 'packages/api');
    expect(model).toMatchObject({ root: '', kind: 'pnpm', packageManager: 'pnpm', lockfile: 'pnpm-lock.yaml' });
    expect(model.members.map((member) => member.path)).toEqual(['packages/api', 'packages/shared', 'packages/worker']);
    expect(edges(model)).toEqual({ '@acme/api': ['@acme/shared'], '@acme/shared': [], '@acme/worker': [] });
  });

  test('yarn 4 workspaces (node-modules linker): workspaces.packages, yarn.lock', () => {
    const model = detectWorkspace(fixture('yarn-workspaces'), 'packages/api');
    expect(model).toMatchObject({ root: '', kind: 'yarn', packageManager: 'yarn', lockfile: 'yarn.lock' });
    expect(closureNames(model, '@acme/api')).toEqual(['@acme/shared']);
  });

  test('Yarn 1 workspaces: a v1 lockfile and no .yarnrc.yml are the yarn1 flavour, checked by its own frozen install', () => {
    const yarn4 = fixtureInMemory('yarn-workspaces').snapshot();
    const { ['.yarnrc.yml']: _berrySettings, ...files } = yarn4;
    const workspace = new MemoryWorkspace({ ...files, 'yarn.lock': '# yarn lockfile v1\n' });
    const model = detectWorkspace(workspace, 'packages/api');
    expect(model).toMatchObject({ root: '', kind: 'yarn', packageManager: 'yarn1', lockfile: 'yarn.lock' });
    expect(closureNames(model, '@acme/api')).toEqual(['@acme/shared']);
  });

  test('Next.js app importing an internal UI package', () => {
    const model = detectWorkspace(fixture('next-workspace'), 'packages/web');
    expect(model).toMatchObject({ kind: 'npm', packageManager: 'npm', lockfile: 'package-lock.json' });
    expect(model.service?.name).toBe('web');
    expect(closureNames(model, 'web')).toEqual(['@acme/ui']);
  });

  test.each(['nx-ts', 'nx-node', 'nx-paths'])('Nx %s: the projects and edges Nx itself found', (name) => {
    const model = detectWorkspace(fixture(name), 'apps/api');
    expect(model).toMatchObject({ root: '', kind: 'nx', packageManager: 'npm', lockfile: 'package-lock.json' });
    expect(edges(model)).toEqual(nxGraph(name));
    expect(model.service?.path).toBe('apps/api');
  });

  test('Nx integrated layout: a project.json-only lib is reached through tsconfig.base.json paths', () => {
    const model = detectWorkspace(fixture('nx-paths'), 'apps/api');
    expect(model.members.map((member) => [member.name, member.path])).toEqual([
      ['api', 'apps/api'],
      ['util', 'libs/util'],
    ]);
    expect(closureNames(model, 'api')).toEqual(['util']);
  });

  test('this repository\'s examples are packages of their own: Nx projects, but not members of the root\'s npm workspace', () => {
    const repository = new FsWorkspace(join(import.meta.dirname, '../..'));
    expect(detectWorkspace(repository, 'packages/catalog-api')).toMatchObject({ root: 'packages/catalog-api', kind: 'none', packageManager: 'npm', lockfile: 'packages/catalog-api/package-lock.json' });
    expect(detectWorkspace(repository, 'packages/accounts-api')).toMatchObject({ kind: 'none', packageManager: 'pnpm', lockfile: 'packages/accounts-api/pnpm-lock.yaml' });
    expect(detectWorkspace(repository, 'packages/docs-site')).toMatchObject({ kind: 'none', packageManager: 'yarn', lockfile: 'packages/docs-site/yarn.lock' });
  });

  test('a package of its own is judged by its own files, not by the workspace around it', () => {
    const reader = workspace(
      { workspaces: ['apps/*'] },
      { 'apps/web': { name: 'web' }, 'packages/own': { name: 'own' } },
      { 'yarn.lock': '__metadata:\n  version: 10\n', 'packages/own/package-lock.json': '{}' },
    );
    expect(detectWorkspace(reader, 'packages/own')).toMatchObject({ root: 'packages/own', kind: 'none', packageManager: 'npm', lockfile: 'packages/own/package-lock.json' });
    expect(layoutError(() => detectWorkspace(reader, 'apps/web'))).toMatch(/^lockfile: \.yarnrc\.yml does not set `nodeLinker: node-modules`/);
  });

  test('a self-contained package is its own root (today\'s layout)', () => {
    const model = detectWorkspace(new FsWorkspace(join(FIXTURES, '../apps')), 'create-next-app');
    expect(model).toMatchObject({ root: 'create-next-app', kind: 'none', packageManager: 'npm', lockfile: 'create-next-app/package-lock.json', members: [] });
    expect(model.closure('create-next-app')).toEqual([]);
  });
});

describe('layouts refused before anything is written', () => {
  test('Yarn Plug\'n\'Play, by the rule a package of its own is refused by', () => {
    const refusal =
      "lockfile: .yarnrc.yml does not set `nodeLinker: node-modules`: Yarn would install Plug'n'Play, and the image copies node_modules between its stages; add that line to it";
    expect(layoutError(() => detectWorkspace(fixture('yarn-pnp'), 'packages/api'))).toBe(refusal);
    const workspace = fixtureInMemory('yarn-workspaces');
    workspace.write('.yarnrc.yml', 'nodeLinker: pnp\n');
    expect(layoutError(() => detectWorkspace(workspace, 'packages/api'))).toBe(refusal);
  });

  test('a peer pnpm installed and locked (autoInstallPeers) is in step; the same name locked with no peer declared is not', () => {
    expect(detectWorkspace(fixture('pnpm-peer'), 'packages/ui')).toMatchObject({ kind: 'pnpm', packageManager: 'pnpm' });
    const withoutPeer = MemoryWorkspace.fromFolder(join(FIXTURES, 'pnpm-peer'), { 'packages/ui/package.json': '{"name":"@acme/ui","version":"1.0.0"}\n' });
    expect(layoutError(() => detectWorkspace(withoutPeer, 'packages/ui'))).toBe(
      'pnpm-lock.yaml: out of step with packages/ui/package.json (react is locked but no longer declared); run pnpm install at the workspace root, then run again',
    );
  });

  test('a lockfile out of step with a member\'s manifest (npm, as npm ci sees it)', () => {
    expect(layoutError(() => detectWorkspace(fixture('npm-out-of-step'), 'packages/api'))).toBe(
      'package-lock.json: out of step with packages/worker/package.json (debug is not locked); run npm install at the workspace root, then run again',
    );
  });

  test.each([
    ['pnpm-workspace', 'pnpm-lock.yaml'],
    ['yarn-workspaces', 'yarn.lock'],
  ])('%s: a new dependency not yet locked, a changed range, a new member', (name, lockfile) => {
    const added = fixtureInMemory(name);
    const worker = JSON.parse(added.read('packages/worker/package.json')!);
    added.write('packages/worker/package.json', JSON.stringify({ ...worker, dependencies: { ...worker.dependencies, debug: '4.4.3' } }));
    expect(layoutError(() => detectWorkspace(added, 'packages/api'))).toBe(
      `${lockfile}: out of step with packages/worker/package.json (debug is not locked); run ${name.split('-')[0]} install at the workspace root, then run again`,
    );
    const changed = fixtureInMemory(name);
    changed.write('packages/worker/package.json', JSON.stringify({ ...worker, dependencies: { picocolors: '1.1.0' } }));
    expect(layoutError(() => detectWorkspace(changed, 'packages/api'))).toContain('(picocolors 1.1.0 is locked as');
    const member = fixtureInMemory(name);
    member.write('packages/extra/package.json', JSON.stringify({ name: '@acme/extra', version: '1.0.0' }));
    expect(layoutError(() => detectWorkspace(member, 'packages/api'))).toContain('packages/extra/package.json (not in the lockfile)');
  });

  test('dev and optional dependencies count as the package managers count them', () => {
    for (const name of ['npm-dev-optional', 'yarn-dev-optional']) {
      const worker = detectWorkspace(fixture(name), 'packages/api').members.find((member) => member.path === 'packages/worker');
      expect(worker?.dependencies).toEqual({ picocolors: '1.1.1', ms: '2.1.3', react: '19.2.0' });
    }
    expect(layoutError(() => detectWorkspace(fixture('pnpm-optional-unlocked'), 'packages/api'))).toBe(
      'pnpm-lock.yaml: out of step with packages/worker/package.json (react is not locked); run pnpm install at the workspace root, then run again',
    );
  });

  test('two lockfiles at one root', () => {
    const workspace = fixtureInMemory('npm-workspaces');
    workspace.write('yarn.lock', '# yarn lockfile v1\n');
    expect(layoutError(() => detectWorkspace(workspace, 'packages/api'))).toBe(
      'package-lock.json and yarn.lock: one workspace, two lockfiles; delete the one your package manager does not write, then run again',
    );
  });

  test('two members with one name', () => {
    const workspace = fixtureInMemory('npm-workspaces');
    workspace.write('package.json', JSON.stringify({ name: 'x', workspaces: ['packages/*', 'copies/*'] }));
    workspace.write('copies/api/package.json', workspace.read('packages/api/package.json')!);
    expect(layoutError(() => detectWorkspace(workspace, 'packages/api'))).toBe(
      "packages/api/package.json: the name @acme/api is also copies/api's; give each workspace member its own name",
    );
  });
});

/** Hand-made manifests for the linking rules (no lockfile, so nothing to be in step with). */
function workspace(root: Record<string, unknown>, members: Record<string, Record<string, unknown>>, extra: Record<string, string> = {}) {
  const files: Record<string, string> = { 'package.json': JSON.stringify(root), ...extra };
  for (const [path, manifest] of Object.entries(members)) files[`${path}/package.json`] = JSON.stringify(manifest);
  return new MemoryWorkspace(files);
}

describe('what the root lockfile is held to', () => {
  it('an Nx project outside the package manager’s globs (its own package.json, not locked at the root) is not a lockfile member', () => {
    const reader = MemoryWorkspace.fromFolder(join(FIXTURES, 'nx-ts'), {
      'services/tool/package.json': '{"name":"tool","dependencies":{"ms":"2.1.3"}}\n',
      'services/tool/project.json': '{"name":"tool"}\n',
    });
    const model = detectWorkspace(reader, 'apps/api');
    expect(model.members.map((member) => member.path)).toContain('services/tool');
    const inGlobs = MemoryWorkspace.fromFolder(join(FIXTURES, 'nx-ts'), { 'apps/tool/package.json': '{"name":"tool","dependencies":{"ms":"2.1.3"}}\n' });
    expect(() => detectWorkspace(inGlobs, 'apps/api')).toThrow(/^package-lock\.json: out of step with apps\/tool\/package\.json \(not in the lockfile\)/);
  });
});

describe('internal edges and the closure', () => {
  test('dependency order, each package once, stable across a diamond; a cycle is cut where it closes', () => {
    const reader = workspace(
      { workspaces: ['packages/*'] },
      {
        'packages/app': { name: 'app', dependencies: { right: '*', left: '*' } },
        'packages/left': { name: 'left', version: '1.0.0', dependencies: { base: '*' } },
        'packages/right': { name: 'right', version: '1.0.0', dependencies: { base: '*', app: '*' } },
        'packages/base': { name: 'base', version: '1.0.0', dependencies: { left: '^1.0.0' } },
      },
    );
    const model = detectWorkspace(reader, 'packages/app');
    expect(closureNames(model, 'app')).toEqual(['base', 'left', 'right']);
    expect(closureNames(model, 'right')).toEqual(['base', 'left', 'app']);
    expect(closureNames(model, 'base')).toEqual(['left']);
  });

  test('a range the member\'s version does not satisfy is a registry package, not the member', () => {
    const model = detectWorkspace(
      workspace({ workspaces: ['packages/*'] }, { 'packages/app': { name: 'app', dependencies: { lib: '^2.0.0' } }, 'packages/lib': { name: 'lib', version: '1.4.0' } }),
      'packages/app',
    );
    expect(closureNames(model, 'app')).toEqual([]);
  });

  test('file: and link: point at a member by its folder', () => {
    const model = detectWorkspace(
      workspace(
        { workspaces: ['packages/*', 'libs/**'] },
        {
          'packages/app': { name: 'app', dependencies: { util: 'file:../../libs/deep/util', other: 'link:../lib' } },
          'packages/lib': { name: 'lib' },
          'libs/deep/util': { name: 'util' },
        },
      ),
      'packages/app',
    );
    expect(closureNames(model, 'app')).toEqual(['lib', 'util']);
  });

  test('pnpm links a plain range to a member only with linkWorkspacePackages', () => {
    const members = { 'packages/app': { name: 'app', dependencies: { lib: '*' } }, 'packages/lib': { name: 'lib', version: '1.0.0' } };
    const plain = workspace({}, members, { 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n' });
    expect(closureNames(detectWorkspace(plain, 'packages/app'), 'app')).toEqual([]);
    const linked = workspace({}, members, { 'pnpm-workspace.yaml': 'packages:\n  - packages/*\nlinkWorkspacePackages: true\n' });
    expect(detectWorkspace(linked, 'packages/app')).toMatchObject({ kind: 'pnpm', packageManager: 'pnpm', lockfile: undefined });
    expect(closureNames(detectWorkspace(linked, 'packages/app'), 'app')).toEqual(['lib']);
  });

  test('negated globs leave folders out, as npm and Nx do', () => {
    const model = detectWorkspace(
      workspace({ workspaces: ['packages/*', '!packages/legacy'] }, { 'packages/app': { name: 'app' }, 'packages/legacy': { name: 'legacy' } }),
      'packages/app',
    );
    expect(model.members.map((member) => member.name)).toEqual(['app']);
  });

  test('Nx implicitDependencies add edges; `!name` removes one', () => {
    const reader = workspace(
      { workspaces: ['packages/*'] },
      {
        'packages/app': { name: 'app', dependencies: { lib: '*' }, nx: { implicitDependencies: ['!lib', 'assets'] } },
        'packages/lib': { name: 'lib', version: '1.0.0' },
      },
      { 'nx.json': '{}', 'assets/project.json': '{ "name": "assets" }' },
    );
    expect(closureNames(detectWorkspace(reader, 'packages/app'), 'app')).toEqual(['assets']);
  });

  test('Nx does not look for projects where the root .gitignore or .nxignore says not to', () => {
    const reader = workspace(
      { name: 'root' },
      {},
      {
        'nx.json': '{}',
        '.gitignore': '/tmp/\n',
        '.nxignore': 'test/fixtures/\n',
        'apps/api/project.json': '{ "name": "api", "implicitDependencies": ["lib"] }',
        'libs/lib/project.json': '{ "name": "lib" }',
        'tmp/scratch/project.json': '{ "name": "scratch" }',
        'test/fixtures/other/apps/api/project.json': '{ "name": "api" }',
      },
    );
    const model = detectWorkspace(reader, 'apps/api');
    expect(model.members.map((member) => member.path)).toEqual(['apps/api', 'libs/lib']);
    expect(closureNames(model, 'api')).toEqual(['lib']);
  });

  test('packageManager names the manager before any lockfile exists', () => {
    const model = detectWorkspace(workspace({ packageManager: 'yarn@4.18.1', workspaces: ['packages/*'] }, { 'packages/app': { name: 'app' } }, { '.yarnrc.yml': 'nodeLinker: node-modules\n' }), 'packages/app');
    expect(model).toMatchObject({ kind: 'yarn', packageManager: 'yarn', lockfile: undefined });
  });
});
