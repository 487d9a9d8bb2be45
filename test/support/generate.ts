import type { RawAnswers } from '../../generators/src/core/options.js';
import { plan, type Plan } from '../../generators/src/core/plan.js';
import { resolveSpec, workspaceDefaults } from '../../generators/src/core/spec.js';
import { MemoryWorkspace } from './memory-workspace.js';

/** Plans one service against an in-memory workspace, the way every front end does. */
export function planFor(answers: RawAnswers, workspace = new MemoryWorkspace()): Plan {
  const { spec } = resolveSpec(answers, workspaceDefaults(workspace));
  return plan(spec, workspace);
}

export function fileFrom(result: Plan, path: string): string {
  const change = result.changes.find((candidate) => candidate.path === path);
  if (!change) throw new Error(`no planned change for ${path}; planned: ${result.changes.map((c) => c.path).join(', ')}`);
  return change.content;
}
