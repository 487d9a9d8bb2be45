#!/usr/bin/env node
/**
 * Builds the publishable `dockwright` package (generators/): compiles src/ to dist/ (ESM JS),
 * copies the non-TypeScript assets of src/ (the Nx schema.json, the CommonJS entry Nx loads),
 * and bundles ../templates as templates/ beside dist/, where core/templates.ts looks first.
 *
 *   node scripts/build-package.mjs            build in place (generators/dist, generators/templates): prepack
 *   node scripts/build-package.mjs --clean    remove what an in-place build added: postpack
 *   node scripts/build-package.mjs --stage D  build a complete package folder in D, leaving the repository
 *                                             untouched (what the installability test packs)
 * Plain JavaScript on purpose: it runs where tsx is not loaded.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(repo, 'generators');
/** Package files that are not built: copied as they are into a staged package. */
const STATIC_FILES = ['package.json', 'generators.json', 'bin', 'README.md', 'LICENSE'];
const ASSET = /\.(json|cjs)$/;

export function build(outDir = packageDir) {
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
  cpSync(join(repo, 'templates'), templates, { recursive: true });
  return outDir;
}

export function stage(outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const file of STATIC_FILES) {
    try {
      cpSync(join(packageDir, file), join(outDir, file), { recursive: true });
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  return build(outDir);
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
  else if (flag === '--stage') console.log(relative(process.cwd(), stage(resolve(target ?? 'dockwright-package'))) || '.');
  else build();
}
