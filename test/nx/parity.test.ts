/**
 * The two front ends can never drift: for the same answers, `npx plop service` (node-plop running
 * the real plop generator into a folder on disk) and `nx g dockwright:service` (the Nx generator on
 * a Tree) write byte-identical files, over every stack × appType × packageManager and for
 * existing packages too.
 */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nodePlop from 'node-plop';
import { registerServiceGenerator } from '../../generators/src/adapters/plop.js';
import type { RawAnswers } from '../../generators/src/core/options.js';
import { supportedCombinations } from '../../generators/src/core/stacks.js';
import { readTree } from '../support/cli.js';
import { emptyTree, filesUnder, generate, quietLogs, removeTempDirs, tempDir } from './support.js';

beforeEach(quietLogs);
afterAll(removeTempDirs);

async function viaPlop(answers: RawAnswers, seed: Record<string, string>): Promise<Record<string, string>> {
  const dest = tempDir('dockwright-parity-plop-');
  for (const [path, content] of Object.entries(seed)) {
    mkdirSync(dirname(join(dest, path)), { recursive: true });
    writeFileSync(join(dest, path), content);
  }
  const plop = await nodePlop(undefined, { destBasePath: dest, force: false });
  registerServiceGenerator(plop);
  const result = await plop.getGenerator('service').runActions({ ...answers });
  expect(result.failures).toEqual([]);
  const all = readTree(dest);
  return Object.fromEntries(Object.entries(all).filter(([path]) => isServiceFile(path, String(answers.name))).sort(([a], [b]) => a.localeCompare(b)));
}

async function viaNx(answers: RawAnswers, seed: Record<string, string>): Promise<Record<string, string>> {
  const tree = emptyTree(seed);
  await generate(tree, { ...answers } as Record<string, string | number | boolean>);
  const name = String(answers.name);
  const files = filesUnder(tree, `packages/${name}`, `docker/${name}.Dockerfile`, `deploy/k8s/${name}`, 'compose.yaml');
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

const isServiceFile = (path: string, name: string) =>
  path.startsWith(`packages/${name}/`) || path === `docker/${name}.Dockerfile` || path.startsWith(`deploy/k8s/${name}/`) || path === 'compose.yaml';

describe('nx g dockwright:service writes what npx plop service writes', () => {
  const combinations = supportedCombinations();

  it('covers the whole stack matrix', () => {
    expect(combinations.length).toBeGreaterThanOrEqual(13);
  });

  it.each(combinations.map((combination) => [`${combination.stack} ${combination.appType} ${combination.packageManager}`, combination] as const))(
    'new %s: same files, same bytes',
    async (_label, combination) => {
      const answers: RawAnswers = { name: `svc-${combination.stack}-${combination.appType}`, ...combination, skipInstall: true };
      const [plopFiles, nxFiles] = await Promise.all([viaPlop(answers, {}), viaNx(answers, {})]);
      expect(Object.keys(nxFiles)).toEqual(Object.keys(plopFiles));
      expect(Object.keys(nxFiles)).toContain(`packages/${String(answers.name)}/project.json`);
      for (const path of Object.keys(plopFiles)) expect({ path, content: nxFiles[path] }).toEqual({ path, content: plopFiles[path] });
    },
  );

  // The lockfiles are stand-ins: skipInstall leaves their frozen-install check out of parity.
  const existing: [string, RawAnswers, Record<string, string>][] = [
    [
      'python package with its own project.json',
      { name: 'legacy-py', stack: 'python' },
      {
        'packages/legacy-py/requirements.txt': 'fastapi==0.115.0\nuvicorn==0.30.0\n',
        'packages/legacy-py/app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
        'packages/legacy-py/project.json': '{\n  "name": "legacy-py",\n  "targets": {\n    "test": { "command": "pytest" }\n  }\n}\n',
      },
    ],
    [
      'python package merged into a compose.yaml with comments and another service',
      { name: 'legacy-py', stack: 'python', dependsOn: 'db' },
      {
        'packages/legacy-py/requirements.txt': 'fastapi==0.115.0\nuvicorn==0.30.0\n',
        'packages/legacy-py/app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
        'compose.yaml': '# the team stack\nservices:\n  db:\n    image: postgres:17 # pinned\n    healthcheck:\n      test: [CMD, pg_isready]\n',
      },
    ],
    [
      'Next.js app with a next.config.mjs to merge into',
      { name: 'legacy-web', mode: 'existing', skipInstall: true },
      {
        'packages/legacy-web/package.json': '{\n  "name": "legacy-web",\n  "scripts": { "build": "next build" },\n  "dependencies": { "next": "16.0.0" }\n}\n',
        'packages/legacy-web/package-lock.json': '{}\n',
        'packages/legacy-web/next.config.mjs': 'const nextConfig = {\n  reactStrictMode: true,\n};\n\nexport default nextConfig;\n',
      },
    ],
    [
      'node package configured through the nx field of its package.json',
      { name: 'legacy-api', stack: 'node', packageManager: 'pnpm', skipInstall: true },
      {
        'packages/legacy-api/package.json': '{\n  "name": "legacy-api",\n  "main": "dist/index.js",\n  "scripts": { "build": "tsc" },\n  "nx": { "tags": ["team:core"] }\n}\n',
        'packages/legacy-api/pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      },
    ],
  ];

  it.each(existing)('existing %s: same files, same bytes', async (_label, answers, seed) => {
    const [plopFiles, nxFiles] = await Promise.all([viaPlop(answers, seed), viaNx(answers, seed)]);
    expect(Object.keys(nxFiles)).toEqual(Object.keys(plopFiles));
    for (const path of Object.keys(plopFiles)) expect({ path, content: nxFiles[path] }).toEqual({ path, content: plopFiles[path] });
    // Something was generated, not merely copied back.
    expect(Object.keys(nxFiles)).toContain(`docker/${String(answers.name)}.Dockerfile`);
  });
});
