/**
 * .dockerignore semantics as the Docker engine applies them, through @balena/dockerignore (a port
 * of the engine's matcher): `#` comments, `!` re-includes, `*` and `?` inside one path segment, `**`
 * across segments, a matched folder excludes its content, the last match wins; case-sensitive, as
 * on Linux.
 */
import dockerignore, { type Ignore } from '@balena/dockerignore';

/** A CommonJS module whose typings declare an ES default export: Node hands over module.exports. */
const ignore = dockerignore as unknown as typeof dockerignore.default;

export type IgnorePatterns = Ignore;

export function parseDockerignore(text: string): IgnorePatterns {
  return ignore({ ignorecase: false }).add(text.split(/\r?\n/));
}

/** Whether the build context would leave `path` (context-relative) out. */
export function isExcluded(patterns: IgnorePatterns, path: string): boolean {
  return patterns.ignores(path);
}
