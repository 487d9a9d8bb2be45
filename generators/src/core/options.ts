/**
 * The one option table. Plop prompts, CLI flags and the Nx schema.json are all derived from it,
 * so names, defaults, choices and help text cannot drift between front ends.
 */
import { userFacingName, type ExistingPackage } from './detect.js';
import { APP_TYPES, BASES, PACKAGE_MANAGER_NAMES, STACKS, STACK_IDS, isStackId, stackDefinition, type StackId } from './stacks.js';

export type OptionValue = string | number | boolean;
export type RawAnswers = Readonly<Record<string, OptionValue | undefined>>;

/** What defaults may depend on besides earlier answers: facts read from the workspace. */
export interface DefaultContext {
  /** What a workspace folder already holds. */
  readonly inspect: (folder: string) => ExistingPackage;
}

/** Where services live when --directory does not say, in the order a service's folder is looked for. */
export const SERVICE_PARENTS = ['packages', 'apps'] as const;

/**
 * The service's folder: --directory, else the first of packages/<name> and apps/<name> that
 * holds a manifest, else the first a workspace's globs take in (a new member's), else packages/<name>.
 */
export function serviceFolder(answers: RawAnswers, context: DefaultContext): string | undefined {
  if (typeof answers.directory === 'string') return answers.directory;
  if (typeof answers.name !== 'string') return undefined;
  const candidates = SERVICE_PARENTS.map((parent) => `${parent}/${answers.name}`);
  return (
    candidates.find((folder) => context.inspect(folder).manifests.length > 0) ??
    candidates.find((folder) => context.inspect(folder).joins !== undefined) ??
    candidates[0]
  );
}

/** What the service's folder holds, once its name (or folder) is known. */
export function existingPackage(answers: RawAnswers, context: DefaultContext): ExistingPackage | undefined {
  const folder = serviceFolder(answers, context);
  return folder === undefined ? undefined : context.inspect(folder);
}

export interface OptionDefinition {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'boolean';
  readonly description: string;
  /** The question asked interactively; flags without one are never prompted. */
  readonly prompt?: string;
  /** Every value the option can take, across stacks (the schema enum). */
  readonly allChoices?: readonly string[];
  /** The values allowed given earlier answers (the prompt's choices). */
  readonly choices?: (answers: RawAnswers) => readonly string[];
  readonly default?: (answers: RawAnswers, context: DefaultContext) => OptionValue | undefined;
  /** Asked only when this holds for the earlier answers. */
  readonly relevant?: (answers: RawAnswers) => boolean;
  readonly required?: boolean;
  /** Nx: taken from the first positional argument. */
  readonly positional?: boolean;
}

const stackOf = (answers: RawAnswers): StackId | undefined => {
  const stack = answers.stack;
  return typeof stack === 'string' && isStackId(stack) ? stack : undefined;
};

const isWorker = (answers: RawAnswers) => answers.appType === 'worker';

export const OPTIONS: readonly OptionDefinition[] = [
  {
    name: 'name',
    type: 'string',
    description: 'Service name: a lowercase npm-style slug; it names the Dockerfile (docker/<name>.Dockerfile) and, by default, the package folder.',
    prompt: 'Service name (lowercase, e.g. billing-api)',
    required: true,
    positional: true,
  },
  {
    name: 'directory',
    type: 'string',
    description:
      "The service's package folder, relative to the workspace root (e.g. apps/api). Default: packages/<name>, or apps/<name> when that is where the package already is.",
    default: (answers, context) => serviceFolder(answers, context),
  },
  {
    name: 'mode',
    type: 'string',
    description: 'new: write a runnable skeleton; existing: dockerize the package already in its folder.',
    prompt: 'Create a new package or dockerize the existing one',
    allChoices: ['new', 'existing'],
    choices: () => ['new', 'existing'],
    default: (answers, context) => (existingPackage(answers, context)?.manifests.length ? 'existing' : 'new'),
  },
  {
    name: 'stack',
    type: 'string',
    description: 'Language and framework of the service; in mode existing it is detected.',
    prompt: 'Stack',
    allChoices: STACK_IDS,
    choices: () => STACK_IDS,
    default: (answers, context) => (answers.mode === 'existing' ? existingPackage(answers, context)?.stack : undefined),
    required: true,
  },
  {
    name: 'appType',
    type: 'string',
    description: 'What the service is: an HTTP API, a background worker or a web frontend.',
    prompt: 'App type',
    allChoices: APP_TYPES,
    choices: (answers) => {
      const stack = stackOf(answers);
      return stack ? STACKS[stack].appTypes : APP_TYPES;
    },
    default: (answers) => {
      const stack = stackOf(answers);
      return stack ? STACKS[stack].appTypes[0] : undefined;
    },
  },
  {
    name: 'packageManager',
    type: 'string',
    description: "Package manager; in mode existing it is detected from the lockfile, and a new workspace member's is its workspace's.",
    prompt: 'Package manager',
    allChoices: PACKAGE_MANAGER_NAMES,
    choices: (answers) => {
      const stack = stackOf(answers);
      return stack ? STACKS[stack].packageManagers : PACKAGE_MANAGER_NAMES;
    },
    default: (answers, context) => {
      const found = existingPackage(answers, context);
      const stack = stackOf(answers);
      const joined = found?.joins && stack && stackDefinition(stack).manifests.includes(found.joins.manifest) ? found.joins.packageManager : undefined;
      const detected = answers.mode === 'existing' ? found?.packageManager : joined;
      return detected ? userFacingName(detected) : stack ? STACKS[stack].packageManagers[0] : undefined;
    },
  },
  {
    name: 'base',
    type: 'string',
    description:
      'Runtime base of the image. slim: the Debian -slim image (Go/Rust: debian:trixie-slim), UID 1000/1001. distroless: gcr.io/distroless -debian13 (Go static, Rust cc, Node nodejs, Python python3), no shell, UID 65532. Go and Rust default to distroless.',
    prompt: 'Runtime base image',
    allChoices: BASES,
    choices: (answers) => {
      const stack = stackOf(answers);
      return stack ? STACKS[stack].bases : BASES;
    },
    default: (answers) => {
      const stack = stackOf(answers);
      return stack ? STACKS[stack].bases[0] : undefined;
    },
    relevant: (answers) => {
      const stack = stackOf(answers);
      return stack ? STACKS[stack].bases.length > 1 : true;
    },
  },
  {
    name: 'port',
    type: 'integer',
    description: 'Port the service listens on (not used by workers).',
    prompt: 'Port',
    relevant: (answers) => !isWorker(answers),
    default: (answers) => {
      const stack = stackOf(answers);
      return stack && !isWorker(answers) ? STACKS[stack].defaultPort : undefined;
    },
  },
  {
    name: 'healthPath',
    type: 'string',
    description: 'HTTP path of the health endpoint probed by the HEALTHCHECK (not used by workers).',
    prompt: 'Health endpoint path',
    relevant: (answers) => !isWorker(answers),
    default: (answers) => (isWorker(answers) ? undefined : '/health'),
  },
  {
    name: 'image',
    type: 'string',
    description:
      'Image repository name build-image tags (and the compose and Kubernetes files run): lowercase, path components of a-z, 0-9 and the separators Docker allows. Default: the policy\'s image.repository pattern, by default {package}: the service name, or a workspace member\'s package name made valid for Docker (@acme/api becomes acme-api).',
  },
  {
    name: 'deploy',
    type: 'string',
    description:
      'Deployment files to write, comma-separated: compose (the service merged into the root compose.yaml), k8s (deploy/k8s/<name>/: Deployment, Service, kustomization), or none. Default: the policy\'s deploy.targets (compose,k8s).',
  },
  {
    name: 'dependsOn',
    type: 'string',
    description:
      'Compose services, comma-separated, this one waits for until they are healthy (depends_on with condition service_healthy); each must already be in compose.yaml with a healthcheck.',
  },
  {
    name: 'skipInstall',
    type: 'boolean',
    description: 'Do not run the package manager to write the lockfile (offline use).',
    default: () => false,
  },
  {
    name: 'force',
    type: 'boolean',
    description: 'Overwrite files dockwright owns; project.json and next.config are still merged.',
    default: () => false,
  },
  {
    name: 'dryRun',
    type: 'boolean',
    description: 'Print the planned changes, with diffs for merged files, and write nothing.',
    default: () => false,
  },
];

export function optionNamed(name: string): OptionDefinition | undefined {
  return OPTIONS.find((option) => option.name === name);
}
