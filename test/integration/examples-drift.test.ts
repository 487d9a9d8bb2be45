/** The committed examples are exactly what the generator writes today: regenerate and compare. */
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runService } from '../../generators/src/adapters/run-service.js';
import { PACKAGE_MANAGERS, type PackageManagerId } from '../../generators/src/core/stacks.js';
import { EXAMPLES } from '../../scripts/examples.js';
import { REPO_ROOT, readTree, tempWorkspace } from '../support/cli.js';

describe.each(EXAMPLES)('example $name', ({ name, flags }) => {
  it('matches a fresh generation byte for byte (regenerate with `npm run examples`)', async () => {
    const workspace = tempWorkspace();
    await runService({ name, ...flags, skipInstall: true }, workspace);
    const generated = readTree(workspace);
    const committed = readTree(join(REPO_ROOT, 'packages', name));
    const lockfile = PACKAGE_MANAGERS[flags.packageManager as PackageManagerId].lockfile;
    // The package manager writes the lockfile (network); a template-made one (pip) is compared like the rest.
    const lockfileFromPackageManager = !(`packages/${name}/${lockfile}` in generated);
    const committedGenerated = Object.fromEntries(
      Object.entries(committed)
        .filter(([path]) => !(lockfileFromPackageManager && path === lockfile))
        .map(([path, content]) => [`packages/${name}/${path}`, content]),
    );
    const dockerfile = `docker/${name}.Dockerfile`;
    expect({ ...committedGenerated, [dockerfile]: readTree(join(REPO_ROOT, 'docker'))[`${name}.Dockerfile`] }).toEqual(generated);
    expect(existsSync(join(REPO_ROOT, 'packages', name, lockfile))).toBe(true);
  });
});
