/**
 * Answers in, a validated ServiceSpec out. This is the only place input is checked: every value
 * that reaches a template or a JSON file has passed through here.
 */
import { inspectPackage, userFacingName, type ExistingPackage } from './detect.js';
import { expandImagePattern, IMAGE_REPOSITORY_RULE, imageName, isImageRepository } from './image-name.js';
import { loadPolicy } from '../policy/load.js';
import { DEPLOY_TARGETS, policyUid, type DeployTarget, type Policy, type Resources } from '../policy/schema.js';
import { OPTIONS, type DefaultContext, type OptionDefinition, type OptionValue, type RawAnswers } from './options.js';
import {
  STACKS,
  STACK_IDS,
  isPackageManagerId,
  isStackId,
  stackDefinition,
  type AppType,
  type Base,
  type PackageManagerId,
  type StackId,
} from './stacks.js';
import type { WorkspaceBuild, WorkspaceJoin } from './workspace-model.js';
import type { WorkspaceReader } from './workspace.js';

export type Mode = 'new' | 'existing';

export interface ServiceSpec {
  readonly name: string;
  /** The package folder, workspace-relative (packages/<name> unless --directory or the workspace says otherwise). */
  readonly directory: string;
  readonly mode: Mode;
  readonly stack: StackId;
  readonly appType: AppType;
  readonly packageManager: PackageManagerId;
  /** Undefined for workers: they listen on nothing. */
  readonly port: number | undefined;
  readonly healthPath: string | undefined;
  /** The health path was given, not defaulted: in mode existing it is trusted where the source cannot confirm it. */
  readonly healthPathGiven?: boolean;
  readonly runtimeVersion: string;
  readonly base: Base;
  readonly uid: number;
  readonly gid: number;
  /** Deployment files to write, in DEPLOY_TARGETS order. */
  readonly deploy: readonly DeployTarget[];
  /** Compose services this one starts after, once they are healthy. */
  readonly dependsOn: readonly string[];
  /** What the Kubernetes manifests take from the policy; only with k8s among the deploy targets. */
  readonly kubernetes?: KubernetesSettings;
  /** The image repository name build-image tags: the service name, or a workspace member's package name made valid for Docker (`@acme/api` → `acme-api`). */
  readonly image: string;
  /** A workspace member: its image builds from the workspace root, with its internal packages (for a new member, once the root lockfile records it). */
  readonly workspace?: WorkspaceBuild;
  /** Mode new in a folder the workspace's globs take in: the package joins that workspace, locked in the root lockfile. */
  readonly joins?: WorkspaceJoin;
}

export interface KubernetesSettings {
  readonly registry: string;
  readonly resources: Resources;
}

export interface RunFlags {
  readonly force: boolean;
  readonly dryRun: boolean;
  readonly skipInstall: boolean;
}

/** Bad input: the message is one line that names the field and what it accepts. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'InputError';
  }
}

const NAME_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const NAME_MAX_LENGTH = 64;
const RESERVED_NAMES = new Set(['node_modules', 'favicon.ico', 'dockwright', 'docker', 'packages']);
/** Device names Windows reserves for a file or folder, with any extension (`con.api` too). */
const WINDOWS_DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/;
/** `/`, or segments of URL-safe characters; never a `.` or `..` segment (Next.js makes the path a folder). */
const HEALTH_PATH_PATTERN = /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._~-]+)+$|^\/$/;
const HEALTH_PATH_MAX_LENGTH = 128;
/**
 * A Kubernetes Service name is an RFC 1035 label, the strictest of the names a manifest uses it as
 * (container names are RFC 1123 labels, Deployment names DNS subdomains).
 */
const KUBERNETES_NAME = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Cargo rejects package names with '.' or a leading digit. */
const RUST_PACKAGE_NAME = /^[a-z][a-z0-9_-]*$/;

function rootHealthPathProblem(earlier: RawAnswers): string | undefined {
  const stack = typeof earlier.stack === 'string' && isStackId(earlier.stack) ? STACKS[earlier.stack] : undefined;
  if (!stack || stack.rootHealthPath === 'always' || (stack.rootHealthPath === 'existing' && earlier.mode === 'existing')) return undefined;
  return stack.rootHealthPath === 'never'
    ? `/ cannot be the ${stack.id} health path: the image answers the health path itself, which would hide the site's index; use e.g. /health`
    : `/ is the ${stack.id} skeleton's home page; use e.g. /health (an existing app may use /)`;
}

/** Shows a rejected value on one line, whatever it holds. */
const shown = (value: unknown) => JSON.stringify(String(value));
const oneOf = (values: readonly string[]) => values.join(' | ');

/** What resolving a spec needs from the workspace: option defaults and the team's policy. */
export interface SpecContext extends DefaultContext {
  readonly policy: Policy;
}

/** Top-level folders a service cannot live in: dockwright's own, and what the tools own. */
const RESERVED_TOP_FOLDERS = new Set(['docker', 'deploy', 'node_modules', 'dist']);
const DIRECTORY_SEGMENT = /^[A-Za-z0-9_@][A-Za-z0-9._@-]*$/;
const DIRECTORY_MAX_SEGMENTS = 8;

function checkDirectory(value: OptionValue): string | undefined {
  const segments = typeof value === 'string' ? value.split('/') : [];
  const plain = segments.length >= 1 && segments.length <= DIRECTORY_MAX_SEGMENTS && segments.every((segment) => DIRECTORY_SEGMENT.test(segment) && !WINDOWS_DEVICE_NAME.test(segment.toLowerCase()));
  if (!plain) {
    return `must be a folder relative to the workspace root: 1 to ${DIRECTORY_MAX_SEGMENTS} segments of A-Z, a-z, 0-9, '.', '_', '@', '-' separated by '/', none starting with '.' or '-' (e.g. apps/api); got ${shown(value)}`;
  }
  if (RESERVED_TOP_FOLDERS.has(segments[0]!)) return `${shown(value)} is inside ${segments[0]}/, which is not a service's; reserved: ${[...RESERVED_TOP_FOLDERS].join(', ')}`;
  return undefined;
}

/**
 * Defaults backed by the workspace; a name that is not valid is never used as a path. Reading the
 * policy here means a bad dockwright.config.json fails before any question is asked.
 */
export function workspaceDefaults(workspace: WorkspaceReader): SpecContext {
  // Each default and the spec ask about the same package: read it (and its workspace) once.
  const inspected = new Map<string, ExistingPackage>();
  const inspect = (folder: string) => inspected.get(folder) ?? inspected.set(folder, inspectPackage(workspace, folder)).get(folder)!;
  return {
    policy: loadPolicy(workspace),
    inspect: (folder) => (checkDirectory(folder) === undefined ? inspect(folder) : { manifests: [] }),
  };
}

function checkName(value: OptionValue): string | undefined {
  if (typeof value !== 'string' || !NAME_PATTERN.test(value) || value.length > NAME_MAX_LENGTH) {
    return `must be a lowercase slug of a-z, 0-9 and single '-', '.' or '_' between them, at most ${NAME_MAX_LENGTH} characters (e.g. billing-api); got ${shown(value)}`;
  }
  if (RESERVED_NAMES.has(value)) return `${shown(value)} is reserved; reserved names: ${[...RESERVED_NAMES].join(', ')}`;
  if (WINDOWS_DEVICE_NAME.test(value)) return `${shown(value)} is a device name on Windows (con, prn, aux, nul, com0-9, lpt0-9), which no folder can have`;
  return undefined;
}

/**
 * One option's value from flag text, converted and checked as every front end does it, for
 * commands that take a generator option as a flag of their own (verify-image's --port).
 */
export function parseOptionText(name: string, text: string, earlier: RawAnswers = {}): OptionValue {
  const option = OPTIONS.find((candidate) => candidate.name === name);
  if (!option) throw new Error(`unreachable: no option ${name}`);
  const value = coerce(option, text);
  const problem = checkAnswer(option, value, earlier);
  if (problem) throw new InputError(name, problem);
  return value;
}

/** Checks one answer given the answers before it; returns the error message or undefined. */
export function checkAnswer(option: OptionDefinition, value: OptionValue, earlier: RawAnswers): string | undefined {
  switch (option.name) {
    case 'name':
      return checkName(value);
    case 'port':
      if (earlier.appType === 'worker') return `workers listen on no port; drop it (got ${shown(value)})`;
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535
        ? undefined
        : `must be an integer from 1 to 65535; got ${shown(value)}`;
    case 'healthPath':
      if (earlier.appType === 'worker') return `workers have no HTTP endpoint; drop it (got ${shown(value)})`;
      if (value === '/') return rootHealthPathProblem(earlier);
      return typeof value === 'string' && HEALTH_PATH_PATTERN.test(value) && value.length <= HEALTH_PATH_MAX_LENGTH
        ? undefined
        : `must be / or a URL path of segments made of A-Z, a-z, 0-9, '.', '_', '~', '-', none of them . or .. (e.g. /health); got ${shown(value)}`;
    case 'directory':
      return checkDirectory(value);
    case 'image':
      return isImageRepository(value) ? undefined : `must be ${IMAGE_REPOSITORY_RULE}; got ${shown(value)}`;
    case 'deploy':
      return checkDeploy(value);
    case 'dependsOn':
      return checkDependsOn(value, earlier);
    default:
      return checkChoice(option, value, earlier);
  }
}

const listItems = (value: OptionValue) => String(value).split(',').map((item) => item.trim());

function checkDeploy(value: OptionValue): string | undefined {
  const items = listItems(value);
  if (items.length === 1 && items[0] === 'none') return undefined;
  const allowed: readonly string[] = DEPLOY_TARGETS;
  const bad = items.find((item) => !allowed.includes(item));
  return bad === undefined ? undefined : `must be none or a comma-separated list of ${oneOf(DEPLOY_TARGETS)}; got ${shown(value)}`;
}

function checkDependsOn(value: OptionValue, earlier: RawAnswers): string | undefined {
  const bad = listItems(value).find((item) => checkName(item) !== undefined || item === earlier.name);
  if (bad === undefined) return undefined;
  return bad === earlier.name
    ? `a service cannot depend on itself; got ${shown(value)}`
    : `must be a comma-separated list of service names (lowercase slugs, e.g. orders-api,ledger-worker); got ${shown(value)}`;
}

/** --deploy as given (`none`: nothing), else the policy's default; always in DEPLOY_TARGETS order. */
function deployTargets(value: OptionValue | undefined, policy: Policy): DeployTarget[] {
  if (value === undefined) return [...policy.deploy.targets];
  const items = listItems(value);
  return DEPLOY_TARGETS.filter((target) => items.includes(target));
}

/**
 * The policy's image.repository for this service (`packageName`: a workspace member's), checked
 * again once expanded as --image is (only its length can fail).
 */
function policyImage(policy: Policy, name: string, packageName: string | undefined): string {
  const pattern = policy.image.repository;
  const image = expandImagePattern(pattern, { name, package: packageName === undefined ? name : imageName(packageName) });
  if (isImageRepository(image)) return image;
  throw new InputError('image', `the policy's image.repository ${shown(pattern)} gives ${shown(image)}, which is not ${IMAGE_REPOSITORY_RULE}; pass --image or shorten the pattern`);
}

function checkChoice(option: OptionDefinition, value: OptionValue, earlier: RawAnswers): string | undefined {
  if (option.type === 'boolean') return typeof value === 'boolean' ? undefined : `must be true or false; got ${shown(value)}`;
  if (!option.choices) return undefined;
  const allowed = option.choices(earlier);
  if (typeof value === 'string' && allowed.includes(value)) return undefined;
  const scope = option.name !== 'stack' && typeof earlier.stack === 'string' ? ` for stack ${earlier.stack}` : '';
  return `must be one of ${oneOf(allowed)}${scope}; got ${shown(value)}`;
}

/** Turns flag text into the option's type; leaves anything it cannot convert for checkAnswer to reject. */
function coerce(option: OptionDefinition, value: OptionValue): OptionValue {
  if (typeof value !== 'string') return value;
  if (option.type === 'integer' && /^\d+$/.test(value.trim())) return Number(value.trim());
  if (option.type === 'boolean' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return value;
}

/**
 * Fills defaults in option order (later defaults may depend on earlier answers) and checks every
 * answer as it goes, so a default is only computed from answers that are already valid.
 */
export function resolveAnswers(raw: RawAnswers, context: DefaultContext): Record<string, OptionValue | undefined> {
  const unknown = Object.keys(raw).filter((key) => !OPTIONS.some((option) => option.name === key));
  if (unknown.length > 0) {
    throw new InputError(unknown[0]!, `unknown option; options are ${OPTIONS.map((option) => option.name).join(', ')}`);
  }
  const answers: Record<string, OptionValue | undefined> = {};
  for (const option of OPTIONS) {
    const given = raw[option.name];
    const value = given === undefined || given === '' ? option.default?.(answers, context) : coerce(option, given);
    if (value === undefined) {
      if (option.required) throw new InputError(option.name, `required${describeChoices(option, answers)}`);
      continue;
    }
    const problem = checkAnswer(option, value, answers);
    if (problem) throw new InputError(option.name, problem);
    answers[option.name] = value;
  }
  return answers;
}

function describeChoices(option: OptionDefinition, answers: RawAnswers): string {
  return option.choices ? `; one of ${oneOf(option.choices(answers))}` : '';
}

/** A new member must be a stack dockwright builds from a workspace root, and use the package manager the root installs with. */
function checkJoin(joins: WorkspaceJoin, directory: string, stack: StackId, named: PackageManagerId): void {
  const where = joins.root === '' ? 'the root' : joins.root;
  if (!stackDefinition(stack).workspaceBuild) {
    const built = STACK_IDS.filter((id) => stackDefinition(id).workspaceBuild);
    throw new InputError('directory', `${directory} is a member of the workspace at ${where} by its globs, and dockwright builds only ${built.join(' and ')} services from a workspace; choose a --directory its globs leave out`);
  }
  if (joins.packageManager && userFacingName(joins.packageManager) !== named) {
    const pm = userFacingName(joins.packageManager);
    throw new InputError('packageManager', `${directory} joins the workspace at ${where}, which installs with ${pm}${joins.lockfile ? ` (${joins.lockfile})` : ''}; use ${pm} or leave --packageManager out; got ${shown(named)}`);
  }
}

export function resolveSpec(raw: RawAnswers, context: SpecContext): { spec: ServiceSpec; flags: RunFlags } {
  const answers = resolveAnswers(raw, context);
  const name = answers.name as string;
  const stack = answers.stack as string;
  const named = answers.packageManager as string;
  if (!isStackId(stack) || !isPackageManagerId(named)) throw new Error('unreachable: choices were checked');
  const appType = answers.appType as AppType;
  const mode = answers.mode as Mode;
  const directory = answers.directory as string;
  const existing = context.inspect(directory);
  if (mode === 'new' && existing.workspace) {
    throw new InputError('mode', `new would write a package over ${directory}, a member of the workspace at the root; use --mode existing to onboard it, or another --name or --directory`);
  }
  const joins = mode === 'new' && existing.joins && stackDefinition(stack).manifests.includes(existing.joins.manifest) ? existing.joins : undefined;
  if (joins) checkJoin(joins, directory, stack, named);
  // `--packageManager yarn` means the Yarn the files call for (yarn1 for a Yarn 1 project).
  const detected = mode === 'existing' ? existing.packageManager : joins?.packageManager;
  const packageManager = detected && userFacingName(detected) === named ? detected : named;
  if (mode === 'existing' && !existing.manifests.some((file) => stackDefinition(stack).manifests.includes(file))) {
    throw new InputError(
      'mode',
      `existing needs a manifest (${STACKS[stack].manifests.join(' or ')}) in ${directory}; none found, use mode new`,
    );
  }
  if (stack === 'rust' && !RUST_PACKAGE_NAME.test(name)) {
    throw new InputError('name', `a Rust package name starts with a letter and has no '.'; got ${shown(name)} (e.g. ${shown(name.replace(/^[^a-z]+/, '').replaceAll('.', '-') || 'billing-api')})`);
  }
  const workspace = mode === 'existing' ? existing.workspace : undefined;
  const base = answers.base as Base;
  const uid = policyUid(context.policy, appType, base === 'distroless');
  const deploy = deployTargets(answers.deploy, context.policy);
  if (deploy.includes('k8s') && !KUBERNETES_NAME.test(name)) {
    throw new InputError('name', `with --deploy k8s, must be a Kubernetes name: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit, at most 63 characters; got ${shown(name)}`);
  }
  const dependsOn = answers.dependsOn === undefined ? [] : [...new Set(listItems(answers.dependsOn))];
  if (dependsOn.length > 0 && !deploy.includes('compose')) {
    throw new InputError('dependsOn', `only the compose file uses it, and --deploy ${deploy.join(',') || 'none'} writes none; add compose to --deploy or drop --dependsOn`);
  }
  const spec: ServiceSpec = {
    name,
    directory,
    mode,
    stack,
    appType,
    packageManager,
    port: answers.port as number | undefined,
    healthPath: answers.healthPath as string | undefined,
    ...(raw.healthPath !== undefined && raw.healthPath !== '' ? { healthPathGiven: true } : {}),
    runtimeVersion: STACKS[stack].runtimeVersion,
    base,
    uid,
    gid: uid,
    deploy,
    dependsOn,
    ...(deploy.includes('k8s') ? { kubernetes: { registry: context.policy.deploy.registry, resources: context.policy.deploy.resources[appType] } } : {}),
    image: typeof answers.image === 'string' ? answers.image : policyImage(context.policy, name, workspace?.service.name),
    ...(workspace ? { workspace } : {}),
    ...(joins ? { joins } : {}),
  };
  const flags: RunFlags = {
    force: answers.force === true,
    dryRun: answers.dryRun === true,
    skipInstall: answers.skipInstall === true,
  };
  return { spec, flags };
}
