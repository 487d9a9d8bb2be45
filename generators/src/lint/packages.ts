/** What a shell command installs: OS packages (apt, apk, dnf…) or a project's dependencies. */
import { basename, type ShellCommand } from './shell.js';

export type OsPackageManager = 'apt-get' | 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper';

export interface OsInstall {
  readonly manager: OsPackageManager;
  /** Package names, versions stripped. */
  readonly packages: readonly string[];
  readonly args: readonly string[];
  /** `apk add --virtual <name>` (or `-t`): the group name `apk del <name>` removes them by. */
  readonly virtual: string | undefined;
}

export interface OsRemove {
  readonly manager: OsPackageManager;
  /** Package (or apk virtual group) names. */
  readonly packages: readonly string[];
  /** Also removes what nothing depends on any more (`--auto-remove`, `autoremove`). */
  readonly autoRemove: boolean;
}

const INSTALL_VERBS: Readonly<Record<OsPackageManager, readonly string[]>> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
  zypper: ['install', 'in'],
};

/** Options that take the next word as their value, so it is not a package name. */
const VALUE_OPTIONS = new Set(['-o', '-t', '-c', '--virtual', '--repository', '-X', '--root', '-p', '--arch', '--setopt']);

/** The package manager a command runs, by its program's name (an own key only: `RUN toString` is no manager); its arguments are copied only then. */
function managerOf(command: ShellCommand): OsPackageManager | undefined {
  const program = basename(command.argv[0] ?? '');
  return Object.hasOwn(INSTALL_VERBS, program) ? (program as OsPackageManager) : undefined;
}

export function osInstall(command: ShellCommand): OsInstall | undefined {
  const manager = managerOf(command);
  if (!manager) return undefined;
  const verbs = INSTALL_VERBS[manager];
  const args = command.argv.slice(1);
  const verb = args.findIndex((arg) => verbs.includes(arg));
  if (verb === -1) return undefined;
  const packages: string[] = [];
  let virtual: string | undefined;
  for (let index = verb + 1; index < args.length; index += 1) {
    const arg = args[index]!;
    if (manager === 'apk' && (arg === '--virtual' || arg === '-t')) virtual = args[index + 1];
    if (VALUE_OPTIONS.has(arg)) index += 1;
    else if (!arg.startsWith('-')) packages.push(arg.split(/[=<>]/)[0]!);
  }
  return { manager, packages, args, virtual };
}

const REMOVE_VERBS: Readonly<Record<OsPackageManager, readonly string[]>> = {
  'apt-get': ['purge', 'remove', 'autoremove'],
  apt: ['purge', 'remove', 'autoremove'],
  apk: ['del'],
  yum: ['remove', 'erase', 'autoremove'],
  dnf: ['remove', 'erase', 'autoremove'],
  microdnf: ['remove'],
  zypper: ['remove', 'rm'],
};

/** `apt-get purge -y --auto-remove gcc`, `apk del .build-deps`, `dnf remove gcc`… */
export function osRemove(command: ShellCommand): OsRemove | undefined {
  const manager = managerOf(command);
  if (!manager) return undefined;
  const verbs = REMOVE_VERBS[manager];
  const args = command.argv.slice(1);
  const verb = args.findIndex((arg) => verbs.includes(arg));
  if (verb === -1) return undefined;
  const packages: string[] = [];
  for (let index = verb + 1; index < args.length; index += 1) {
    const arg = args[index]!;
    if (VALUE_OPTIONS.has(arg)) index += 1;
    else if (!arg.startsWith('-')) packages.push(arg.split(/[=<>]/)[0]!);
  }
  return { manager, packages, autoRemove: args[verb] === 'autoremove' || args.includes('--auto-remove') || args.includes('--autoremove') };
}

/** `apt-mark auto '.*'` (or `auto $(…)`): marks what was installed as removable by `--auto-remove`. */
export const isAptMarkAuto = (command: ShellCommand) => basename(command.argv[0] ?? '') === 'apt-mark' && command.argv[1] === 'auto';

export const isAptUpdate = (command: ShellCommand) =>
  ['apt-get', 'apt'].includes(basename(command.argv[0] ?? '')) && command.argv.includes('update');

const BUILD_TOOLS = new Set([
  'build-essential', 'build-base', 'alpine-sdk', 'gcc', 'g++', 'cc', 'clang', 'llvm', 'make', 'cmake', 'ninja-build',
  'autoconf', 'automake', 'libtool', 'pkg-config', 'pkgconf', 'git', 'rustc', 'cargo', 'golang', 'golang-go', 'go',
  'linux-headers', 'gfortran',
]);

/** Compilers, build systems, VCS and development headers: what a runtime image never needs. */
export function isBuildTool(name: string): boolean {
  return BUILD_TOOLS.has(name) || /^(gcc|g\+\+|clang)-\d+$/.test(name) || /-(dev|devel)$/.test(name);
}

/** `npm ci`, `pip install -r requirements.txt`, `poetry install`…: installs a project's dependencies from its manifests. */
export function dependencyInstall(command: ShellCommand): string | undefined {
  const argv = pythonModule(command.argv);
  const tool = basename(argv[0] ?? '');
  const args = argv.slice(1);
  const positional = args.filter((arg) => !arg.startsWith('-'));
  const label = `${tool} ${positional[0] ?? ''}`.trim();
  switch (tool) {
    case 'npm':
      return positional[0] === 'ci' || (['install', 'i'].includes(positional[0] ?? '') && positional.length === 1 && !args.includes('-g'))
        ? label
        : undefined;
    case 'pnpm':
      return ['install', 'i', 'fetch'].includes(positional[0] ?? '') && positional.length === 1 ? label : undefined;
    case 'yarn':
      return positional.length === 0 || positional[0] === 'install' || positional.slice(0, 2).join(' ') === 'workspaces focus'
        ? label
        : undefined;
    case 'pip':
    case 'pip3':
      return args.includes('install') && (args.some((arg) => /^(-r|--requirement)/.test(arg)) || positional.includes('.'))
        ? 'pip install'
        : undefined;
    case 'uv':
      return positional[0] === 'sync' || (positional[0] === 'pip' && ['sync', 'install'].includes(positional[1] ?? '')) ? label : undefined;
    case 'poetry':
    case 'pipenv':
    case 'pdm':
    case 'bundle':
    case 'composer':
      return ['install', 'sync'].includes(positional[0] ?? '') ? label : undefined;
    case 'pip-sync':
      return tool;
    case 'go':
      return positional.slice(0, 2).join(' ') === 'mod download' ? 'go mod download' : undefined;
    case 'cargo':
      return positional[0] === 'fetch' ? label : undefined;
    default:
      return undefined;
  }
}

/** `python -m pip …` reads as `pip …`. */
function pythonModule(argv: readonly string[]): readonly string[] {
  return /^python[\d.]*$/.test(basename(argv[0] ?? '')) && argv[1] === '-m' ? argv.slice(2) : argv;
}
