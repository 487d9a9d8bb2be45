/**
 * Does a route template serve a URL path? Templates come from many routers: `:id` (Express,
 * Fastify, Koa, Hono), `{id}` (FastAPI, Starlette, Go 1.22), `<id>` (Flask), `[id]` (Next.js) take
 * one segment; `*`, `{path:path}`, `{id...}`, `[...slug]`, `[[...slug]]` take the rest.
 */
const ONE_SEGMENT = /^(?::[A-Za-z_]\w*\??|\{[A-Za-z_]\w*(?::[^}]*)?\}|<(?:\w+:)?\w+>|\[[^.\]][^\]]*\])$/;
const REST_OF_PATH = /^(?:\*|\*\*|\(\.\*\)|\{[A-Za-z_]\w*:path\}|\{[A-Za-z_]\w*\.\.\.\}|<path:\w+>|\[\.\.\.[^\]]+\]|\[\[\.\.\.[^\]]+\]\])$/;

const segmentsOf = (path: string) => path.split('/').filter((segment) => segment !== '');

/** True when the template matches the whole path (a trailing slash makes no difference). */
export function routeServes(template: string, path: string): boolean {
  const wanted = segmentsOf(path);
  const pattern = segmentsOf(template);
  for (const [index, segment] of pattern.entries()) {
    if (REST_OF_PATH.test(segment)) return true;
    const part = wanted[index];
    if (part === undefined) return false;
    if (!ONE_SEGMENT.test(segment) && segment !== part) return false;
  }
  return pattern.length === wanted.length;
}

/**
 * A registration may sit under a prefix we cannot see (a mounted router, APIRouter(prefix=…), a
 * global prefix): the path is served when the template matches the path or a tail of it.
 */
export function routeServesUnderSomePrefix(template: string, path: string): boolean {
  const wanted = segmentsOf(path);
  if (segmentsOf(template).length === 0) return wanted.length === 0;
  return wanted.some((_, start) => routeServes(template, `/${wanted.slice(start).join('/')}`));
}
