/**
 * The npm workspace bench:monorepo measures: 3 internal packages (a chain, shared-a → shared-b →
 * shared-c) and N HTTP services that import all three plus 1–2 small pinned npm packages, locked
 * by a real `npm install` at the root; turbo.json and `packageManager` so `turbo prune` accepts it.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

export const SCOPE = '@bench';
export const INTERNAL_PACKAGES = ['shared-a', 'shared-b', 'shared-c'] as const;
/** The internal package whose source the internal-edit scenario changes (every service reaches it). */
export const EDITED_INTERNAL = 'shared-c';
/** The dependency the unrelated-dependency scenario adds to another service; no service has it. */
export const ADDED_DEPENDENCY = { name: 'depd', version: '2.0.0' } as const;

/** Small dependency-free packages, pinned; service i takes one or two, so neighbours share none. */
const NPM_POOL = [
  ['ms', '2.1.3'],
  ['picocolors', '1.1.1'],
  ['kleur', '4.1.5'],
  ['bytes', '3.1.2'],
  ['escape-html', '1.0.3'],
] as const;

/**
 * npm and npx as a user runs them in the workspace: without this repository's .npmrc preload,
 * which `npm run` and `npx tsx` hand down as npm_config_node_options.
 */
export const USER_NPM_ENV = { NODE_OPTIONS: '', npm_config_node_options: '' } as const;

export const serviceName = (index: number) => `svc-${index}`;
export const packageName = (folder: string) => `${SCOPE}/${folder}`;

const writeJson = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function writePackage(root: string, folder: string, manifest: Record<string, unknown>, source: string): void {
  const dir = join(root, 'packages', folder);
  mkdirSync(dir, { recursive: true });
  writeJson(join(dir, 'package.json'), { name: packageName(folder), version: '1.0.0', private: true, type: 'module', main: 'index.js', ...manifest });
  writeFileSync(join(dir, 'index.js'), source);
}

const internalDependencies = (names: readonly string[]) => Object.fromEntries(names.map((name) => [packageName(name), '*']));

function writeInternalPackages(root: string): void {
  writePackage(root, 'shared-c', {}, "export const label = 'shared-c v1';\n");
  writePackage(
    root,
    'shared-b',
    { dependencies: internalDependencies(['shared-c']) },
    "import { label } from '@bench/shared-c';\n\nexport const describe = () => `shared-b with ${label}`;\n",
  );
  writePackage(
    root,
    'shared-a',
    { dependencies: internalDependencies(['shared-b']) },
    "import { describe } from '@bench/shared-b';\n\nexport const banner = () => `shared-a with ${describe()}`;\n",
  );
}

/** Service i's npm dependencies: pool[i] and, for odd i, pool[i + 1]. */
function npmDependenciesOf(index: number): [string, string][] {
  const first = NPM_POOL[(2 * index - 2) % NPM_POOL.length]!;
  const second = NPM_POOL[(2 * index - 1) % NPM_POOL.length]!;
  return index % 2 === 1 ? [[...first], [...second]] : [[...first]];
}

function writeService(root: string, index: number): void {
  const npmDependencies = npmDependenciesOf(index);
  const imports = npmDependencies.map(([name], position) => `import * as dependency${position} from '${name}';`).join('\n');
  const source = `import { createServer } from 'node:http';
import { banner } from '@bench/shared-a';
import { label } from '@bench/shared-c';
${imports}

const loaded = [${npmDependencies.map((_, position) => `typeof dependency${position}`).join(', ')}];
const server = createServer((request, response) => {
  if (request.url !== '/health') {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  // The body names the internal code the image holds: the internal-edit scenario looks for it.
  response.end(JSON.stringify({ status: 'ok', service: '${serviceName(index)}', internal: [banner(), label], loaded }));
});
server.listen(Number(process.env.PORT ?? 3000), '0.0.0.0');
`;
  writePackage(
    root,
    serviceName(index),
    {
      scripts: { start: 'node index.js' },
      dependencies: { ...internalDependencies(INTERNAL_PACKAGES), ...Object.fromEntries(npmDependencies) },
    },
    source,
  );
}

/** npm as `packageManager` names it: the host's, which wrote the lockfile. */
async function npmVersion(): Promise<string> {
  return (await execa('npm', ['--version'], { env: USER_NPM_ENV })).stdout.trim();
}

const npmInstall = (root: string, args: readonly string[] = []) =>
  execa('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', ...args], { cwd: root, env: USER_NPM_ENV, stdin: 'ignore' });

/** Writes the workspace of `services` services into the empty folder `root` and locks it. */
export async function createWorkspace(root: string, services: number): Promise<void> {
  mkdirSync(root, { recursive: true });
  writeJson(join(root, 'package.json'), {
    name: 'bench-monorepo',
    private: true,
    packageManager: `npm@${await npmVersion()}`,
    workspaces: ['packages/*'],
  });
  writeJson(join(root, 'turbo.json'), { $schema: 'https://turborepo.com/schema.json', tasks: {} });
  writeInternalPackages(root);
  for (let index = 1; index <= services; index += 1) writeService(root, index);
  await npmInstall(root);
}

/** A fresh copy of a workspace (node_modules and its links included), as a user's checkout is. */
export function copyWorkspace(source: string, target: string): void {
  cpSync(source, target, { recursive: true, verbatimSymlinks: true });
}

/**
 * BuildKit's cache is shared by every run and every earlier bench: a run's own description in the
 * root package.json, which both builds copy before anything else, keeps an identical earlier
 * state (the same dependency added, say) from answering this run's rebuilds from cache.
 */
export function markRun(root: string, run: string): void {
  const file = join(root, 'package.json');
  writeJson(file, { ...JSON.parse(readFileSync(file, 'utf8')), description: `bench:monorepo run ${run}` });
}

/** Scenario 1: a source edit in another service. */
export function editServiceSource(root: string, service: string): void {
  const file = join(root, 'packages', service, 'index.js');
  writeFileSync(file, `${readFileSync(file, 'utf8')}// edited ${process.hrtime.bigint()}\n`);
}

/** Scenario 2: a dependency added to another service, re-locked by npm at the root. */
export async function addServiceDependency(root: string, service: string): Promise<void> {
  await npmInstall(root, ['--save-exact', '--workspace', packageName(service), `${ADDED_DEPENDENCY.name}@${ADDED_DEPENDENCY.version}`]);
}

/** Scenario 3: the internal package's exported label changed; resolves to the new label. */
export function editInternalSource(root: string): string {
  const label = `${EDITED_INTERNAL} edited ${process.hrtime.bigint()}`;
  writeFileSync(join(root, 'packages', EDITED_INTERNAL, 'index.js'), `export const label = '${label}';\n`);
  return label;
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .reduce((sum, entry) => {
      const path = join(dir, entry.name);
      return sum + (entry.isDirectory() ? folderBytes(path) : entry.isFile() ? statSync(path).size : 0);
    }, 0);
}

/** Bytes of what a service's image needs: its folder, the internal packages, the root manifests (no node_modules). */
export function closureBytes(root: string, service: string): number {
  const folders = [service, ...INTERNAL_PACKAGES].map((folder) => folderBytes(join(root, 'packages', folder)));
  const manifests = ['package.json', 'package-lock.json'].map((file) => statSync(join(root, file)).size);
  return [...folders, ...manifests].reduce((sum, bytes) => sum + bytes, 0);
}
