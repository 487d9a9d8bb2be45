/** The committed examples are exactly what the generator writes today: regenerate and compare. */
import { describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runService } from '../../generators/src/adapters/run-service.js';
import { PACKAGE_MANAGERS, type PackageManagerId } from '../../generators/src/core/stacks.js';
import { EXAMPLES, WORKSPACE_EXAMPLES } from '../../scripts/examples.js';
import { REPO_ROOT, readTree, tempWorkspace } from '../support/cli.js';

/** Committed files under a folder of the repository, by workspace path. */
const committedUnder = (folder: string) =>
  existsSync(join(REPO_ROOT, folder)) ? Object.fromEntries(Object.entries(readTree(join(REPO_ROOT, folder))).map(([path, content]) => [`${folder}/${path}`, content])) : {};

describe.each(EXAMPLES)('example $name', ({ name, flags }) => {
  it('matches a fresh generation byte for byte (regenerate with `npm run examples`)', async () => {
    const workspace = tempWorkspace();
    await runService({ name, ...flags, skipInstall: true }, workspace);
    // The compose file of one service alone is not the committed one, which holds every example: checked below.
    const { 'compose.yaml': _alone, ...generated } = readTree(workspace);
    const lockfile = PACKAGE_MANAGERS[flags.packageManager as PackageManagerId].lockfile;
    // The package manager writes the lockfile (network); a template-made one (pip) is compared like the rest.
    const lockfileFromPackageManager = !(`packages/${name}/${lockfile}` in generated);
    const committedPackage = Object.fromEntries(
      Object.entries(committedUnder(`packages/${name}`)).filter(([path]) => !(lockfileFromPackageManager && path === `packages/${name}/${lockfile}`)),
    );
    const dockerfile = `docker/${name}.Dockerfile`;
    expect({
      ...committedPackage,
      [dockerfile]: readTree(join(REPO_ROOT, 'docker'))[`${name}.Dockerfile`],
      ...committedUnder(`deploy/k8s/${name}`),
    }).toEqual(generated);
    expect(existsSync(join(REPO_ROOT, 'packages', name, lockfile))).toBe(true);
  });
});

describe('the examples compose.yaml', () => {
  it('is every example merged in order, as `npm run examples` writes it', async () => {
    const workspace = tempWorkspace();
    for (const { name, flags } of EXAMPLES) await runService({ name, ...flags, skipInstall: true }, workspace);
    expect(readFileSync(join(REPO_ROOT, 'compose.yaml'), 'utf8')).toBe(readFileSync(join(workspace, 'compose.yaml'), 'utf8'));
  });
});

/** The committed files of a workspace example; its node_modules (git-ignored, from a local `npm install`) is not. */
const committedWorkspace = (root: string) =>
  Object.fromEntries(Object.entries(readTree(join(REPO_ROOT, root))).filter(([path]) => !path.split('/').includes('node_modules')));

describe.each(WORKSPACE_EXAMPLES)('workspace example $root', ({ root, name, flags, sources }) => {
  const committed = committedWorkspace(root);

  it('holds every hand-written source it names', () => {
    for (const source of sources) expect(Object.keys(committed)).toContain(source);
  });

  it('is its sources plus exactly what mode existing generates for the member (regenerate with `npm run examples`)', async () => {
    const workspace = tempWorkspace();
    for (const source of sources) cpSync(join(REPO_ROOT, root, source), join(workspace, source), { recursive: true });
    const report = await runService({ name, ...flags, skipInstall: true }, workspace);
    // Read as a member of the workspace at the root, with the internal package it imports.
    expect(report.spec.workspace?.internal.length).toBeGreaterThan(0);
    expect(readTree(workspace)).toEqual(committed);
  });
});
