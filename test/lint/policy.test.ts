/** The policy file: defaults, where it is read from, and errors that name the key. */
import { describe, expect, it } from '@jest/globals';
import { loadPolicy, POLICY_FILE } from '../../generators/src/policy/load.js';
import { DEFAULT_POLICY, policyUid } from '../../generators/src/policy/schema.js';
import { PolicyError, validatePolicy } from '../../generators/src/policy/validate.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

const withConfig = (config: unknown) => new MemoryWorkspace({ [POLICY_FILE]: JSON.stringify(config) });

describe('loadPolicy', () => {
  it('gives the defaults when there is no policy', () => {
    expect(loadPolicy(new MemoryWorkspace({ 'package.json': '{"name":"ws"}' }))).toEqual(DEFAULT_POLICY);
  });

  it('reads dockwright.config.json and fills in every key it leaves out', () => {
    const policy = loadPolicy(withConfig({ uid: { frontend: 2001 }, rules: { DW101: 'off', DW201: 'warn' } }));
    expect(policy.uid).toEqual({ ...DEFAULT_POLICY.uid, frontend: 2001 });
    expect(policy.rules).toEqual({ DW101: 'off', DW201: 'warning' });
    expect(policy.baseImages).toEqual(DEFAULT_POLICY.baseImages);
  });

  it('reads the dockwright key of the root package.json', () => {
    const workspace = new MemoryWorkspace({ 'package.json': JSON.stringify({ name: 'ws', dockwright: { distrolessUid: 70000 } }) });
    expect(loadPolicy(workspace).distrolessUid).toBe(70000);
  });

  it('refuses a policy set in both places', () => {
    const workspace = new MemoryWorkspace({ [POLICY_FILE]: '{}', 'package.json': JSON.stringify({ dockwright: {} }) });
    expect(() => loadPolicy(workspace)).toThrow('dockwright.config.json: the policy is also set in package.json#dockwright; keep one of the two');
  });

  it('accepts a $schema key for editors', () => {
    expect(loadPolicy(withConfig({ $schema: './schema.json' }))).toEqual(DEFAULT_POLICY);
  });

  it('reads an image repository pattern', () => {
    expect(loadPolicy(withConfig({ image: { repository: 'platform/{package}' } })).image).toEqual({ repository: 'platform/{package}' });
    expect(loadPolicy(withConfig({ image: { repository: 'team.{name}__svc' } })).image.repository).toBe('team.{name}__svc');
  });

  it('gives the UID for an app type, and the distroless one on distroless bases', () => {
    expect(policyUid(DEFAULT_POLICY, 'frontend')).toBe(1001);
    expect(policyUid(DEFAULT_POLICY, 'api', true)).toBe(65532);
  });
});

describe('invalid policies: one line that names the key', () => {
  it.each([
    [{ uid: { frontend: '1001' } }, 'dockwright.config.json: uid.frontend: must be a non-root numeric id, an integer from 1 to 2147483647; got "1001"'],
    [{ uid: { api: 0 } }, 'dockwright.config.json: uid.api: must be a non-root numeric id'],
    [{ uid: { admin: 1 } }, 'dockwright.config.json: uid.admin: unknown key; known keys of uid: api, worker, frontend'],
    [{ budgetsMb: { frontend: -1 } }, 'dockwright.config.json: budgetsMb.frontend: must be a number above 0; got -1'],
    [{ baseImages: { minimal: '*-slim' } }, 'dockwright.config.json: baseImages.minimal: must be an array of strings; got "*-slim"'],
    [{ baseImages: { allowedRegistries: ['ghcr.io', ''] } }, 'dockwright.config.json: baseImages.allowedRegistries[1]: must be a non-empty string; got ""'],
    [{ healthcheck: { required: 'yes' } }, 'dockwright.config.json: healthcheck.required: must be true or false; got "yes"'],
    [{ healthcheck: [] }, 'dockwright.config.json: healthcheck: must be an object; got []'],
    [{ rules: { DW999: 'off' } }, 'dockwright.config.json: rules.DW999: unknown rule; rules are DW001, DW002'],
    [{ rules: { DW101: 'fatal' } }, 'dockwright.config.json: rules.DW101: must be "off", "warning" or "error"; got "fatal"'],
    [{ image: { repository: 'platform/{team}' } }, 'dockwright.config.json: image.repository: unknown placeholder {team}; placeholders are {name}, {package}; got "platform/{team}"'],
    [{ image: { repository: 'shop-api' } }, 'dockwright.config.json: image.repository: must use {name} or {package}, else every service gets the same image; got "shop-api"'],
    [{ image: { repository: 'Platform/{name}' } }, 'dockwright.config.json: image.repository: must give an image repository name: lowercase components'],
    [{ image: { repository: 'localhost:5000/{name}' } }, 'no registry (that is deploy.registry); got "localhost:5000/{name}"'],
    [{ image: { repository: '{package}:v1' } }, 'dockwright.config.json: image.repository: must give an image repository name'],
    [{ image: { repository: '{name}/' } }, 'dockwright.config.json: image.repository: must give an image repository name'],
    [{ image: { repository: '-{name}' } }, 'dockwright.config.json: image.repository: must give an image repository name'],
    [{ image: { repository: 7 } }, 'dockwright.config.json: image.repository: must be a repository name with {name} or {package}, e.g. "platform/{package}"; got 7'],
    [{ image: { tag: 'v1' } }, 'dockwright.config.json: image.tag: unknown key; known keys of image: repository'],
    [{ budget: 1 }, 'dockwright.config.json: budget: unknown key; known keys: uid, distrolessUid, budgetsMb'],
    [[], 'dockwright.config.json: must be an object; got []'],
  ])('%j', (config, message) => {
    let error: unknown;
    try {
      loadPolicy(withConfig(config));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reports JSON that does not parse', () => {
    expect(() => loadPolicy(new MemoryWorkspace({ [POLICY_FILE]: '{ "uid": ' }))).toThrow(/^dockwright\.config\.json: not valid JSON \(/);
  });

  it('names package.json#dockwright as the source when the policy is there', () => {
    const workspace = new MemoryWorkspace({ 'package.json': JSON.stringify({ dockwright: { distrolessUid: 'x' } }) });
    expect(() => loadPolicy(workspace)).toThrow('package.json#dockwright: distrolessUid: must be a non-root numeric id');
  });

  it('validates values given directly', () => {
    expect(() => validatePolicy({ dockerignore: { mustExclude: [1] } }, 'test')).toThrow('test: dockerignore.mustExclude[0]: must be a non-empty string; got 1');
  });
});
