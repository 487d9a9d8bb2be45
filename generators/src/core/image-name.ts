/** An image repository name Docker accepts, made from a project name (npm scope included: `@nx-ts/api` → `nx-ts-api`). */

/**
 * Docker allows 255 characters for a whole repository name, registry and namespace included
 * (distribution/reference NameTotalLengthMax); half of it leaves room for a push prefix.
 */
export const IMAGE_NAME_MAX = 128;

/** The separators Docker allows between alphanumerics in a path component: `.`, `_`, `__`, or a run of `-`. */
const ALLOWED_SEPARATOR = /^(?:\.|_|__|-+)$/;

export function imageName(projectName: string): string {
  const joined = projectName
    .trim()
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/[^a-z0-9]+/g, (run) => (ALLOWED_SEPARATOR.test(run) ? run : '-'));
  const name = trimSeparators(trimSeparators(joined).slice(0, IMAGE_NAME_MAX));
  if (name === '') throw new Error(`image name: "${projectName}" has no letter or digit to name an image after; name the image explicitly`);
  return name;
}

const trimSeparators = (value: string) => value.replace(/^[._-]+|[._-]+$/g, '');
