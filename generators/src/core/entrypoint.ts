/**
 * What the image runs: the command and, for compiled stacks, the binary. New packages follow the
 * skeleton's layout; existing ones are read (node: core/node/entry.ts; app/main.py, cmd/<name>,
 * Cargo.toml) and every value taken from a user file is checked before it can reach a template.
 */
import type { Notice } from './context.js';
import { nodeEntry } from './node/entry.js';
import { loopbackListeners } from './node/loopback-listen.js';
import type { ServiceSpec } from './spec.js';
import { dockerfilePath, type WorkspaceReader } from './workspace.js';

const PYTHON_MODULE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export interface Entrypoint {
  readonly command: readonly string[];
  readonly buildOutput: string | false;
  /** tsc compiles the package's tests and they set its root folder: the .dockerignore keeps them (they never reach the runtime stage). */
  readonly keepsTests?: boolean;
  /** Node: the package's `prepare` script is dropped before each install (it needs the source, which comes later). */
  readonly skipsPrepare?: boolean;
}

export function entrypoint(spec: ServiceSpec, workspace: WorkspaceReader, notices: Notice[], interpreter: string, binaryName: string): Entrypoint {
  const root = spec.directory;
  const existing = spec.mode === 'existing';
  if (spec.stack === 'go' || spec.stack === 'rust') return { command: [`/usr/local/bin/${binaryName}`], buildOutput: false };
  // nginx in the foreground (daemon off in nginx.conf); -e: errors to stderr before the config is read.
  if (spec.stack === 'static') return { command: ['nginx', '-e', 'stderr'], buildOutput: 'dist' };
  if (spec.stack === 'nextjs') return { command: [interpreter, 'server.js'], buildOutput: false };
  if (spec.stack === 'python') {
    const module = existing ? findPythonModule(spec, workspace, notices) : spec.appType === 'worker' ? 'app.worker' : 'app.main';
    return spec.appType === 'worker'
      ? { command: [interpreter, '-m', module], buildOutput: false }
      : {
          command: [interpreter, '-m', 'uvicorn', `${module}:app`, '--host', '0.0.0.0', '--port', String(spec.port)],
          buildOutput: false,
        };
  }
  if (!existing) return { command: [interpreter, spec.appType === 'worker' ? 'src/worker.js' : 'src/server.js'], buildOutput: false };
  // A workspace whose tooling builds the service (an Nx build target) says what it writes and runs.
  const declared = spec.workspace?.service.build;
  if (declared) return { command: [interpreter, declared.entry], buildOutput: declared.output };
  const node = nodeEntry(workspace, root);
  if (spec.appType === 'api') notices.push(...loopbackListeners(workspace, root));
  return { command: [interpreter, ...node.args], buildOutput: node.buildOutput, keepsTests: node.keepsTests, skipsPrepare: node.prepareScript };
}

const CARGO_PACKAGE_NAME = /^\[package\][^[]*?^name\s*=\s*"([A-Za-z][A-Za-z0-9_-]*)"/ms;

/**
 * Go/Rust: the binary the build produces and, for Go, the main package. New packages: the service
 * name and `.`. Existing Rust packages: the [package] name of Cargo.toml; existing Go modules:
 * `./cmd/<name>` when it has a main.go, else `.`.
 */
export function compiledBinary(spec: ServiceSpec, workspace: WorkspaceReader, notices: Notice[]): { name: string; mainPackage: string } {
  const root = spec.directory;
  if (spec.mode !== 'existing') return { name: spec.name, mainPackage: '.' };
  if (spec.stack === 'go') {
    const mainPackage = workspace.exists(`${root}/cmd/${spec.name}/main.go`) ? `./cmd/${spec.name}` : '.';
    return { name: spec.name, mainPackage };
  }
  if (spec.stack === 'rust') {
    const crate = CARGO_PACKAGE_NAME.exec(workspace.read(`${root}/Cargo.toml`) ?? '')?.[1];
    if (!crate) {
      notices.push({
        path: `${root}/Cargo.toml`,
        message: `no [package] name found; the image copies target/release/${spec.name}, edit ${dockerfilePath(spec.name)} if that is wrong`,
      });
    }
    return { name: crate ?? spec.name, mainPackage: '.' };
  }
  return { name: spec.name, mainPackage: '.' };
}

function findPythonModule(spec: ServiceSpec, workspace: WorkspaceReader, notices: Notice[]): string {
  const root = spec.directory;
  const stem = spec.appType === 'worker' ? 'worker' : 'main';
  const candidates = [`app/${stem}.py`, `${stem}.py`, `src/${stem}.py`, `app/__main__.py`];
  const found = candidates.find((file) => workspace.exists(`${root}/${file}`));
  const module = (found ?? `app/${stem}.py`).replace(/\.py$/, '').replaceAll('/', '.');
  if (!found || !PYTHON_MODULE.test(module)) {
    notices.push({
      path: root,
      message: `none of ${candidates.join(', ')} found; the image runs module app.${stem}, edit CMD in ${dockerfilePath(spec.name)} if that is wrong`,
    });
    return `app.${stem}`;
  }
  return module;
}
