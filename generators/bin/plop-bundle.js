// A TypeScript plopfile as one pre-built ES module, rebuilt only when one of its sources changed.
//
// plop imports plopfile.ts; Node cannot. Instead of transpiling the plopfile and every module it
// imports on each run (tsx: ~0.2 s of CPU, and loader hooks on every module load), esbuild
// bundles them once into node_modules/.cache/dockwright-plop/ beside a manifest of every input
// (size, mtime, SHA-256). Each run stats the inputs: unchanged, the bundle is imported as it is;
// any input changed (content, not only its mtime) or gone, it is rebuilt first (~0.1-0.3 s).
// So the bundle never goes stale silently, needs no build step after `npm ci`, a checkout or an
// edit, and plopfile.ts stays what plop and its users see.
//
// Only relative imports are bundled; packages stay imports, resolved from the workspace at run
// time, so an `npm install` takes effect without a rebuild. `import.meta.url` (and dirname,
// filename) keep meaning the source file's location, so templates and createRequire resolve as
// they do from source.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The manifest's shape. */
const FORMAT = 1;
const CACHE_FOLDER = join('node_modules', '.cache', 'dockwright-plop');

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** The folder holding the node_modules that the entry's packages resolve from, or undefined. */
function workspaceOf(entryPath) {
  for (let dir = dirname(entryPath); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function cachePaths(entryPath) {
  const root = workspaceOf(entryPath);
  if (root === undefined) return undefined;
  const folder = join(root, CACHE_FOLDER);
  const stem = `${basename(entryPath).replace(/\.[^.]+$/, '')}-${sha256(entryPath).slice(0, 12)}`;
  return { root, folder, bundle: join(folder, `${stem}.mjs`), manifest: join(folder, `${stem}.json`) };
}

/** True when every input recorded in the manifest still has the content it was built from. */
export function isFresh(manifestPath) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return false;
  }
  if (manifest.format !== FORMAT) return false;
  for (const [path, recorded] of Object.entries(manifest.inputs)) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return false;
    }
    if (stats.size !== recorded.size) return false;
    if (stats.mtimeMs !== recorded.mtimeMs && sha256(readFileSync(path)) !== recorded.sha256) return false;
  }
  return true;
}

const esbuild = () => createRequire(import.meta.url)('esbuild');

/**
 * import.meta.url (and .filename, .dirname) of a bundled source keep naming the source file, as
 * a URL relative to the bundle: templates and createRequire resolve from where they do unbundled.
 */
function sourceLocationPlugin(bundleDir) {
  return {
    name: 'dockwright-source-location',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/, namespace: 'file' }, (args) => {
        if (args.path.split(sep).includes('node_modules')) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.')) return undefined;
        const url = `new URL(${JSON.stringify(relative(bundleDir, args.path).split(sep).join('/'))}, import.meta.url)`;
        const contents = source
          .replace(/\bimport\.meta\.url\b/g, `${url}.href`)
          .replace(/\bimport\.meta\.filename\b/g, `__dwPath(${url})`)
          .replace(/\bimport\.meta\.dirname\b/g, `__dwDirname(__dwPath(${url}))`);
        const helpers = /\bimport\.meta\.(filename|dirname)\b/.test(source)
          ? "import { fileURLToPath as __dwPath } from 'node:url';\nimport { dirname as __dwDirname } from 'node:path';\n"
          : '';
        return { contents: helpers + contents, loader: /\.[cm]?tsx?$/.test(args.path) ? 'ts' : 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

async function build(entryPath, paths) {
  const { build: bundle, version } = esbuild();
  mkdirSync(paths.folder, { recursive: true });
  const result = await bundle({
    entryPoints: [entryPath],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    absWorkingDir: paths.root,
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: paths.bundle,
    plugins: [sourceLocationPlugin(paths.folder)],
  });
  const inputs = {};
  // This file is an input too: a change to how bundles are made rebuilds them.
  for (const path of [...Object.keys(result.metafile.inputs).map((input) => join(paths.root, input)), fileURLToPath(import.meta.url)]) {
    const stats = statSync(path);
    inputs[path] = { size: stats.size, mtimeMs: stats.mtimeMs, sha256: sha256(readFileSync(path)) };
  }
  // Written beside, then renamed: a concurrent run sees the old pair or the new one, never half.
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(paths.bundle + suffix, result.outputFiles[0].contents);
  writeFileSync(paths.manifest + suffix, `${JSON.stringify({ format: FORMAT, esbuild: version, entry: entryPath, inputs }, null, 1)}\n`);
  renameSync(paths.bundle + suffix, paths.bundle);
  renameSync(paths.manifest + suffix, paths.manifest);
}

/**
 * The URL of an up-to-date bundle of the TypeScript module at entryUrl, or undefined when there
 * is no node_modules above it to keep the bundle in (and resolve its packages from).
 */
export async function bundledUrl(entryUrl) {
  const entryPath = fileURLToPath(entryUrl);
  const paths = cachePaths(entryPath);
  if (paths === undefined) return undefined;
  if (!isFresh(paths.manifest)) await build(entryPath, paths);
  return pathToFileURL(paths.bundle).href;
}
