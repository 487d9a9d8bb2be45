/**
 * Does a variable look like it holds a secret? By name (words such as password, token, secret,
 * or pairs such as api key, access key, private key) and by value (well-known credential formats).
 */

const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'pword', 'secret', 'secrets', 'token', 'apikey', 'credential', 'credentials', 'privatekey']);
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'auth', 'master', 'license']);
/** A last word that makes the variable a pointer to a secret, not the secret: PASSWORD_FILE, TOKEN_URL. */
const POINTER_WORDS = new Set(['file', 'path', 'dir', 'url', 'uri', 'endpoint', 'name', 'header', 'prefix', 'ttl', 'length']);

export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\-.]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

export function isSecretName(name: string): boolean {
  const parts = words(name);
  if (parts.length === 0 || parts.includes('public') || POINTER_WORDS.has(parts.at(-1)!)) return false;
  if (parts.some((word) => SECRET_WORDS.has(word))) return true;
  return parts.some((word, index) => word === 'key' && index > 0 && KEY_QUALIFIERS.has(parts[index - 1]!));
}

const VALUE_PATTERNS: readonly (readonly [string, RegExp])[] = [
  ['an AWS access key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/],
  ['a GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}/],
  ['a Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['a Stripe live key', /\b[sr]k_live_[A-Za-z0-9]{16,}/],
  ['an npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['a Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['a URL with a password', /[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:(?!\$)[^\s@/]+@/i],
];

/** What the value looks like, when it looks like a credential. */
export function secretValueKind(value: string): string | undefined {
  return VALUE_PATTERNS.find(([, pattern]) => pattern.test(value))?.[0];
}
