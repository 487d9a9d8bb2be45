/**
 * Which way of pruning a workspace's root lockfile to one service gives a lockfile the package
 * manager's frozen install accepts, on the workspace fixtures the real tools made? Two strategies:
 * Nx's createLockFile (the function behind @nx/js:prune-lockfile), laid out as Nx's prune targets
 * lay it out, and the workspace narrowed to the service's closure, re-locked offline by the
 * package manager's own lockfile-only install. Each runs in temp copies; the frozen install runs
 * outside the copy, then the closure's packages must resolve from the service. One line a case.
 * The re-locks run offline: they take every version from the lockfile and need no registry.
 * Usage: npx tsx scripts/probe-lockfile-pruning.ts [case ...]   (PROBE_KEEP=1 keeps the folders)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { FsWorkspace } from '../generators/src/adapters/fs-workspace.js';
import type { WorkspaceMember, WorkspaceModel } from '../generators/src/core/workspace-model.js';
import { detectWorkspace } from '../generators/src/ecosystems/workspaces.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(REPO, 'test/fixtures/workspaces');
const PNPM = 'pnpm@10.34.8';
const YARN = '@yarnpkg/cli-dist@4.18.1';

/** The repository's nx (22.7.8), as CommonJS resolves it. */
const resolveFromRepo = (request: string) => createRequire(join(REPO, 'package.json')).resolve(request);

/** Run in the copy (Nx takes its workspace root from the working directory): prune, write out/. */
const PRUNE = `
const { createProjectGraphAsync } = require(${JSON.stringify(resolveFromRepo('nx/src/project-graph/project-graph'))});
const { createLockFile, getLockFileName } = require(${JSON.stringify(resolveFromRepo('nx/src/plugins/js/lock-file/lock-file'))});
const fs = require('node:fs');
const [servicePath, packageManager] = process.argv.slice(1); // argv[3]: the output folder
(async () => {
  const graph = await createProjectGraphAsync({ exitOnError: false });
  const manifest = JSON.parse(fs.readFileSync(servicePath + '/package.json', 'utf8'));
  const root = fs.readFileSync(getLockFileName(packageManager), 'utf8');
  const pruned = createLockFile(manifest, graph, packageManager);
  fs.writeFileSync(process.argv[3] + '/' + getLockFileName(packageManager), pruned);
  console.log(JSON.stringify({ fellBack: pruned === root, rootBytes: root.length, prunedBytes: pruned.length }));
})().catch((error) => { console.log(JSON.stringify({ error: String(error.message || error).split('\\n')[0] })); });
`;

/**
 * Real frozen installs. pnpm's are offline (its store holds what the fixtures installed); npm fetches
 * from the registry only what its cache lacks (the Next.js fixture was locked without installing).
 */
const FROZEN: Record<string, string[]> = {
  npm: ['npm', 'ci', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'],
  pnpm: ['npx', '--yes', PNPM, 'install', '--frozen-lockfile', '--offline', '--ignore-scripts'],
  yarn: ['npx', '--yes', '-p', YARN, '--', 'yarn', 'install', '--immutable', '--mode=skip-build'],
};

/** After the install, each closure member and each kept package must resolve from the service. */
const RESOLVES = `
const [paths, ...names] = process.argv.slice(1);
for (const name of names) require.resolve(name + '/package.json', { paths: JSON.parse(paths) });`;

/** What a strategy leaves in `out`: the folder to install in, where the service and its internal packages are. */
interface Pruned {
  readonly note: string;
  readonly serviceFolder: string;
  readonly memberFolders: readonly string[];
}

type Strategy = (work: string, out: string, entry: Case, model: WorkspaceModel, env: NodeJS.ProcessEnv) => Pruned | string;

/** Nx's createLockFile over Nx's project graph, laid out as @nx/js:prune-lockfile + copy-workspace-modules do. */
const nxCreateLockFile: Strategy = (work, out, { servicePath }, model, env) => {
  const packageManager = model.packageManager!;
  // Nx's pnpm parser reads node_modules/.modules.yaml: it prunes only an installed workspace.
  if (packageManager === 'pnpm') spawnSync('npx', ['--yes', PNPM, 'install', '--frozen-lockfile', '--offline', '--ignore-scripts'], { cwd: work, env });
  const run = spawnSync(process.execPath, ['-e', PRUNE, servicePath, packageManager, out], { cwd: work, env, encoding: 'utf8' });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  const result = JSON.parse(last.startsWith('{') ? last : JSON.stringify({ error: (run.stderr || run.stdout).trim().split('\n')[0] })) as Record<string, unknown>;
  if (result.error) return `createLockFile failed: ${result.error}`;
  const closure = model.closure(servicePath);
  layOutLikeNxPrune(work, out, servicePath, closure);
  const note = result.fellBack ? 'Nx FELL BACK to the root lockfile' : `pruned ${result.rootBytes} → ${result.prunedBytes} bytes`;
  return { note, serviceFolder: out, memberFolders: closure.map((member) => join(out, 'workspace_modules', member.name)) };
};

/**
 * The workspace itself narrowed to the service and its closure (root manifest listing only those
 * members, the root lockfile), re-locked offline by the package manager's own lockfile-only install.
 */
const packageManagerRelock: Strategy = (work, out, { servicePath }, model, env) => {
  const packageManager = model.packageManager!;
  const kept = [servicePath, ...model.closure(servicePath).map((member) => member.path)];
  for (const path of kept) cpSync(join(work, path), join(out, path), { recursive: true, filter: (source) => !source.includes('node_modules') });
  for (const file of [lockfileName(packageManager), '.yarnrc.yml', '.npmrc', 'patches']) {
    if (existsSync(join(work, file))) cpSync(join(work, file), join(out, file), { recursive: true });
  }
  const root = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(packageManager === 'pnpm' ? root : { ...root, workspaces: kept }, null, 2)}\n`);
  if (existsSync(join(work, 'pnpm-workspace.yaml'))) {
    const settings = parse(readFileSync(join(work, 'pnpm-workspace.yaml'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(out, 'pnpm-workspace.yaml'), stringify({ ...settings, packages: kept }));
  }
  const before = readFileSync(join(out, lockfileName(packageManager)), 'utf8').length;
  const [command, ...args] = RELOCK[packageManager]!;
  const relock = spawnSync(command!, args, { cwd: out, env, encoding: 'utf8' });
  if (relock.status !== 0) return `re-lock failed: ${firstError(relock.stdout + relock.stderr)}`;
  const after = readFileSync(join(out, lockfileName(packageManager)), 'utf8').length;
  return { note: `re-locked ${before} → ${after} bytes`, serviceFolder: join(out, servicePath), memberFolders: kept.slice(1).map((path) => join(out, path)) };
};

/** Lockfile-only installs: they keep every version the lockfile already resolved and drop what no member needs. */
const RELOCK: Record<string, string[]> = {
  npm: ['npm', 'install', '--package-lock-only', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'],
  pnpm: ['npx', '--yes', PNPM, 'install', '--lockfile-only', '--offline', '--ignore-scripts'],
  yarn: ['npx', '--yes', '-p', YARN, '--', 'yarn', 'install', '--mode=update-lockfile'],
};

const STRATEGIES: Record<string, Strategy> = { 'Nx createLockFile': nxCreateLockFile, 'package manager re-lock': packageManagerRelock };

function probe(label: string, entry: Case, strategyName: string): string {
  const { servicePath, fixture = label } = entry;
  const model = detectWorkspace(new FsWorkspace(join(FIXTURES, fixture)), servicePath);
  const packageManager = model.packageManager!;
  const work = mkdtempSync(join(tmpdir(), `prune-${fixture}-`));
  // Outside the copy: inside it, pnpm and Yarn would take the copy's root as the workspace to install.
  const out = mkdtempSync(join(tmpdir(), `pruned-${fixture}-`));
  const heading = `${label} (${packageManager}, ${servicePath}) by ${strategyName}`;
  try {
    cpSync(join(FIXTURES, fixture), work, { recursive: true });
    // Without the npm_config_* an `npx tsx` parent passes down (this repository's node-options among them).
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    const env = { ...inherited, NODE_OPTIONS: '', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true', YARN_ENABLE_TELEMETRY: '0' };
    entry.prepare?.(work, env);
    const pruned = STRATEGIES[strategyName]!(work, out, entry, model, env);
    if (typeof pruned === 'string') return `${heading}: ${pruned}`;
    const [command, ...args] = FROZEN[packageManager]!;
    const frozen = spawnSync(command!, args, { cwd: out, env, encoding: 'utf8' });
    const members = model.closure(servicePath).map((member) => member.name);
    // A package an internal package needs resolves from that package's folder (pnpm links it only there).
    const paths = JSON.stringify([pruned.serviceFolder, ...pruned.memberFolders]);
    const resolves = frozen.status === 0 && spawnSync(process.execPath, ['-e', RESOLVES, paths, ...members, ...entry.keep], { cwd: out, env }).status === 0;
    const installedFile = entry.installed && join(pruned.serviceFolder, entry.installed.file);
    const patched = installedFile && existsSync(installedFile) && readFileSync(installedFile, 'utf8').includes(entry.installed!.contains);
    const installed = entry.installed && frozen.status === 0 ? `, ${entry.installed.file} ${patched ? 'has' : 'LACKS'} "${entry.installed.contains}"` : '';
    const verdict =
      frozen.status !== 0
        ? `frozen install FAILS: ${firstError(frozen.stdout + frozen.stderr)}`
        : `frozen install PASSES, ${[...members, ...entry.keep].join(' ')} ${resolves ? 'resolve' : 'DO NOT all resolve'}${installed}`;
    const kept = summarize(readFileSync(join(out, lockfileName(packageManager)), 'utf8'), packageManager, entry);
    return `${heading}: ${pruned.note}; ${kept}; ${verdict}`;
  } finally {
    if (process.env.PROBE_KEEP === '1') console.log(`  kept ${work} ${out}`);
    else for (const folder of [work, out]) rmSync(folder, { recursive: true, force: true });
  }
}

/** What @nx/js:prune-lockfile and copy-workspace-modules produce: internal packages as file: dependencies. */
function layOutLikeNxPrune(work: string, out: string, servicePath: string, closure: readonly WorkspaceMember[]): void {
  const manifest = JSON.parse(readFileSync(join(work, servicePath, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  cpSync(join(work, servicePath), out, { recursive: true, filter: (source) => !source.includes('node_modules') });
  for (const { name, path } of closure) {
    if (manifest.dependencies?.[name] !== undefined) manifest.dependencies[name] = `file:./workspace_modules/${name}`;
    mkdirSync(join(out, 'workspace_modules', dirname(name)), { recursive: true });
    cpSync(join(work, path), join(out, 'workspace_modules', name), { recursive: true, filter: (source) => !source.includes('node_modules') });
  }
  if (existsSync(join(work, 'patches'))) cpSync(join(work, 'patches'), join(out, 'patches'), { recursive: true });
  // pnpm 10 keeps overrides and patchedDependencies in pnpm-workspace.yaml and checks them against the
  // lockfile: Nx's prune writes none, so carry the root's settings, with the copied packages as members.
  const pnpmWorkspace = join(work, 'pnpm-workspace.yaml');
  if (existsSync(pnpmWorkspace)) {
    const settings = parse(readFileSync(pnpmWorkspace, 'utf8')) as Record<string, unknown>;
    writeFileSync(join(out, 'pnpm-workspace.yaml'), stringify({ ...settings, packages: closure.map(({ name }) => `workspace_modules/${name}`) }));
  }
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

const lockfileName = (packageManager: string) => ({ npm: 'package-lock.json', pnpm: 'pnpm-lock.yaml', yarn: 'yarn.lock' })[packageManager]!;

/** Whether the lockfile has an entry for the package (not merely a peer range naming it). */
const ENTRY: Record<string, (name: string) => RegExp> = {
  npm: (name) => new RegExp(`"node_modules/${escape(name)}"`),
  pnpm: (name) => new RegExp(`^  '?${escape(name)}@\\d`, 'm'),
  yarn: (name) => new RegExp(`^"?${escape(name)}@npm:`, 'm'),
};
const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Which facts survived: the closure's packages kept, the unrelated ones dropped, pnpm's patches/overrides/peer suffixes. */
function summarize(lockfile: string, packageManager: string, { keep, drop }: Case): string {
  const facts = [
    ...keep.map((name) => `${name} ${ENTRY[packageManager]!(name).test(lockfile) ? 'kept' : 'MISSING'}`),
    ...drop.map((name) => `${name} (unrelated) ${ENTRY[packageManager]!(name).test(lockfile) ? 'LEFT IN' : 'dropped'}`),
  ];
  if (packageManager === 'pnpm') {
    facts.push(`patchedDependencies ${/patchedDependencies:/.test(lockfile) ? 'kept' : 'DROPPED'}`, `overrides ${/^overrides:/m.test(lockfile) ? 'kept' : 'DROPPED'}`);
    facts.push(`peer-resolved use-sync-external-store@1.6.0(react@19.2.0) ${/use-sync-external-store@1\.6\.0\(react@19\.2\.0\)/.test(lockfile) ? 'kept' : 'MISSING'}`);
  }
  return facts.join(', ');
}

const firstError = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /Invalid|Missing|ERR_|YN0028|YN0001|Internal Error|frozen|lockfile needs/i.test(line))
    .slice(0, 2)
    .join(' | ')
    .slice(0, 400) || text.trim().split('\n').at(-1);

interface Case {
  readonly servicePath: string;
  /** Packages the service's closure needs (its own and its internal packages' dependencies). */
  readonly keep: readonly string[];
  /** Packages only another service needs. */
  readonly drop: readonly string[];
  /** A file the install must have written as the workspace would (a patched dependency). */
  readonly installed?: { readonly file: string; readonly contains: string };
  readonly fixture?: string;
  /** A change to the copy before pruning, re-locked by the package manager itself. */
  readonly prepare?: (work: string, env: NodeJS.ProcessEnv) => void;
}

/** The pnpm fixture without its override (api asks for ms 2.1.3 itself), re-locked offline by pnpm: patches and peers alone. */
function withoutOverrides(work: string, env: NodeJS.ProcessEnv): void {
  const file = join(work, 'pnpm-workspace.yaml');
  const { overrides: _dropped, ...settings } = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, stringify(settings));
  const api = join(work, 'packages/api/package.json');
  writeFileSync(api, readFileSync(api, 'utf8').replace('"ms": "^2.1.0"', '"ms": "2.1.3"'));
  spawnSync('npx', ['--yes', PNPM, 'install', '--offline', '--ignore-scripts'], { cwd: work, env });
}

const CASES: Record<string, Case> = {
  'npm-workspaces': { servicePath: 'packages/api', keep: ['ms'], drop: ['picocolors'] },
  'pnpm-workspace': {
    servicePath: 'packages/api',
    keep: ['ms', 'react', 'use-sync-external-store'],
    drop: ['picocolors'],
    installed: { file: 'node_modules/ms/index.js', contains: 'patched by acme' },
  },
  'pnpm-workspace, overrides removed': {
    fixture: 'pnpm-workspace',
    servicePath: 'packages/api',
    keep: ['ms', 'react', 'use-sync-external-store'],
    drop: ['picocolors'],
    installed: { file: 'node_modules/ms/index.js', contains: 'patched by acme' },
    prepare: withoutOverrides,
  },
  'yarn-workspaces': { servicePath: 'packages/api', keep: ['ms', 'react', 'use-sync-external-store'], drop: ['picocolors'] },
  'next-workspace': { servicePath: 'packages/web', keep: ['next', 'react', 'react-dom'], drop: [] },
};
const wanted = process.argv.slice(2);
for (const strategy of Object.keys(STRATEGIES)) {
  for (const [label, entry] of Object.entries(CASES)) {
    if (wanted.length === 0 || wanted.includes(label)) console.log(probe(label, entry, strategy));
  }
}
