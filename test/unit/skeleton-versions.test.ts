/**
 * The skeletons declare a tested set: every dependency of every skeleton, for every stack × app
 * type × package manager, at an exact version from templates/_shared/skeleton-versions.json, and
 * every pin of that file used by some skeleton.
 */
import { describe, expect, it } from '@jest/globals';
import { EXACT_VERSION, readSkeletonVersions } from '../../generators/src/core/skeleton-versions.js';
import { supportedCombinations } from '../../generators/src/core/stacks.js';
import { templatesRoot } from '../../generators/src/core/templates.js';
import { planFor } from '../support/generate.js';

const skeletons = supportedCombinations().map((combination) => {
  const files = planFor({ name: 'svc', mode: 'new', ...combination }).changes;
  return { label: `${combination.stack} ${combination.appType} ${combination.packageManager} ${combination.base}`, files };
});

/** Every declared dependency of one skeleton file as [name, version spec]. */
function declared(path: string, content: string): [string, string][] {
  if (path.endsWith('/package.json')) {
    const manifest = JSON.parse(content) as Record<string, Record<string, string> | undefined>;
    return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].flatMap((field) => Object.entries(manifest[field] ?? {}));
  }
  if (/\/requirements[^/]*\.txt$/.test(path)) {
    return content
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('-r '))
      .map((line) => {
        const [, name = line, version = ''] = /^([A-Za-z0-9._-]+)==(.*)$/.exec(line) ?? [];
        return [name, version];
      });
  }
  if (path.endsWith('/pyproject.toml')) {
    // PEP 508 strings in dependency arrays ("fastapi (==1.2.3)", "pytest==8.3.5") and poetry's `name = "1.2.3"` tables.
    const requirements = [...content.matchAll(/^\s*"([A-Za-z0-9._-]+)\s*\(?([^"]*?)\)?",?$/gm)].map(([, name, spec]) => [name!, spec!.replace(/^==/, '')] as [string, string]);
    const poetryTables = [...content.matchAll(/^\[tool\.poetry\.[^\]]*dependencies\]\n((?:[^[\n].*\n?)*)/gm)].flatMap(([, body]) =>
      [...body!.matchAll(/^([A-Za-z0-9._-]+)\s*=\s*"([^"]*)"$/gm)].map(([, name, spec]) => [name!, spec!] as [string, string]),
    );
    return [...requirements, ...poetryTables];
  }
  return [];
}

describe('skeleton dependencies', () => {
  const versions = readSkeletonVersions(templatesRoot());

  it.each(skeletons.map(({ label, files }) => [label, files] as const))('%s: every dependency pinned to an exact version', (_label, files) => {
    const loose = files.flatMap(({ path, content }) => declared(path, content).filter(([, version]) => !EXACT_VERSION.test(version)).map(([name, version]) => `${path}: ${name} ${version}`));
    expect(loose).toEqual([]);
  });

  it('declares exactly the versions of the tested set', () => {
    const used = new Map<string, string>();
    for (const { files } of skeletons) for (const { path, content } of files) for (const [name, version] of declared(path, content)) used.set(name, version);
    const pinned = { ...versions.npm, ...versions.pypi };
    for (const [name, version] of used) expect({ name, version }).toEqual({ name, version: pinned[name] });
    expect([...Object.keys(pinned)].filter((name) => !used.has(name))).toEqual([]);
  });

  it('finds a range when a skeleton declares one (the check can fail)', () => {
    expect(declared('packages/x/package.json', '{"devDependencies":{"vite":"^8.3.8"}}').filter(([, v]) => !EXACT_VERSION.test(v))).toEqual([['vite', '^8.3.8']]);
    expect(declared('packages/x/requirements.txt', 'fastapi>=0.115\n').filter(([, v]) => !EXACT_VERSION.test(v))).toHaveLength(1);
    expect(declared('packages/x/pyproject.toml', 'dependencies = [\n    "fastapi (>=0.115,<0.116)",\n]\n').filter(([, v]) => !EXACT_VERSION.test(v))).toHaveLength(1);
    expect(declared('packages/x/pyproject.toml', '[tool.poetry.group.dev.dependencies]\npytest = "^8.3"\n').filter(([, v]) => !EXACT_VERSION.test(v))).toHaveLength(1);
  });
});
