/**
 * One service's plan with the lockfile its image installs from, for every front end: a new
 * package's own lockfile, an existing one's check, or, for a new workspace member, the root
 * lockfile re-locked with it (after which the member's files are planned as built from the root).
 */
import { assertNoConflicts } from '../core/apply.js';
import { plan, type Change, type Plan } from '../core/plan.js';
import type { RunFlags, ServiceSpec } from '../core/spec.js';
import type { WorkspaceReader } from '../core/workspace.js';
import { proveDependencies } from './lockfiles.js';
import { joinWorkspace } from './workspace-lock.js';

export async function planService(spec: ServiceSpec, flags: RunFlags, workspace: WorkspaceReader): Promise<{ planned: Plan; changes: Change[] }> {
  const first = plan(spec, workspace);
  // Conflicts first: nobody should wait for a package manager only to be told nothing can be written.
  assertNoConflicts(first.changes, flags.force, workspace);
  if (spec.joins) {
    const joined = await joinWorkspace(spec, spec.joins, first.changes, workspace, flags);
    const planned = plan(joined.spec, workspace);
    assertNoConflicts(planned.changes, flags.force, workspace);
    return { planned: { ...planned, notices: [...planned.notices, ...joined.notices] }, changes: [...planned.changes, ...(joined.lockfile ? [joined.lockfile] : [])] };
  }
  const lockfile = await proveDependencies(spec, first.changes, workspace, flags);
  return { planned: first, changes: [...first.changes, ...(lockfile ? [{ ...lockfile, previous: workspace.read(lockfile.path) }] : [])] };
}
