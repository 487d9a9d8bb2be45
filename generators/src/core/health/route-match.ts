/**
 * Does a registered route serve the health path? Only a literal route counts: a parameter or a
 * catch-all (`/:slug`, `{id}`, `[locale]`, `*`) may answer 404 for it, and an image that is never
 * healthy is worse than a question. A trailing slash makes no difference, except where the router
 * says a pattern ending in `/` serves the whole subtree (Go's net/http).
 */
const segmentsOf = (path: string) => path.split('/').filter((segment) => segment !== '');

export interface RouteMatching {
  /** `"/api/"` serves `/api/health` too (net/http). */
  readonly slashMeansSubtree?: boolean;
}

export function routeServes(template: string, path: string, matching: RouteMatching = {}): boolean {
  const wanted = segmentsOf(path);
  const pattern = segmentsOf(template);
  if (matching.slashMeansSubtree && template.endsWith('/')) return pattern.every((segment, index) => wanted[index] === segment);
  return pattern.length === wanted.length && pattern.every((segment, index) => wanted[index] === segment);
}

/**
 * A registration may sit under a prefix we cannot see (a mounted router, APIRouter(prefix=…), a
 * global prefix): the path is served when the route matches the path or a tail of it.
 */
export function routeServesUnderSomePrefix(template: string, path: string, matching: RouteMatching = {}): boolean {
  const wanted = segmentsOf(path);
  if (segmentsOf(template).length === 0 && !(matching.slashMeansSubtree && template.endsWith('/'))) return wanted.length === 0;
  return wanted.some((_, start) => routeServes(template, `/${wanted.slice(start).join('/')}`, matching)) || (wanted.length === 0 && routeServes(template, '/', matching));
}
