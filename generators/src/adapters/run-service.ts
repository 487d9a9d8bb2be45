/** One service, end to end on disk: answers → spec → plan (+ lockfile) → apply → a report. */
import type { Notice } from '../core/context.js';
import { assertNoConflicts, describeChanges, plannedWrites, type AppliedChange } from '../core/apply.js';
import type { RawAnswers } from '../core/options.js';
import { plan } from '../core/plan.js';
import { resolveSpec, workspaceDefaults, type ServiceSpec } from '../core/spec.js';
import { FsWorkspace } from './fs-workspace.js';
import { proveDependencies } from './lockfiles.js';

export interface ServiceReport {
  readonly spec: ServiceSpec;
  readonly applied: readonly AppliedChange[];
  readonly notices: readonly Notice[];
  /** Human-readable summary: the file list (with diffs on a dry run), notices and next steps. */
  readonly text: string;
}

export async function runService(answers: RawAnswers, workspaceRoot: string): Promise<ServiceReport> {
  const workspace = new FsWorkspace(workspaceRoot);
  // Before anything reads the tree: a half-written run would change what planning sees.
  const recovered = workspace.recoverAbandonedCommit({ dryRun: answers.dryRun === true || String(answers.dryRun) === 'true' });
  const { spec, flags } = resolveSpec(answers, workspaceDefaults(workspace));
  const planned = plan(spec, workspace);
  const changes = [...planned.changes];
  // Conflicts first: nobody should wait for a package manager only to be told nothing can be written.
  assertNoConflicts(changes, flags.force, workspace);
  const lockfile = await proveDependencies(spec, changes, workspace, flags);
  if (lockfile) changes.push({ ...lockfile, previous: workspace.read(lockfile.path) });
  const { applied, writes } = plannedWrites(changes, flags.force);
  const committed = flags.dryRun ? {} : await workspace.commit(writes);
  const lines = [
    ...[recovered, committed.recovered].filter(Boolean).map((line) => `notice    ${line}`),
    flags.dryRun ? describeChanges(changes, flags.force) : applied.map(({ path, status }) => `${status.padEnd(9)} ${path}`).join('\n'),
    ...planned.notices.map((notice) => `notice    ${notice.path}: ${notice.message}`),
    flags.dryRun
      ? 'dry run: nothing was written'
      : `${spec.name}: ${spec.stack} ${spec.appType} (${spec.packageManager}) ready; build it with \`npx nx run ${spec.name}:build-image\``,
  ];
  return { spec, applied, notices: planned.notices, text: lines.join('\n') };
}
