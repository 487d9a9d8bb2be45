import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contextBytes } from '../../bench/monorepo/builds.js';
import { dependencySteps, runSteps } from '../e2e/support/workspace.js';

const log = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/buildkit', name), 'utf8');

describe('BuildKit plain logs (Docker 20.10)', () => {
  test('the build context is the "load build context" step, not the .dockerignore load', () => {
    expect(contextBytes(log('turbo-reference-cold.log'))).toBe(6050);
    expect(contextBytes(log('turbo-reference-rebuild.log'))).toBe(1280);
  });

  test('a log without a build context step is an error, not zero bytes', () => {
    expect(() => contextBytes('#1 [internal] load .dockerignore\n#1 transferring context: 2B done\n')).toThrow(/no "transferring context"/);
  });

  test('each install step once, with whether it was CACHED', () => {
    expect(runSteps(log('turbo-reference-cold.log'), 'installer')).toEqual([{ step: 'npm ci', cached: false }]);
    expect(runSteps(log('turbo-reference-rebuild.log'), 'installer')).toEqual([{ step: 'npm ci', cached: true }]);
    expect(dependencySteps(log('turbo-reference-cold.log'))).toEqual([]);
  });
});
