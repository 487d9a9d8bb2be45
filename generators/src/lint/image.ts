/** Image references as FROM writes them: registry, repository, tag, digest, and matching by glob. */

export interface ImageRef {
  /** As written after variable expansion, e.g. `node:24-slim`. */
  readonly written: string;
  /** Registry host, `docker.io` when none is written. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `library/node`. */
  readonly repository: string;
  /** Name as written, without tag or digest, e.g. `node`. */
  readonly name: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

const DEFAULT_REGISTRY = 'docker.io';

export function parseImage(written: string): ImageRef {
  const [withTag, digest] = splitOnce(written, '@');
  const slash = withTag.lastIndexOf('/');
  const colon = withTag.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? withTag.slice(0, colon) : withTag;
  const tag = hasTag ? withTag.slice(colon + 1) : undefined;
  const [first, rest] = splitOnce(name, '/');
  const isRegistry = rest !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = isRegistry ? first : DEFAULT_REGISTRY;
  const path = isRegistry ? rest! : name;
  const repository = registry === DEFAULT_REGISTRY && !path.includes('/') ? `library/${path}` : path;
  return { written, registry, repository, name, tag, digest };
}

/** `name[:tag]` as written and in full (`docker.io/library/node:24`): what policy globs match. */
export function matchForms(image: ImageRef, withTag: boolean): string[] {
  const suffix = withTag && image.tag !== undefined ? `:${image.tag}` : '';
  return [`${image.name}${suffix}`, `${image.registry}/${image.repository}${suffix}`];
}

/** Glob where `*` matches anything, `/` and `:` included; matching is case-insensitive. */
export function globMatches(pattern: string, value: string): boolean {
  let compiled = COMPILED.get(pattern);
  if (!compiled) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    compiled = new RegExp(`^${source}$`, 'i');
    COMPILED.set(pattern, compiled);
  }
  return compiled.test(value);
}

const COMPILED = new Map<string, RegExp>();

export function matchesAny(patterns: readonly string[], values: readonly string[]): boolean {
  return patterns.some((pattern) => values.some((value) => globMatches(pattern, value)));
}

/** The reference grammar of the distribution spec: lower-case path components, a tag, a digest. */
const REFERENCE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+)?$/;

export const isValidReference = (written: string) => REFERENCE.test(written);

export const isDistroless = (image: ImageRef) => /(^|\/)distroless\//.test(`${image.registry}/${image.repository}`);
export const isScratch = (image: ImageRef) => image.name.toLowerCase() === 'scratch';

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * Windows base images: mcr.microsoft.com/windows/… (servercore, nanoserver, server), and any image
 * whose tag names a Windows variant (`…-nanoserver-ltsc2022`, `windowsservercore-…`), such as the
 * mcr.microsoft.com/dotnet images and the official images' Windows tags.
 */
export function isWindows(image: ImageRef): boolean {
  const repository = image.repository.toLowerCase();
  if (image.registry === 'mcr.microsoft.com' && /^windows(\/|$)/.test(repository)) return true;
  return /(^|[-_.])(windowsservercore|servercore|nanoserver)([-_.]|$)/.test((image.tag ?? '').toLowerCase()) || /(^|\/)(windowsservercore|servercore|nanoserver)$/.test(repository);
}
