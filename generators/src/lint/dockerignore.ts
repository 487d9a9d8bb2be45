/**
 * .dockerignore semantics as the Docker engine applies them: one pattern a line, `#` comments,
 * `!` re-includes, `*` and `?` stay inside one path segment, `**` spans any number of them, and
 * a pattern that matches a folder excludes everything in it. The last matching pattern wins.
 */

interface IgnorePattern {
  readonly regex: RegExp;
  readonly negated: boolean;
}

export function parseDockerignore(text: string): IgnorePattern[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = clean(negated ? line.slice(1).trim() : line);
      return { regex: toRegex(pattern), negated };
    });
}

/** Whether the build context would leave `path` (context-relative) out. */
export function isExcluded(patterns: readonly IgnorePattern[], path: string): boolean {
  const candidates = parents(clean(path));
  let excluded = false;
  for (const pattern of patterns) {
    if (candidates.some((candidate) => pattern.regex.test(candidate))) excluded = !pattern.negated;
  }
  return excluded;
}

/** `a/b/c` → `a`, `a/b`, `a/b/c`. */
function parents(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

function clean(pattern: string): string {
  const parts: string[] = [];
  for (const part of pattern.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function toRegex(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      const slash = pattern[index + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = pattern.indexOf(']', index + 1);
      if (close === -1) {
        source += '\\[';
        continue;
      }
      source += `[${pattern.slice(index + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      index = close;
    } else {
      source += char.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
