#!/usr/bin/env node
/**
 * Builds the publishable `dockwright` package (generators/): compiles src/ to dist/ (ESM JS),
 * copies the non-TypeScript assets of src/ (the Nx schema.json, the CommonJS entry Nx loads),
 * bundles the `dockwright lint` command into one file (see bundleLintCommand), and bundles
 * ../templates as templates/ beside dist/, where core/templates.ts looks first.
 *
 *   node scripts/build-package.mjs            build in place (generators/dist, generators/templates): prepack
 *   node scripts/build-package.mjs --clean    remove what an in-place build added: postpack
 *   node scripts/build-package.mjs --stage D  build a complete package folder in D, leaving the repository
 *                                             untouched (what the installability test packs)
 * Plain JavaScript on purpose: it runs where tsx is not loaded.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(repo, 'generators');
/** Package files that are not built: copied as they are into a staged package. */
const STATIC_FILES = ['package.json', 'generators.json', 'bin', 'README.md', 'LICENSE'];
const ASSET = /\.(json|cjs)$/;

export async function build(outDir = packageDir) {
  const dist = join(outDir, 'dist');
  const templates = join(outDir, 'templates');
  rmSync(dist, { recursive: true, force: true });
  rmSync(templates, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(packageDir, 'tsconfig.build.json'), '--outDir', dist], {
    stdio: 'inherit',
    env: withoutTsx(process.env),
  });
  const src = join(packageDir, 'src');
  for (const entry of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    const from = join(src, entry);
    if (ASSET.test(entry) && statSync(from).isFile()) {
      mkdirSync(dirname(join(dist, entry)), { recursive: true });
      cpSync(from, join(dist, entry));
    }
  }
  await bundleLintCommand(dist);
  cpSync(join(repo, 'templates'), templates, { recursive: true });
  return outDir;
}

/**
 * `dockwright lint` runs in pre-commit hooks and CI steps, where its start counts: loading its
 * ~60 compiled modules and the CommonJS libraries they require (dockerfile-ast, dockerfile-utils
 * and theirs, a hundred files more) is most of it. dist/cli/lint-command.js, the module the CLI
 * imports for `lint`, is replaced by one ESM file holding all of them (bench:lint). The libraries
 * are loaded with `requireLibrary` (lint/ast.ts, a createRequire), which esbuild cannot follow;
 * in the bundle it is the plain `require` esbuild resolves. The rest of dist/ stays as compiled.
 */
async function bundleLintCommand(dist) {
  const entry = join(dist, 'cli/lint-command.js');
  await esbuild({
    entryPoints: [entry],
    outfile: entry,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // A staged package (--stage, outside the repository) has no node_modules of its own: the libraries come from the repository's.
    nodePaths: [join(packageDir, 'node_modules'), join(repo, 'node_modules')],
    // The libraries' own require calls of Node built-ins, from an ES module.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);" },
    plugins: [
      {
        name: 'require-library',
        setup(bundler) {
          bundler.onLoad({ filter: /[\\/]dist[\\/]lint[\\/].*\.js$/ }, (args) => ({
            contents: readFileSync(args.path, 'utf8').replaceAll('requireLibrary(', 'require('),
            loader: 'js',
          }));
        },
      },
    ],
  });
}

export async function stage(outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const file of STATIC_FILES) {
    try {
      cpSync(join(packageDir, file), join(outDir, file), { recursive: true });
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  return await build(outDir);
}

export function clean() {
  rmSync(join(packageDir, 'dist'), { recursive: true, force: true });
  rmSync(join(packageDir, 'templates'), { recursive: true, force: true });
}

function withoutTsx(env) {
  const copy = { ...env };
  for (const key of ['NODE_OPTIONS', 'npm_config_node_options', 'NPM_CONFIG_NODE_OPTIONS']) delete copy[key];
  return copy;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [flag, target] = process.argv.slice(2);
  if (flag === '--clean') clean();
  else if (flag === '--stage') console.log(relative(process.cwd(), await stage(resolve(target ?? 'dockwright-package'))) || '.');
  else await build();
}
