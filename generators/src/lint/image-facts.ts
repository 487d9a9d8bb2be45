/**
 * What a base image is known to contain, from its name and tag alone: distroless and scratch have
 * no shell and no HTTP client, Debian slim images and plain debian/ubuntu have neither curl nor
 * wget, Alpine and BusyBox have wget but not curl; the nginx images ship curl. Anything else is
 * unknown, and unknown is never reported as missing.
 */
import { isDistroless, isScratch, type ImageRef } from './image.js';

export interface ImageFacts {
  /** undefined: unknown. */
  readonly shell: boolean | undefined;
  readonly tools: Readonly<Record<string, boolean | undefined>>;
  /** A short description for messages, e.g. "a Debian slim image". */
  readonly kind: string | undefined;
}

const UNKNOWN: ImageFacts = { shell: undefined, tools: {}, kind: undefined };

export function imageFacts(image: ImageRef | undefined): ImageFacts {
  if (!image) return UNKNOWN;
  const name = `${image.repository}:${image.tag ?? ''}`.toLowerCase();
  if (isScratch(image) || isDistroless(image) || image.registry === 'cgr.dev') {
    const kind = isScratch(image) ? 'scratch' : 'a distroless image';
    return { shell: false, tools: { curl: false, wget: false }, kind };
  }
  if (/(^|\/)nginx(-unprivileged)?:/.test(name)) return { shell: true, tools: { curl: true }, kind: 'an nginx image' };
  if (/alpine|busybox/.test(name)) return { shell: true, tools: { curl: false, wget: true }, kind: 'an Alpine/BusyBox image' };
  if (/slim/.test(name)) return { shell: true, tools: { curl: false, wget: false }, kind: 'a Debian slim image' };
  if (/^library\/(debian|ubuntu):/.test(name)) return { shell: true, tools: { curl: false, wget: false }, kind: 'a plain Debian/Ubuntu image' };
  return UNKNOWN;
}
