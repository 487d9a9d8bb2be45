/**
 * Image repository names: the rule Docker's reference grammar sets (one place, for --image and the
 * policy's image.repository), a project name made into one (npm scope included: `@nx-ts/api` →
 * `nx-ts-api`), and the policy's pattern expanded for a service.
 */

/**
 * Docker allows 255 characters for a whole repository name, registry and namespace included
 * (distribution/reference NameTotalLengthMax); half of it leaves room for a push prefix.
 */
export const IMAGE_NAME_MAX = 128;

/** The separators Docker allows between alphanumerics in a path component: `.`, `_`, `__`, or a run of `-`. */
const ALLOWED_SEPARATOR = /^(?:\.|_|__|-+)$/;

/** A repository path as Docker's reference grammar has it, without a registry host or tag. */
const IMAGE_REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

/** What isImageRepository accepts, for error messages: "must be …". */
export const IMAGE_REPOSITORY_RULE = `an image repository name: lowercase components of a-z and 0-9 joined by '.', '_', '__' or runs of '-', separated by '/', at most ${IMAGE_NAME_MAX} characters, no tag (e.g. acme-api or team/acme-api)`;

export const isImageRepository = (value: unknown): value is string =>
  typeof value === 'string' && IMAGE_REPOSITORY.test(value) && value.length <= IMAGE_NAME_MAX;

/**
 * The placeholders of the policy's image.repository pattern: `{name}` the service name, `{package}`
 * a workspace member's package name made valid for Docker (the service name for a package of its own).
 */
export const IMAGE_PLACEHOLDERS = ['name', 'package'] as const;
export type ImagePlaceholder = (typeof IMAGE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The placeholders a pattern uses that IMAGE_PLACEHOLDERS does not have, as written (`{team}`). */
export const unknownPlaceholders = (pattern: string): string[] =>
  [...pattern.matchAll(PLACEHOLDER)].filter(([, key]) => !(IMAGE_PLACEHOLDERS as readonly string[]).includes(key!)).map(([written]) => written);

export const expandImagePattern = (pattern: string, values: Readonly<Record<ImagePlaceholder, string>>): string =>
  pattern.replace(PLACEHOLDER, (written, key: string) => (Object.hasOwn(values, key) ? values[key as ImagePlaceholder] : written));

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
