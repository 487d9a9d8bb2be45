/**
 * Installable elsewhere: the packed `dockwright` package, installed into fresh Nx workspaces made
 * in temp folders, runs `nx g dockwright:service` for every stack, and Nx then lists the image
 * targets. Workspaces: a minimal hand-made one on the Nx we pin (22.7.8, with @nx/devkit and a
 * Prettier config, so the formatting rule is proven on a real install), one created by
 * create-nx-workspace 22.7.8 (--preset=npm), and a minimal one on the next major (23.2.1, with
 * `nx` alone: no @nx/devkit). Slow (npm installs, ~4 min), so it runs when DOCKWRIGHT_E2E_NX=1
 * (.ci/run sets it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { runService } from '../../generators/src/adapters/run-service.js';
import { STACK_IDS } from '../../generators/src/core/stacks.js';
import { readTree } from '../support/cli.js';
import { REPO_ROOT, removeTempDirs, tempDir } from './support.js';

const ENABLED = process.env.DOCKWRIGHT_E2E_NX === '1';
const NX_PINNED = '22.7.8';
const NX_OTHER_MAJOR = '23.2.1';
const STEP_TIMEOUT = 10 * 60_000;

/** The child sees none of this repository's npm settings (its `--import tsx` above all). */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^npm_/i.test(key) || key === 'NODE_OPTIONS' || key.startsWith('JEST') || key === 'NODE_ENV') continue;
    env[key] = value;
  }
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true', CI: 'true', FORCE_COLOR: '0' };
}

async function run(cwd: string, command: string, args: readonly string[]) {
  const result = await execa(command, args, { cwd, env: cleanEnv(), extendEnv: false, reject: false, stdin: 'ignore', all: true });
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.exitCode}:\n${result.all}`);
  return result.all ?? '';
}

const generate = (workspace: string, args: readonly string[]) =>
  run(workspace, 'npx', ['nx', 'g', 'dockwright:service', ...args, '--no-interactive']);

async function showProject(workspace: string, name: string): Promise<{ root: string; targets: Record<string, unknown>; tags?: string[] }> {
  const out = await run(workspace, 'npx', ['nx', 'show', 'project', name, '--json']);
  return JSON.parse(out.slice(out.indexOf('{')));
}

/** The package as `npm pack` makes it: built (prepack) into a staging copy, so the repository is left alone. */
async function packDockwright(into: string): Promise<string> {
  const staged = join(into, 'package');
  await run(REPO_ROOT, process.execPath, ['scripts/build-package.mjs', '--stage', staged]);
  await run(staged, 'npm', ['pack', '--ignore-scripts', '--pack-destination', into]);
  const tarball = readdirSync(into).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball in ${into}`);
  return join(into, tarball);
}

async function minimalWorkspace(root: string, nxVersion: string, extras: readonly string[], tarball: string): Promise<string> {
  const workspace = join(root, `minimal-nx${nxVersion.split('.')[0]}`);
  mkdirSync(join(workspace, 'packages'), { recursive: true });
  writeFileSync(join(workspace, 'package.json'), `${JSON.stringify({ name: 'minimal', private: true, workspaces: ['packages/*'] }, null, 2)}\n`);
  writeFileSync(join(workspace, 'nx.json'), '{}\n');
  await run(workspace, 'npm', ['install', '--save-dev', '--no-audit', '--no-fund', `nx@${nxVersion}`, ...extras, tarball]);
  return workspace;
}

async function createNxWorkspace(root: string, tarball: string): Promise<string> {
  await run(root, 'npx', ['-y', `create-nx-workspace@${NX_PINNED}`, 'cnw', '--preset=npm', '--nxCloud=skip', '--interactive=false', '--skipGit']);
  const workspace = join(root, 'cnw');
  await run(workspace, 'npm', ['install', '--save-dev', '--no-audit', '--no-fund', tarball]);
  return workspace;
}

/**
 * Every stack, as a user runs it, then what Nx itself says about the new project. In services/,
 * a folder the workspace's globs (packages/*) leave out: each is a package of its own, as plop
 * writes it in a folder of its own (a new service in packages/ would join the workspace).
 */
const SERVICES = 'services';

async function everyStack(workspace: string): Promise<void> {
  for (const stack of STACK_IDS) {
    const name = `svc-${stack}`;
    const out = await generate(workspace, [name, `--stack=${stack}`, `--directory=${SERVICES}/${name}`, '--skipInstall']);
    expect(out).toContain(`CREATE docker/${name}.Dockerfile`);
    const project = await showProject(workspace, name);
    expect(project.root).toBe(`${SERVICES}/${name}`);
    expect(Object.keys(project.targets)).toEqual(expect.arrayContaining(['build-image', 'verify-image', 'lint-dockerfile']));
  }
}

/** What the plop path writes for the same answers, in a folder of its own. */
/** One service of a compose file, its published ports reduced to the container port. */
function composeService(text: string, name: string): Record<string, unknown> {
  const service = (parse(text) as { services: Record<string, Record<string, unknown>> }).services[name]!;
  const ports = service.ports as string[] | undefined;
  return { ...service, ...(ports && { ports: ports.map((port) => port.split(':').at(-1)) }) };
}

async function plopFiles(name: string, stack: string): Promise<Record<string, string>> {
  const dest = tempDir('dockwright-e2e-plop-');
  await runService({ name, stack, directory: `${SERVICES}/${name}`, skipInstall: true }, dest);
  return readTree(dest);
}

(ENABLED ? describe : describe.skip)('the packed package in fresh Nx workspaces (DOCKWRIGHT_E2E_NX=1)', () => {
  let root: string;
  let tarball: string;

  beforeAll(async () => {
    root = tempDir('dockwright-e2e-nx-');
    tarball = await packDockwright(root);
  }, STEP_TIMEOUT);

  afterAll(() => {
    if (!process.env.DOCKWRIGHT_KEEP_E2E) removeTempDirs();
  });

  it('packs compiled JS, the Nx collection and the templates, and no TypeScript source', async () => {
    const listing = await run(root, 'tar', ['tzf', tarball]);
    const files = listing.split('\n').filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining([
        'package/generators.json',
        'package/dist/nx/service/index.cjs',
        'package/dist/nx/service/generator.js',
        'package/dist/nx/service/schema.json',
        'package/dist/cli/main.js',
        'package/templates/python/Dockerfile.hbs',
        'package/bin/dockwright.js',
      ]),
    );
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.startsWith('package/templates/'))).toEqual([]);
  });

  it(
    `minimal workspace, Nx ${NX_PINNED} with @nx/devkit and Prettier: every stack; files byte-identical to plop's; only the user's own files formatted`,
    async () => {
      const workspace = await minimalWorkspace(root, NX_PINNED, [`@nx/devkit@${NX_PINNED}`, 'prettier@3.6.2'], tarball);
      writeFileSync(join(workspace, '.prettierrc'), '{ "singleQuote": true, "printWidth": 100 }\n');
      await everyStack(workspace);
      for (const stack of STACK_IDS) {
        const name = `svc-${stack}`;
        const { 'compose.yaml': expectedCompose, ...expected } = await plopFiles(name, stack);
        const actual = readTree(workspace);
        for (const [path, content] of Object.entries(expected)) expect({ path, content: actual[path] }).toEqual({ path, content });
        // compose.yaml holds every service, and from the second on it is the user's file (formatted by their
        // Prettier): the service's entry equals plop's, but for the host port (the next free one here).
        expect(composeService(actual['compose.yaml']!, name)).toEqual(composeService(expectedCompose!, name));
      }

      // --project on a project.json project: its project.json is the user's file, merged, then formatted
      // by their Prettier (arrays that fit on a line collapse), unlike the project.json files created above.
      mkdirSync(join(workspace, 'packages/legacy'), { recursive: true });
      writeFileSync(join(workspace, 'packages/legacy/package.json'), '{ "name": "legacy", "main": "server.js" }\n');
      writeFileSync(join(workspace, 'packages/legacy/package-lock.json'), '{}\n');
      writeFileSync(join(workspace, 'packages/legacy/server.js'), "require('node:http').createServer().listen(3000);\n");
      writeFileSync(join(workspace, 'packages/legacy/project.json'), '{ "name": "legacy-svc", "tags": ["team:core"], "targets": { "test": { "command": "node --test" } } }\n');
      await generate(workspace, ['--project=legacy-svc', '--stack=node']);
      const projectJson = readFileSync(join(workspace, 'packages/legacy/project.json'), 'utf8');
      expect(projectJson).toContain('"tags": ["team:core", "dockwright", "stack:node", "type:api"]');
      expect(projectJson).toContain('"dependsOn": ["build-image"]');
      expect(readFileSync(join(workspace, `${SERVICES}/svc-node/project.json`), 'utf8')).toContain('"dependsOn": [\n        "build-image"\n      ]');
      // Re-run: the merge is JSON.stringify-shaped, Prettier reshapes it back, so nothing changes.
      expect(await generate(workspace, ['--project=legacy-svc', '--stack=node'])).not.toMatch(/^(CREATE|UPDATE|DELETE) /m);
      const legacy = await showProject(workspace, 'legacy-svc');
      expect(Object.keys(legacy.targets)).toEqual(expect.arrayContaining(['test', 'build-image', 'verify-image', 'lint-dockerfile']));
      expect(readFileSync(join(workspace, 'docker/legacy.Dockerfile'), 'utf8')).toContain('CMD ["node", "server.js"]');

      // --project on a package.json project (a workspace member): the targets go to its "nx" field.
      mkdirSync(join(workspace, 'packages/shop'), { recursive: true });
      writeFileSync(join(workspace, 'packages/shop/package.json'), '{"name":"@minimal/shop","main":"server.js"}\n');
      writeFileSync(join(workspace, 'packages/shop/package-lock.json'), '{}\n');
      writeFileSync(join(workspace, 'packages/shop/server.js'), "require('node:http').createServer().listen(3000);\n");
      await generate(workspace, ['--project=packages/shop', '--stack=node']);
      expect(JSON.parse(readFileSync(join(workspace, 'packages/shop/package.json'), 'utf8')).nx.tags).toEqual(['dockwright', 'stack:node', 'type:api']);
      const shop = await showProject(workspace, '@minimal/shop');
      expect(Object.keys(shop.targets)).toEqual(expect.arrayContaining(['build-image', 'verify-image', 'lint-dockerfile']));
    },
    STEP_TIMEOUT,
  );

  it(
    `workspace from create-nx-workspace@${NX_PINNED} --preset=npm: every stack, --dry-run writes nothing, a re-run changes nothing`,
    async () => {
      const workspace = await createNxWorkspace(root, tarball);
      await everyStack(workspace);
      const before = readTree(join(workspace, SERVICES));
      const dry = await generate(workspace, ['web', '--stack=nextjs', '--dry-run']);
      expect(dry).toContain('CREATE packages/web/next.config.ts');
      expect(dry).toContain('NOTE: The "dryRun" flag means no changes were made.');
      const again = await generate(workspace, ['svc-python', '--stack=python', `--directory=${SERVICES}/svc-python`, '--skipInstall']);
      expect(again).not.toMatch(/^(CREATE|UPDATE|DELETE) /m);
      expect(readTree(join(workspace, SERVICES))).toEqual(before);
    },
    STEP_TIMEOUT,
  );

  it(
    `minimal workspace, Nx ${NX_OTHER_MAJOR} with nx alone (no @nx/devkit): every stack`,
    async () => {
      const workspace = await minimalWorkspace(root, NX_OTHER_MAJOR, [], tarball);
      await everyStack(workspace);
    },
    STEP_TIMEOUT,
  );
});
