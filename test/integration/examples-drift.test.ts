/** The committed examples are exactly what the generator writes today: regenerate and compare. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runService } from '../../generators/src/adapters/run-service.js';
import { PACKAGE_MANAGERS, type PackageManagerId } from '../../generators/src/core/stacks.js';
import { EXAMPLES } from '../../scripts/examples.js';
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
