import { describe, expect, it } from '@jest/globals';
import { ensureStandaloneOutput } from '../../generators/src/core/next-config.js';
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
