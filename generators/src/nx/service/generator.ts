/**
 * `nx g dockwright:service`: the Nx front end over the same core as `npx plop service`.
 *
 * answers → resolveSpec → plan(spec, Tree) → apply(changes, Tree). The Tree is the workspace
 * port both ways, so Nx's `--dry-run`, its change report and its all-or-nothing flush apply.
 *
 * Formatting: every file the core writes whole is written byte for byte as the core rendered it,
 * so `nx g` and `npx plop service` give identical files. Only the user's own files that the core
 * merged into (an existing project.json, package.json or next.config) go through Nx's
 * formatFiles, so they keep the workspace's Prettier style; when Prettier is not installed that
 * is a no-op.
 */
import type { GeneratorCallback, ProjectConfiguration, Tree } from '@nx/devkit';
import { apply, describeChanges, type ApplyOptions } from '../../core/apply.js';
import { OPTIONS, type OptionValue, type RawAnswers } from '../../core/options.js';
import type { Change } from '../../core/plan.js';
import { InputError, resolveSpec, workspaceDefaults, type ServiceSpec } from '../../core/spec.js';
import { kebab } from '../../adapters/flags.js';
import { colorFor, nextSteps, summaryBlock } from '../../adapters/run-service.js';
import { devkit } from '../devkit.js';
import { TreeWorkspace } from '../tree-workspace.js';

/** The options Nx passes (see schema.json); every option but `project` is the plop flag of the same name. */
export interface ServiceGeneratorOptions {
  readonly name?: string;
  readonly project?: string;
  readonly mode?: string;
  readonly stack?: string;
  readonly appType?: string;
  readonly packageManager?: string;
  readonly port?: number | string;
  readonly healthPath?: string;
  readonly skipInstall?: boolean;
  readonly force?: boolean;
  readonly [key: string]: OptionValue | undefined;
}

const shown = (value: unknown) => JSON.stringify(String(value));

export default async function serviceGenerator(tree: Tree, options: ServiceGeneratorOptions): Promise<GeneratorCallback> {
  const workspace = new TreeWorkspace(tree);
  const defaults = workspaceDefaults(workspace);
  const { project, ...given } = withRawNumbers(options, process.argv);
  let answers: RawAnswers = withoutUndefined(project === undefined ? given : answersForProject(tree, project, given));
  if (isInteractive()) {
    // Questions whose choices and defaults depend on earlier answers: Nx's up-front schema prompts
    // cannot ask them, so they are asked here, by the same prompt code plop uses.
    const { askMissing } = await import('../../adapters/prompts.js');
    answers = await askMissing(answers, defaults);
  }
  const resolved = resolveSpec(answers, defaults);
  const flags = resolved.flags;
  const { planService } = await import('../../adapters/plan-service.js');
  const { planned, changes } = await planService(resolved.spec, { ...flags, dryRun: process.env.NX_DRY_RUN === 'true' }, workspace);
  const spec = planned.spec;

  const applyOptions: ApplyOptions = { force: flags.force, dryRun: false };
  const projectChange = inferredProjectChange(tree, spec, changes);
  const userFiles = changes.filter((change) => change !== projectChange && change.ownership === 'merged' && change.previous !== undefined && !change.verbatim);
  const ownFiles = changes.filter((change) => change !== projectChange && !userFiles.includes(change));
  apply(userFiles, workspace, applyOptions);
  if (projectChange) updateInferredProject(tree, spec, projectChange);
  // Only the changes so far (the user's files) are in the tree when Prettier runs; with none,
  // there is nothing to format (and @nx/devkit is not loaded).
  if (userFiles.length > 0 || projectChange) await devkit().formatFiles(tree);
  apply(ownFiles, workspace, applyOptions);

  const { logger } = devkit();
  if (process.env.NX_DRY_RUN === 'true') {
    // Nx lists the files; the diffs of files that already exist are ours to show, as plop's dry run does.
    const edits = changes.filter((change) => change !== projectChange && change.previous !== undefined && change.previous !== change.content);
    if (edits.length > 0) logger.info(describeChanges(edits, flags.force));
  }
  for (const notice of planned.notices) logger.warn(`dockwright: ${notice.path}: ${notice.message}`);
  const projectName = projectNameAt(tree, spec.directory) ?? spec.name;
  return () => {
    // The same block as plop's summary: where the Dockerfile is and the three targets to run.
    logger.info(summaryBlock(spec, nextSteps(spec, true, projectName), colorFor(process.stdout), projectName).join('\n'));
  };
}

/**
 * Nx parses numbers before the schema sees them (`--port=0x50` and `--port=1e3` arrive as 80 and
 * 1000). The core checks what the user typed, as for plop and the CLI: where the command line
 * holds the raw text of an integer option, that text is the answer.
 */
export function withRawNumbers(options: ServiceGeneratorOptions, argv: readonly string[]): ServiceGeneratorOptions {
  const raw: Record<string, string> = {};
  for (const option of OPTIONS.filter((candidate) => candidate.type === 'integer')) {
    const flags = new Set([`--${option.name}`, `--${kebab(option.name)}`]);
    for (const [index, arg] of argv.entries()) {
      const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      if (!flags.has(flag)) continue;
      const value = inline ?? argv[index + 1];
      if (value !== undefined) raw[option.name] = value;
    }
  }
  return { ...options, ...raw };
}

function isInteractive(): boolean {
  return process.env.NX_INTERACTIVE === 'true' && process.env.CI !== 'true' && Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

function withoutUndefined(answers: Readonly<Record<string, OptionValue | undefined>>): RawAnswers {
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined));
}

/** `--project`: an Nx project by name or by folder, dockerized in place (mode existing). */
export function answersForProject(
  tree: Tree,
  project: string,
  given: Readonly<Record<string, OptionValue | undefined>>,
): Record<string, OptionValue | undefined> {
  const projects = devkit().getProjects(tree);
  const folder = project.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const found = projects.has(project)
    ? ([project, projects.get(project)!] as const)
    : [...projects].find(([, config]) => config.root === folder);
  if (!found) {
    throw new InputError('project', `no Nx project is named ${shown(project)} or lives in that folder; \`npx nx show projects\` lists them`);
  }
  const [name, config] = found;
  if (given.directory !== undefined && given.directory !== config.root) {
    throw new InputError('directory', `project ${name} is in ${config.root}; drop --directory or pass ${config.root}`);
  }
  if (given.mode !== undefined && given.mode !== 'existing') {
    throw new InputError('mode', `--project dockerizes an existing project; drop --mode ${String(given.mode)}`);
  }
  // The folder's name names the Dockerfile unless --name does: docker/<name>.Dockerfile.
  return { ...given, name: given.name ?? config.root.split('/').at(-1), directory: config.root, mode: 'existing' };
}

function projectNameAt(tree: Tree, root: string): string | undefined {
  return [...devkit().getProjects(tree)].find(([, config]) => config.root === root)?.[0];
}

/**
 * The one case where Nx knows more than the core: an existing package that Nx already sees as a
 * project through its package.json (a package-manager workspace member) and that has no
 * project.json. The core would create a project.json, which would rename the project to the
 * folder; Nx's way is the package.json "nx" field, written by @nx/devkit.
 */
function inferredProjectChange(tree: Tree, spec: ServiceSpec, changes: readonly Change[]): Change | undefined {
  const root = spec.directory;
  if (spec.mode !== 'existing' || !tree.exists(`${root}/package.json`)) return undefined;
  const change = changes.find((candidate) => candidate.path === `${root}/project.json` && candidate.previous === undefined);
  return change && projectNameAt(tree, root) !== undefined ? change : undefined;
}

function updateInferredProject(tree: Tree, spec: ServiceSpec, change: Change): void {
  const root = spec.directory;
  const name = projectNameAt(tree, root)!;
  const existing = devkit().getProjects(tree).get(name)!;
  const planned = JSON.parse(change.content) as Pick<ProjectConfiguration, 'tags' | 'targets'>;
  const tags = [...(existing.tags ?? [])];
  for (const tag of planned.tags ?? []) if (!tags.includes(tag)) tags.push(tag);
  devkit().updateProjectConfiguration(tree, name, { ...existing, tags, targets: { ...existing.targets, ...planned.targets } });
}
