/**
 * What an existing Node package runs and which folder its build writes: on the corpus apps as their
 * authors committed them (test/fixtures/apps, sources in manifest.json) and on the edge cases of
 * scripts, tsconfig extends chains, comments and tsc's inferred root folder.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { nodeEntry, UnknownEntryError } from '../../generators/src/core/node/entry.js';
import { loopbackListeners } from '../../generators/src/core/node/loopback-listen.js';
import { compilerLayout } from '../../generators/src/core/node/tsconfig.js';
import { REPO_ROOT } from '../support/cli.js';
import { fileFrom, planFor } from '../support/generate.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

const ROOT = 'packages/app';

/** The fixture's files (test/fixtures/apps/<folder>, or another folder of the repository), lockfiles left out (entry detection never reads them). */
function fixture(folder: string): Record<string, string> {
  const base = join(REPO_ROOT, folder.includes('/') ? folder : join('test/fixtures/apps', folder));
  const files: Record<string, string> = {};
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(base, relative))) {
      const path = relative ? `${relative}/${name}` : name;
      if (statSync(join(base, path)).isDirectory()) walk(path);
      else if (!/lock/.test(name)) files[path] = readFileSync(join(base, path), 'utf8');
    }
  };
  walk('');
  return files;
}

const workspaceOf = (files: Record<string, string>) => new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([path, text]) => [`${ROOT}/${path}`, text])));
const entryOf = (files: Record<string, string>) => nodeEntry(workspaceOf(files), ROOT);
const manifest = (fields: Record<string, unknown>) => JSON.stringify({ name: 'app', ...fields });

describe('node entry on the corpus apps', () => {
  it('NestJS starter: start is `nest start`, start:prod `node dist/main`; nest build writes dist (tsconfig.build.json excludes the tests)', () => {
    expect(entryOf(fixture('nestjs-typescript-starter'))).toEqual({ args: ['dist/main'], buildOutput: 'dist', keepsTests: false, prepareScript: false });
  });

  it('Fastify typescript-server example: main and start name dist/index.js; its tsconfig includes **/*.ts with no rootDir', () => {
    const files = fixture('fastify-typescript-server');
    expect(entryOf(files)).toEqual({ args: ['dist/index.js'], buildOutput: 'dist', keepsTests: false, prepareScript: true });
    expect(compilerLayout(workspaceOf(files), ROOT, 'tsconfig.json')).toMatchObject({ outDir: 'dist', rootDir: '.' });
  });

  it('Railway Express starter: main names a file that does not exist, start names dist/index.js; tsc infers rootDir src', () => {
    const files = fixture('railway-expressjs');
    expect(entryOf(files)).toEqual({ args: ['dist/index.js'], buildOutput: 'dist', keepsTests: false, prepareScript: false });
    expect(compilerLayout(workspaceOf(files), ROOT, 'tsconfig.json')).toMatchObject({ outDir: 'dist', rootDir: 'src' });
  });
});

describe('node entry on our own e2e package', () => {
  it('node-ts-tests: tsconfig includes test/ with no rootDir, so main is dist/src/index.js and the context keeps the tests', () => {
    expect(entryOf(fixture('test/e2e/existing/node-ts-tests'))).toMatchObject({ args: ['dist/src/index.js'], buildOutput: 'dist', keepsTests: true });
  });
});

describe('node entry: scripts', () => {
  const tsc = { build: 'tsc' };
  const tsconfig = JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src' } });

  it('reads node flags and arguments around the file, and keeps them in CMD', () => {
    const files = { 'package.json': manifest({ scripts: { ...tsc, start: 'NODE_ENV=production node -r dotenv/config --enable-source-maps dist/index.js dotenv_config_path=.env' } }), 'tsconfig.json': tsconfig };
    expect(entryOf(files).args).toEqual(['-r', 'dotenv/config', '--enable-source-maps', 'dist/index.js', 'dotenv_config_path=.env']);
  });

  it('drops --env-file: .env files are never in the image, the container gets its environment at run time', () => {
    const files = { 'package.json': manifest({ scripts: { ...tsc, start: 'node --env-file=.env --env-file .env.local --enable-source-maps dist/index.js' } }), 'tsconfig.json': tsconfig };
    expect(entryOf(files).args).toEqual(['--enable-source-maps', 'dist/index.js']);
  });

  it('drops the inspector and watch mode: development flags never reach the production CMD', () => {
    const start = 'node --inspect=0.0.0.0:9229 --inspect-brk --inspect-wait=9230 --inspect-port 9231 --watch --watch-path=src --watch-path lib --watch-preserve-output --enable-source-maps index.js';
    expect(entryOf({ 'package.json': manifest({ scripts: { start } }) }).args).toEqual(['--enable-source-maps', 'index.js']);
  });

  it('finds node after other commands in the script (`tsc && node ./dist/server.js`)', () => {
    const files = { 'package.json': manifest({ scripts: { ...tsc, start: 'tsc && node ./dist/server.js' } }), 'tsconfig.json': tsconfig };
    expect(entryOf(files)).toMatchObject({ args: ['dist/server.js'], buildOutput: 'dist' });
  });

  it('prefers start, then start:prod, then main; a start that is not node is passed over', () => {
    const files = { 'package.json': manifest({ main: 'src/index.ts', scripts: { ...tsc, start: 'ts-node src/index.ts', 'start:prod': 'node dist/main' } }), 'tsconfig.json': tsconfig };
    expect(entryOf(files).args).toEqual(['dist/main']);
  });

  it('maps a TypeScript source named by main to the file tsc writes for it', () => {
    const files = { 'package.json': manifest({ main: 'src/server.ts', scripts: tsc }), 'tsconfig.json': tsconfig };
    expect(entryOf(files)).toMatchObject({ args: ['dist/server.js'], buildOutput: 'dist' });
  });

  it('without a build script the entry runs as declared and nothing is built', () => {
    expect(entryOf({ 'package.json': manifest({ main: './bin/www' }) })).toMatchObject({ args: ['bin/www'], buildOutput: false, keepsTests: false });
  });

  it('follows `npm run <script>` to the tool (`npm run clean && tsc -p tsconfig.json`)', () => {
    const files = { 'package.json': manifest({ main: 'lib/index.js', scripts: { build: 'npm run compile', compile: 'rimraf lib && tsc -p config/tsconfig.prod.json' } }), 'config/tsconfig.prod.json': JSON.stringify({ compilerOptions: { outDir: '../lib' } }), 'src/index.ts': '' };
    expect(entryOf(files)).toMatchObject({ args: ['lib/index.js'], buildOutput: 'lib' });
  });

  it('tsup and esbuild: the output folder from the flags or the tool default', () => {
    expect(entryOf({ 'package.json': manifest({ main: 'dist/index.js', scripts: { build: 'tsup' } }) }).buildOutput).toBe('dist');
    expect(entryOf({ 'package.json': manifest({ scripts: { build: 'esbuild src/index.ts --bundle --platform=node --outdir=build', start: 'node build' } }) })).toMatchObject({ args: ['build'], buildOutput: 'build' });
  });
});

describe('node entry: tsconfig', () => {
  it('follows an extends chain with comments and trailing commas; paths are relative to the file that sets them', () => {
    const files = {
      'package.json': manifest({ main: 'src/index.ts', scripts: { build: 'tsc -p tsconfig/tsconfig.prod.json' } }),
      'tsconfig/tsconfig.base.json': '{\n  "compilerOptions": {\n    // where the output goes\n    "outDir": "./../build", /* relative to this file */\n  },\n}\n',
      'tsconfig/tsconfig.prod.json': '{ "extends": "./tsconfig.base", "include": ["../src/**/*.ts"], "exclude": ["../src/**/*.test.ts"] }',
      'src/index.ts': '',
      'src/lib/routes.ts': '',
      'src/lib/routes.test.ts': '',
    };
    expect(entryOf(files)).toMatchObject({ args: ['build/index.js'], buildOutput: 'build', keepsTests: false });
  });

  it('reads a package tsconfig from node_modules when it is installed', () => {
    const files = {
      'package.json': manifest({ main: 'src/main.ts', scripts: { build: 'tsc' } }),
      'tsconfig.json': '{ "extends": "@acme/tsconfig/node.json", "include": ["src"] }',
      'node_modules/@acme/tsconfig/node.json': '{ "compilerOptions": { "outDir": "../../../out" } }',
      'src/main.ts': '',
    };
    expect(entryOf(files)).toMatchObject({ args: ['out/main.js'], buildOutput: 'out' });
  });

  it('infers rootDir as tsc does: tests included beside src move the output to dist/src/', () => {
    const files = {
      'package.json': manifest({ main: 'src/index.ts', scripts: { build: 'tsc' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist' }, include: ['src/**/*.ts', 'test/**/*.ts'] }),
      'src/index.ts': '',
      'test/index.test.ts': '',
    };
    expect(entryOf(files)).toMatchObject({ args: ['dist/src/index.js'], buildOutput: 'dist', keepsTests: true });
    const srcOnly = { ...files, 'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist' }, include: ['src'] }) };
    expect(entryOf(srcOnly)).toMatchObject({ args: ['dist/index.js'], buildOutput: 'dist', keepsTests: false });
  });

  it('tests beside the sources (src/*.spec.ts) leave the inferred root where it is: the context may drop them', () => {
    const files = {
      'package.json': manifest({ main: 'src/main.ts', scripts: { build: 'tsc' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist' }, include: ['src'] }),
      'src/main.ts': '',
      'src/app.spec.ts': '',
      'src/lib/util.test.ts': '',
    };
    expect(entryOf(files)).toMatchObject({ args: ['dist/main.js'], buildOutput: 'dist', keepsTests: false });
    expect(compilerLayout(workspaceOf(files), ROOT, 'tsconfig.json')).toMatchObject({ rootDir: 'src', testsShapeOutput: false });
  });

  it('an array extends: later entries override earlier ones, and options only an earlier one sets still count (as tsc does)', () => {
    const files = {
      'tsconfig.json': JSON.stringify({ extends: ['./first.json', './last.json'], include: ['src'] }),
      'first.json': JSON.stringify({ compilerOptions: { outDir: 'first-out', rootDir: '.' } }),
      'last.json': JSON.stringify({ compilerOptions: { outDir: 'last-out' } }),
      'src/a.ts': '',
    };
    expect(compilerLayout(workspaceOf(files), ROOT, 'tsconfig.json')).toMatchObject({ outDir: 'last-out', rootDir: '.', chain: ['tsconfig.json', 'last.json', 'first.json'] });
  });

  it('an explicit rootDir wins over the inputs', () => {
    const layout = compilerLayout(workspaceOf({ 'tsconfig.json': '{"compilerOptions":{"rootDir":".","outDir":"dist"},"include":["src"]}', 'src/a.ts': '' }), ROOT, 'tsconfig.json');
    expect(layout).toMatchObject({ rootDir: '.', outDir: 'dist', testsShapeOutput: false });
  });
});

describe('node entry: what cannot be known is refused in one line', () => {
  it('no main and no node start script', () => {
    expect(() => entryOf({ 'package.json': manifest({ scripts: { start: 'nest start' } }) })).toThrow(
      new UnknownEntryError('packages/app/package.json', 'set "main" to the compiled entry (dist/…) or a "start" script "node <file>"'),
    );
  });

  it('a TypeScript entry when the tsconfig sets no outDir', () => {
    const files = { 'package.json': manifest({ main: 'index.ts', scripts: { build: 'tsc' } }), 'tsconfig.json': '{}', 'index.ts': '' };
    expect(() => entryOf(files)).toThrow(/^packages\/app\/tsconfig.json: set compilerOptions.outDir to the folder the build writes/);
  });

  it('a TypeScript entry built by a tool dockwright cannot read, with no tsconfig to tell', () => {
    const files = { 'package.json': manifest({ main: 'src/index.ts', scripts: { build: 'webpack' } }) };
    expect(() => entryOf(files)).toThrow(/^packages\/app\/package.json: set "main" to the compiled entry the "build" script writes \(e\.g\. dist\/index\.js\)$/);
  });

  it('an entry the build does not write', () => {
    const files = { 'package.json': manifest({ main: 'src/server.js', scripts: { build: 'tsc' } }), 'tsconfig.json': '{"compilerOptions":{"outDir":"dist","rootDir":"src"}}' };
    expect(() => entryOf(files)).toThrow(/^packages\/app\/package.json: set "main" to the compiled entry \(dist\/…, where tsconfig.json writes\).*; found src\/server.js \("main"\)$/);
  });

  it('is raised before anything is planned: no Dockerfile for an app whose entry is unknown', () => {
    const workspace = new MemoryWorkspace({ 'packages/app/package.json': manifest({ scripts: { build: 'tsc' } }), 'packages/app/package-lock.json': '{}' });
    expect(() => planFor({ name: 'app', stack: 'node', mode: 'existing' }, workspace)).toThrow(/^packages\/app\/package.json: set "main"/);
  });
});

describe('the .dockerignore keeps tests exactly when the build compiles them', () => {
  const plan = (include: string[], rootDir?: string) => {
    const workspace = new MemoryWorkspace({
      'packages/app/package.json': manifest({ main: 'dist/src/index.js', scripts: { build: 'tsc' } }),
      'packages/app/package-lock.json': '{}',
      'packages/app/tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir }, include }),
      'packages/app/src/index.ts': '',
      'packages/app/test/index.test.ts': '',
    });
    return fileFrom(planFor({ name: 'app', stack: 'node', mode: 'existing' }, workspace), 'packages/app/.dockerignore').split('\n');
  };

  it('tsconfig includes test/: tests stay in the context', () => {
    expect(plan(['src', 'test'])).not.toContain('test');
  });

  it('tsconfig limited to src: tests are excluded', () => {
    expect(plan(['src'])).toEqual(expect.arrayContaining(['test', 'tests', '**/*.test.*', '**/*.spec.*']));
  });

  it('tests included but rootDir set: leaving them out cannot move the output, they are excluded', () => {
    expect(plan(['src', 'test'], '.')).toContain('test');
  });
});

describe('a prepare script (npm and pnpm run it after installing) is dropped before the installs that precede the source', () => {
  const dockerfileFor = (scripts: Record<string, string>, packageManager: string, lockfile: string) => {
    const workspace = new MemoryWorkspace({
      'packages/app/package.json': manifest({ main: 'dist/index.js', scripts: { build: 'tsc', ...scripts } }),
      [`packages/app/${lockfile}`]: '',
      'packages/app/tsconfig.json': '{"compilerOptions":{"outDir":"dist"}}',
    });
    return fileFrom(planFor({ name: 'app', stack: 'node', mode: 'existing', packageManager }, workspace), 'docker/app.Dockerfile');
  };

  it.each([
    ['npm', 'package-lock.json', 'npm ci --omit=dev', 'npm ci --no-audit'],
    ['pnpm', 'pnpm-lock.yaml', 'pnpm install --frozen-lockfile --prod', 'pnpm install --frozen-lockfile\n'],
  ])('%s: in the deps and the build stage', (packageManager, lockfile, production, all) => {
    const dockerfile = dockerfileFor({ prepare: 'npm run build' }, packageManager, lockfile);
    expect(dockerfile).toContain(`npm pkg delete scripts.prepare && ${production}`);
    expect(dockerfile).toContain(`npm pkg delete scripts.prepare && ${all}`);
    // The build runs from the package.json COPY . . brings back, prepare and all.
    expect(dockerfile.indexOf('COPY . .')).toBeLessThan(dockerfile.indexOf('run build'));
  });

  it('without a prepare script package.json is installed as it is', () => {
    expect(dockerfileFor({}, 'npm', 'package-lock.json')).not.toContain('npm pkg');
  });
});

describe('a Fastify server bound to localhost is reported when generating', () => {
  it("Fastify's typescript-server example: index.ts calls listen({ port: PORT }) with no host", () => {
    expect(loopbackListeners(workspaceOf(fixture('fastify-typescript-server')), ROOT)).toEqual([
      { path: 'packages/app/index.ts', message: expect.stringMatching(/^Fastify's listen\(\) without a host binds localhost only.*pass host: '0\.0\.0\.0'/) },
    ]);
  });

  it('not for a host given, nor for Express (whose listen(port) binds every interface)', () => {
    const fastify = (source: string) => workspaceOf({ 'package.json': manifest({ dependencies: { fastify: '5.12.8' } }), 'src/server.ts': source });
    expect(loopbackListeners(fastify("await app.listen({ port: 3000, host: '0.0.0.0' });"), ROOT)).toEqual([]);
    expect(loopbackListeners(fastify('app.listen(PORT, (err) => {});'), ROOT)).toHaveLength(1);
    expect(loopbackListeners(workspaceOf(fixture('railway-expressjs')), ROOT)).toEqual([]);
    expect(loopbackListeners(workspaceOf(fixture('nestjs-typescript-starter')), ROOT)).toEqual([]);
  });
});
