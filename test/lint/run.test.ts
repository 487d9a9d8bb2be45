/** A lint over a workspace's files: every file read first, repeated texts found, and only their models kept. */
import { describe, expect, it } from '@jest/globals';
import { modelOf } from '../../generators/src/lint/lint.js';
import { MAX_DOCKERFILE_BYTES } from '../../generators/src/lint/limits.js';
import { lintFiles, repeatedIndexes } from '../../generators/src/lint/run.js';
import { DEFAULT_POLICY } from '../../generators/src/policy/schema.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

const DOCKERFILE = 'FROM node:24-slim AS build\nRUN npm ci && npm run build\nFROM node:24-slim\nCOPY --from=build /app /app\nUSER node\nCMD ["node", "/app/server.js"]\n';
const options = { policy: DEFAULT_POLICY };

describe('repeatedIndexes', () => {
  it('names every text another one equals, the first copy too', () => {
    expect([...repeatedIndexes(['a', 'b', 'a', 'c', 'c', 'c', 'd'])].sort()).toEqual([0, 2, 3, 4, 5]);
  });

  it('names none when every text differs', () => {
    expect(repeatedIndexes(['a', 'b', 'c']).size).toBe(0);
  });
});

describe('modelOf', () => {
  it('keeps the model of a text said to come again, and builds it again for the copy of a text that is not', () => {
    const kept = `${DOCKERFILE}# kept\n`;
    expect(modelOf(kept, true)).toBe(modelOf(kept, false));
    const once = `${DOCKERFILE}# once\n`;
    expect(modelOf(once, false)).not.toBe(modelOf(once, false));
  });
});

describe('lintFiles', () => {
  it('lints equal files alike, each under its own name and with its own build context, and a third as its own text', () => {
    const workspace = new MemoryWorkspace({ 'docker/a.Dockerfile': DOCKERFILE, 'docker/b.Dockerfile': DOCKERFILE, 'docker/c.Dockerfile': DOCKERFILE.replace('USER node\n', '') });
    const [a, b, c] = lintFiles(['docker/a.Dockerfile', 'docker/b.Dockerfile', 'docker/c.Dockerfile'], workspace, options);
    expect(b!.file).toBe('docker/b.Dockerfile');
    expect(b!.findings.map((finding) => finding.ruleId)).toEqual(a!.findings.map((finding) => finding.ruleId));
    expect(b!.findings.find((finding) => finding.ruleId === 'DW901')?.message).toContain('packages/b/.dockerignore');
    expect(a!.findings.find((finding) => finding.ruleId === 'DW901')?.message).toContain('packages/a/.dockerignore');
    expect(c!.findings.map((finding) => finding.ruleId)).toContain('DW301');
    expect(a!.findings.map((finding) => finding.ruleId)).not.toContain('DW301');
  });

  it('refuses a file over the size limit before it lints any: no build context is looked at', () => {
    const workspace = new MemoryWorkspace({ 'docker/a.Dockerfile': DOCKERFILE, 'docker/big.Dockerfile': `FROM alpine:3.20\n${'#'.repeat(MAX_DOCKERFILE_BYTES)}\n` });
    const looked: string[] = [];
    const logged = { exists: (path: string) => (looked.push(path), workspace.exists(path)), read: (path: string) => (looked.push(path), workspace.read(path)), children: (path: string) => (looked.push(path), workspace.children(path)) };
    expect(() => lintFiles(['docker/a.Dockerfile', 'docker/big.Dockerfile'], logged, options)).toThrow(/^docker\/big\.Dockerfile is 1\.0 MB, over the 1\.0 MB limit/);
    expect(looked).toEqual(['docker/a.Dockerfile', 'docker/big.Dockerfile']);
  });

  it('names a file it cannot read', () => {
    expect(() => lintFiles(['docker/missing.Dockerfile'], new MemoryWorkspace(), options)).toThrow('cannot read docker/missing.Dockerfile');
  });
});
