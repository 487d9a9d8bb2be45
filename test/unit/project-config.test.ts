import { describe, expect, it } from '@jest/globals';
import { fileFrom, planFor } from '../support/generate.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

describe('Nx project configuration', () => {
  it('creates project.json with the image targets', () => {
    const project = JSON.parse(fileFrom(planFor({ name: 'billing-api', stack: 'python' }), 'packages/billing-api/project.json'));
    expect(project.name).toBe('billing-api');
    expect(project.targets['build-image'].options.command).toBe(
      'docker build -f docker/billing-api.Dockerfile -t billing-api:latest packages/billing-api',
    );
    expect(Object.keys(project.targets)).toEqual(['build-image', 'verify-image', 'lint-dockerfile']);
    expect(project.tags).toEqual(['dockwright', 'stack:python', 'type:api']);
  });

  it('merges into the nx field of an existing package.json when there is no project.json', () => {
    const manifest = { name: 'api', main: 'index.js', nx: { tags: ['team:a'], targets: { test: { command: 'node --test' } } } };
    const workspace = new MemoryWorkspace({ 'packages/api/package.json': JSON.stringify(manifest), 'packages/api/package-lock.json': '{}' });
    const result = planFor({ name: 'api' }, workspace);
    expect(result.changes.some((change) => change.path === 'packages/api/project.json')).toBe(false);
    const merged = JSON.parse(fileFrom(result, 'packages/api/package.json'));
    expect(merged.main).toBe('index.js');
    expect(merged.nx.tags).toEqual(['team:a', 'dockwright', 'stack:node', 'type:api']);
    expect(Object.keys(merged.nx.targets)).toEqual(['test', 'build-image', 'verify-image', 'lint-dockerfile']);
  });

  it('refuses a project.json that is not JSON, naming the file', () => {
    const workspace = new MemoryWorkspace({ 'packages/api/package.json': '{"main":"index.js"}', 'packages/api/project.json': '{ nope' });
    expect(() => planFor({ name: 'api', stack: 'node' }, workspace)).toThrow(/^packages\/api\/project.json: not a JSON object/);
  });

  it('edits a project.json with comments and trailing commas (as Nx reads it) in place, keeping every comment', () => {
    const text = '{\n  // owned by team a\n  "name": "api",\n  "targets": {\n    /* keep */ "test": { "command": "node --test" },\n  },\n}\n';
    const workspace = new MemoryWorkspace({ 'packages/api/package.json': '{"main":"index.js"}', 'packages/api/package-lock.json': '{}', 'packages/api/project.json': text });
    const merged = fileFrom(planFor({ name: 'api', stack: 'node', skipInstall: true }, workspace), 'packages/api/project.json');
    expect(merged).toContain('// owned by team a');
    expect(merged).toContain('/* keep */ "test": {');
    expect(merged).toContain('"command": "node --test"');
    expect(merged).toMatch(/"build-image": \{/);
  });

  it('refuses an nx field that is not an object instead of rewriting it', () => {
    const workspace = new MemoryWorkspace({ 'packages/api/package.json': '{"name":"api","main":"index.js","nx":["tags"]}', 'packages/api/package-lock.json': '{}' });
    expect(() => planFor({ name: 'api', stack: 'node' }, workspace)).toThrow(/^packages\/api\/package.json: its "nx" field is not an object/);
  });
});
