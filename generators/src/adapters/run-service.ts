/** One service, end to end on disk: answers → spec → plan (+ lockfile) → apply → a report. */
import { createColors } from 'picocolors';
import type { Notice } from '../core/context.js';
import { describeChanges, plannedWrites, type AppliedChange } from '../core/apply.js';
import type { RawAnswers } from '../core/options.js';
import { resolveSpec, workspaceDefaults, type ServiceSpec } from '../core/spec.js';
import { kubernetesFolder } from '../core/deploy/kubernetes.js';
import { imageTag, imageTargets } from '../core/targets.js';
import { hostCommands } from '../core/stacks.js';
import { dockerfilePath } from '../core/workspace.js';
import { FsWorkspace } from './fs-workspace.js';
import { planService } from './plan-service.js';

export interface ServiceReport {
  readonly spec: ServiceSpec;
  readonly applied: readonly AppliedChange[];
  readonly notices: readonly Notice[];
  readonly dryRun: boolean;
  /** The file list (with diffs on a dry run) and the notices, one line each. */
  readonly changes: readonly string[];
  /** What to run next: the Nx targets when the workspace has nx.json, else the plain commands. */
  readonly nextSteps: readonly NextStep[];
  /** Human-readable summary, uncoloured: the changes, then the summary block (formatReport). */
  readonly text: string;
}

export interface NextStep {
  readonly label: string;
  readonly command: string;
}

export async function runService(answers: RawAnswers, workspaceRoot: string): Promise<ServiceReport> {
  const workspace = new FsWorkspace(workspaceRoot);
  // Before anything reads the tree: a half-written run would change what planning sees.
  const recovered = workspace.recoverAbandonedCommit({ dryRun: answers.dryRun === true || String(answers.dryRun) === 'true' });
  const { spec, flags } = resolveSpec(answers, workspaceDefaults(workspace));
  const { planned, changes } = await planService(spec, flags, workspace);
  const { applied, writes } = plannedWrites(changes, flags.force);
  const committed = flags.dryRun ? {} : await workspace.commit(writes);
  const lines = [
    ...[recovered, committed.recovered].filter(Boolean).map((line) => `notice    ${line}`),
    ...(flags.dryRun ? describeChanges(changes, flags.force).split('\n') : applied.map(({ path, status }) => `${status.padEnd(9)} ${path}`)),
    ...planned.notices.map((notice) => `notice    ${notice.path}: ${notice.message}`),
  ];
  const report = { spec: planned.spec, applied, notices: planned.notices, dryRun: flags.dryRun, changes: lines, nextSteps: nextSteps(planned.spec, workspace.exists('nx.json')) };
  return { ...report, text: formatReport(report, false) };
}

/**
 * The commands that build, verify and lint the new image: the Nx targets, or what they run (at a
 * shell prompt, the workspace's dockwright bin through `npx --no`, which never fetches a package
 * of that name from a registry; Nx puts the bin on its targets' PATH); then how to run it from
 * the deployment files it got.
 */
export function nextSteps(spec: ServiceSpec, nx: boolean, project = spec.name): NextStep[] {
  const targets = imageTargets(spec);
  const command = (target: keyof typeof targets) =>
    nx ? `npx nx run ${project}:${target}` : String(targets[target]!.options.command).replace(/^dockwright /, 'npx --no dockwright ');
  // A new workspace member is locked but not yet linked: the workspace's install links it to the packages it may import.
  const install = spec.joins ? hostCommands(spec.packageManager)?.frozenCheck?.fix : undefined;
  return [
    ...(install ? [{ label: 'install', command: `${install}  (at the workspace root: links ${spec.directory} to the workspace's packages)` }] : []),
    { label: 'build', command: command('build-image') },
    { label: 'verify', command: command('verify-image') },
    { label: 'lint', command: command('lint-dockerfile') },
    ...(spec.deploy.includes('compose') ? [{ label: 'compose', command: `docker compose up -d --build ${spec.name}` }] : []),
    // The kustomization pulls from the policy's registry, which dockwright does not push to (yet).
    ...(spec.kubernetes
      ? [{ label: 'k8s', command: `kubectl apply -k ${kubernetesFolder(spec.name)}  (push ${imageTag(spec)} to the policy's deploy.registry, ${spec.kubernetes.registry}, first)` }]
      : []),
  ];
}

/**
 * The summary block after the file list: the line other tools look for
 * (`<name>: <stack> <appType> (<packageManager>) ready`), where the Dockerfile is, and the next commands.
 */
export function summaryBlock(spec: ServiceSpec, steps: readonly NextStep[], color: boolean, project = spec.name): string[] {
  const c = createColors(color);
  const rows = [{ label: 'Dockerfile', command: dockerfilePath(spec.name) }, ...steps];
  const width = Math.max(...rows.map((row) => row.label.length));
  return [
    `${c.bold(project)}: ${spec.stack} ${spec.appType} (${spec.packageManager}) ${c.green('ready')} in ${spec.directory}`,
    ...rows.map(({ label, command }, index) => `  ${c.dim(label.padEnd(width))}  ${index === 0 ? command : c.cyan(command)}`),
  ];
}

type ReportParts = Pick<ServiceReport, 'spec' | 'dryRun' | 'changes' | 'nextSteps'>;

const STATUS = /^(create|overwrite|merge|unchanged|conflict|notice)( +)/;

/** The report as printed: coloured for a terminal (color true), plain otherwise. */
export function formatReport(report: ReportParts, color: boolean): string {
  const c = createColors(color);
  const paint: Record<string, (text: string) => string> = {
    create: c.green,
    overwrite: c.yellow,
    merge: c.cyan,
    unchanged: c.dim,
    conflict: c.red,
    notice: c.yellow,
  };
  const changes = report.changes.map((line) => {
    const status = STATUS.exec(line);
    if (status) return paint[status[1]!]!(status[1]!) + line.slice(status[1]!.length);
    if (!color) return line;
    if (line.startsWith('+')) return c.green(line);
    if (line.startsWith('-')) return c.red(line);
    if (line.startsWith('@@')) return c.cyan(line);
    return line;
  });
  const summary = report.dryRun ? [c.dim('dry run: nothing was written')] : ['', ...summaryBlock(report.spec, report.nextSteps, color)];
  return [...changes, ...summary].join('\n');
}

/** Whether a stream should get colours: a terminal (not TERM=dumb), unless NO_COLOR; FORCE_COLOR=1|2|3 forces them, 0 turns them off. */
export function colorFor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
