import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureStandaloneOutput, tracingRootSetting } from '../../generators/src/core/next-config.js';
import { fileFrom, planFor } from '../support/generate.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

const edited = (source: string) => {
  const result = ensureStandaloneOutput(source);
  if (result.kind !== 'edited') throw new Error(`expected an edit, got ${JSON.stringify(result)}`);
  return result.content;
};

describe('ensureStandaloneOutput', () => {
  it('adds the key to a typed TS config, keeping comments, imports and quotes', () => {
    const source = `import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  /* config options here */
  reactStrictMode: true,
};

export default nextConfig;
`;
    expect(edited(source)).toBe(source.replace('  reactStrictMode: true,\n', '  reactStrictMode: true,\n  output: "standalone",\n'));
  });

  it('handles `satisfies` and an object without a trailing comma', () => {
    const source = "export default {\n  poweredByHeader: false // keep me\n} satisfies import('next').NextConfig;\n";
    expect(edited(source)).toBe(
      "export default {\n  poweredByHeader: false, // keep me\n  output: 'standalone',\n} satisfies import('next').NextConfig;\n",
    );
  });

  it('handles CommonJS module.exports through a variable, after a spread', () => {
    const source = "// @ts-check\nconst base = require('./base');\nconst config = {\n  ...base,\n  images: { unoptimized: true },\n};\nmodule.exports = config;\n";
    expect(edited(source)).toBe(source.replace('  images: { unoptimized: true },\n', "  images: { unoptimized: true },\n  output: 'standalone',\n"));
  });

  it('handles one-line and empty objects', () => {
    expect(edited('module.exports = { a: 1 }\n')).toBe("module.exports = { a: 1, output: 'standalone' }\n");
    expect(edited('export default {};\n')).toBe("export default { output: 'standalone' };\n");
  });

  it('leaves a config that already has it alone', () => {
    expect(ensureStandaloneOutput("export default { output: 'standalone' };").kind).toBe('unchanged');
  });

  it.each([
    ["import withX from 'x';\nexport default withX({});\n", /not an object literal/],
    ['export default async () => ({});\n', /not an object literal/],
    ["export default { output: 'export' };\n", /sets output to 'export'/],
    ['const x = ;', /does not parse/],
    ['const config = {};\n', /no `export default`/],
  ])('reports what it cannot edit safely: %j', (source, reason) => {
    const result = ensureStandaloneOutput(source);
    expect(result.kind).toBe('unsupported');
    expect(result.kind === 'unsupported' && result.reason).toMatch(reason);
  });
});

describe('tracingRootSetting (a workspace member’s image expects the root Next.js infers)', () => {
  // create-next-app 16.4.3's config, as the next-workspace fixture has it.
  const fixture = readFileSync(join(import.meta.dirname, '../fixtures/workspaces/next-workspace/packages/web/next.config.ts'), 'utf8');

  it('finds none in the fixture’s create-next-app config', () => {
    expect(tracingRootSetting(fixture)).toBeUndefined();
  });

  it('finds outputFileTracingRoot and turbopack.root set in it, and not a turbopack without root', () => {
    const withKey = (key: string) => fixture.replace('  partialPrefetching: true,\n', `  partialPrefetching: true,\n  ${key},\n`);
    expect(tracingRootSetting(withKey('outputFileTracingRoot: __dirname'))).toBe('outputFileTracingRoot');
    expect(tracingRootSetting(withKey("'outputFileTracingRoot': path.join(__dirname, '../..')"))).toBe('outputFileTracingRoot');
    expect(tracingRootSetting(withKey('turbopack: { root: import.meta.dirname }'))).toBe('turbopack.root');
    expect(tracingRootSetting(withKey('turbopack: { rules: {} }'))).toBeUndefined();
  });

  it('says nothing of a config it cannot follow (the standalone edit reports that)', () => {
    expect(tracingRootSetting('export default withPlugin({ outputFileTracingRoot: __dirname });\n')).toBeUndefined();
  });
});

describe('plan for an existing Next.js package', () => {
  const manifest = JSON.stringify({ name: 'web', dependencies: { next: '16.0.0' } });

  it('merges into next.config.mjs and writes no skeleton, only the missing health route', () => {
    const workspace = new MemoryWorkspace({
      'packages/web/package.json': manifest,
      'packages/web/package-lock.json': '{}',
      'packages/web/next.config.mjs': 'const nextConfig = {\n  reactStrictMode: true,\n};\nexport default nextConfig;\n',
    });
    const result = planFor({ name: 'web' }, workspace);
    expect(result.spec.mode).toBe('existing');
    expect(fileFrom(result, 'packages/web/next.config.mjs')).toContain("  reactStrictMode: true,\n  output: 'standalone',\n");
    expect(result.changes.map((change) => change.path).sort()).toEqual([
      'compose.yaml',
      'deploy/k8s/web/deployment.yaml',
      'deploy/k8s/web/kustomization.yaml',
      'deploy/k8s/web/service.yaml',
      'docker/web.Dockerfile',
      'packages/web/.dockerignore',
      'packages/web/app/health/route.js',
      'packages/web/next.config.mjs',
      'packages/web/project.json',
    ]);
  });

  it('reports a config it cannot edit with the exact line to add, and leaves it untouched', () => {
    const workspace = new MemoryWorkspace({
      'packages/web/package.json': manifest,
      'packages/web/next.config.js': "module.exports = require('./wrap')({});\n",
    });
    const result = planFor({ name: 'web' }, workspace);
    expect(result.changes.some((change) => change.path.endsWith('next.config.js'))).toBe(false);
    expect(result.notices).toEqual([
      expect.objectContaining({ path: 'packages/web/next.config.js', message: expect.stringContaining("Add `output: 'standalone',`") }),
    ]);
  });

  it('creates next.config.mjs when there is none', () => {
    const workspace = new MemoryWorkspace({ 'packages/web/package.json': manifest });
    expect(fileFrom(planFor({ name: 'web' }, workspace), 'packages/web/next.config.mjs')).toContain("output: 'standalone'");
  });
});
