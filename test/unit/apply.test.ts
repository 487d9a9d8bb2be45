import { describe, expect, it } from '@jest/globals';
import { ConflictError, apply, describeChanges } from '../../generators/src/core/apply.js';
import { plan } from '../../generators/src/core/plan.js';
import { resolveSpec, workspaceDefaults } from '../../generators/src/core/spec.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

function planIn(workspace: MemoryWorkspace, answers: Record<string, string> = { name: 'svc', stack: 'node' }) {
  const { spec } = resolveSpec(answers, workspaceDefaults(workspace));
  return plan(spec, workspace).changes;
}

describe('apply', () => {
  it('writes every planned file into an empty workspace', () => {
    const workspace = new MemoryWorkspace();
    const applied = apply(planIn(workspace), workspace, { force: false, dryRun: false });
    expect(applied.every(({ status }) => status === 'create')).toBe(true);
    expect(Object.keys(workspace.snapshot())).toEqual(expect.arrayContaining(['docker/svc.Dockerfile', 'packages/svc/project.json']));
  });

  it('lists every conflicting path and writes nothing', () => {
    const workspace = new MemoryWorkspace({
      'docker/svc.Dockerfile': 'FROM scratch\n',
      'packages/svc/.dockerignore': 'mine\n',
      'packages/svc/src/server.js': 'mine\n',
    });
    const before = workspace.snapshot();
    const changes = planIn(workspace, { name: 'svc', stack: 'node', mode: 'new' });
    expect(() => apply(changes, workspace, { force: false, dryRun: false })).toThrow(ConflictError);
    try {
      apply(changes, workspace, { force: false, dryRun: false });
    } catch (error) {
      expect((error as ConflictError).paths).toEqual(['docker/svc.Dockerfile', 'packages/svc/.dockerignore', 'packages/svc/src/server.js']);
    }
    expect(workspace.snapshot()).toEqual(before);
    expect(workspace.writes).toBe(0);
  });

  it('overwrites owned files with force but merges project.json, keeping foreign targets', () => {
    const project = { name: 'svc', targets: { test: { executor: 'nx:run-commands', options: { command: 'node --test' } } } };
    const workspace = new MemoryWorkspace({
      'docker/svc.Dockerfile': 'FROM scratch\n',
      'packages/svc/project.json': JSON.stringify(project),
    });
    const changes = planIn(workspace, { name: 'svc', stack: 'node', mode: 'new' });
    const applied = apply(changes, workspace, { force: true, dryRun: false });
    expect(applied.find(({ path }) => path === 'docker/svc.Dockerfile')?.status).toBe('overwrite');
    expect(applied.find(({ path }) => path === 'packages/svc/project.json')?.status).toBe('merge');
    const merged = JSON.parse(workspace.read('packages/svc/project.json')!);
    expect(Object.keys(merged.targets)).toEqual(['test', 'build-image', 'verify-image', 'lint-dockerfile']);
    expect(merged.targets.test).toEqual(project.targets.test);
  });

  it('treats identical files as unchanged, not as conflicts', () => {
    const workspace = new MemoryWorkspace();
    apply(planIn(workspace), workspace, { force: false, dryRun: false });
    const again = planIn(workspace, { name: 'svc', stack: 'node', mode: 'new' });
    expect(apply(again, workspace, { force: false, dryRun: false }).every(({ status }) => status === 'unchanged')).toBe(true);
  });

  it('writes nothing on a dry run and describes merges as diffs', () => {
    const workspace = new MemoryWorkspace({ 'packages/svc/project.json': '{"name":"svc","targets":{}}\n' });
    const changes = planIn(workspace, { name: 'svc', stack: 'node', mode: 'new' });
    apply(changes, workspace, { force: false, dryRun: true });
    expect(workspace.writes).toBe(0);
    const text = describeChanges(changes, false);
    expect(text).toContain('create    docker/svc.Dockerfile');
    expect(text).toContain('merge     packages/svc/project.json');
    expect(text).toMatch(/^\+\s+"build-image": \{$/m);
  });
});
