import { join } from 'node:path';
import { FsWorkspace } from '../../generators/src/adapters/fs-workspace.js';
import { IMAGE_NAME_MAX, imageName } from '../../generators/src/core/image-name.js';
import { detectWorkspace } from '../../generators/src/ecosystems/workspaces.js';

/**
 * Docker's reference grammar (github.com/distribution/reference, regexp.go): a repository path is
 * components joined by `/`, each `[a-z0-9]+` runs joined by `.`, `_`, `__` or a run of `-`.
 */
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REPOSITORY_PATH = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);

/** Every project name in the workspace fixtures the real tools made. */
const FIXTURE_PROJECT_NAMES = ['npm-workspaces', 'pnpm-workspace', 'yarn-workspaces', 'next-workspace', 'nx-ts', 'nx-node', 'nx-paths'].flatMap(
  (folder) => detectWorkspace(new FsWorkspace(join(import.meta.dirname, '../fixtures/workspaces', folder)), '').members.map((member) => member.name),
);

describe('imageName', () => {
  test.each([
    ['@nx-ts/api', 'nx-ts-api'],
    ['@acme/shared', 'acme-shared'],
    ['api', 'api'],
    ['Billing_API', 'billing_api'],
    ['my__svc', 'my__svc'],
    ['my.svc', 'my.svc'],
    ['a--b', 'a--b'],
    ['a..b', 'a-b'],
    ['a___b', 'a-b'],
    ['a._b', 'a-b'],
    ['@scope/with space/x', 'scope-with-space-x'],
    ['-leading-and-trailing-', 'leading-and-trailing'],
    ['über-app', 'ber-app'],
  ])('%s → %s', (project, expected) => {
    expect(imageName(project)).toBe(expected);
    expect(imageName(project)).toMatch(REPOSITORY_PATH);
  });

  test('every project name of the real workspaces gives a name Docker accepts', () => {
    expect(FIXTURE_PROJECT_NAMES.length).toBeGreaterThan(3);
    for (const project of FIXTURE_PROJECT_NAMES) expect(imageName(project)).toMatch(REPOSITORY_PATH);
  });

  test(`a long name is cut to ${IMAGE_NAME_MAX} characters (Docker allows 255 with the registry prefix), never ending on a separator`, () => {
    const name = imageName(`@scope/${'a'.repeat(IMAGE_NAME_MAX - 7)}-${'b'.repeat(40)}`);
    expect(name.length).toBeLessThanOrEqual(IMAGE_NAME_MAX);
    expect(name).toMatch(REPOSITORY_PATH);
    expect(imageName(`${'x'.repeat(IMAGE_NAME_MAX - 1)}.y`)).toBe('x'.repeat(IMAGE_NAME_MAX - 1));
  });

  test('a name with nothing to keep is refused in one line', () => {
    expect(() => imageName('@/__')).toThrow(/^image name: "@\/__" has no letter or digit to name an image after; name the image explicitly$/);
  });
});
