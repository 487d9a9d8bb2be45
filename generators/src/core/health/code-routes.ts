/**
 * Routes that an app registers in code: the path literals of the GET-capable registrations of
 * the frameworks each language's apps use, read from the package's own source files. A literal
 * is what the code says; a router mounted under a prefix is matched by its tail (route-match.ts).
 */
import { sourceFiles, type SourceFile } from '../source-files.js';
import type { WorkspaceReader } from '../workspace.js';
import type { HealthRouteFinder } from './finder.js';
import type { RouteMatching } from './route-match.js';

interface RouteSyntax {
  readonly framework: string;
  readonly extensions: readonly string[];
  /** Each has a named group `path`: the route template of one GET-capable registration. */
  readonly registrations: readonly RegExp[];
  /**
   * Class-based routers (NestJS): a file's `prefix` (a controller path) goes before every route
   * the `prefixed` patterns find in that file.
   */
  readonly prefixed?: { readonly prefix: RegExp; readonly routes: RegExp };
  readonly matching?: RouteMatching;
}

const QUOTED = (name: string) => String.raw`(?<q>['"\x60])(?<${name}>[^'"\x60\s]*)\k<q>`;
/** `'GET'`, `'*'`, or an array holding one of them (`['HEAD', 'GET']`). */
const GET_METHOD = String.raw`(?:['"](?:GET|\*)['"]|\[[^\]]*['"](?:GET|\*)['"][^\]]*\])`;

const JAVASCRIPT: RouteSyntax = {
  framework: 'Express, Fastify, Koa, Hono, hapi or NestJS',
  extensions: ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'],
  registrations: [
    // app.get('/x', …), router.all('/x', …), fastify.get('/x', …), app.route('/x').get(…)
    new RegExp(String.raw`\.(?:get|all)\(\s*${QUOTED('path')}`, 'g'),
    new RegExp(String.raw`\.route\(\s*${QUOTED('path')}\s*\)\s*\.(?:get|all)\(`, 'g'),
    // fastify.route({ method: 'GET', url: '/x' }), server.route({ method: 'GET', path: '/x' }), either order
    new RegExp(String.raw`\bmethod\s*:\s*${GET_METHOD}[^{}]*?\b(?:url|path)\s*:\s*${QUOTED('path')}`, 'g'),
    new RegExp(String.raw`\b(?:url|path)\s*:\s*${QUOTED('path')}[^{}]*?\bmethod\s*:\s*${GET_METHOD}`, 'g'),
  ],
  prefixed: {
    prefix: new RegExp(String.raw`@Controller\(\s*(?:\{[^}]*?\bpath\s*:\s*)?(?:${QUOTED('path')})?`),
    routes: new RegExp(String.raw`@(?:Get|All)\(\s*(?:${QUOTED('path')})?\s*\)`, 'g'),
  },
};

const PYTHON: RouteSyntax = {
  framework: 'FastAPI, Starlette, Flask, Quart, Sanic or Litestar',
  extensions: ['.py'],
  registrations: [
    // @app.get("/x"), @router.api_route("/x"), @app.route("/x") (Flask, Quart, Sanic), @get("/x") (Litestar);
    // a `methods=[…]` without GET is not a GET route.
    /@(?:\w+\.)*(?:get|route|api_route)\(\s*(?:path\s*=\s*)?[rbuf]?(?<q>['"])(?<path>[^'"\s]*)\k<q>(?![^)\n]*\bmethods\s*=\s*[[(](?![^\])\n]*['"]GET['"]))/g,
    // Starlette Route("/x", endpoint)
    /\bRoute\(\s*(?<q>['"])(?<path>[^'"\s]*)\k<q>/g,
  ],
};

const GO: RouteSyntax = {
  framework: 'net/http, chi, gin, echo or gorilla/mux',
  extensions: ['.go'],
  // mux.HandleFunc("GET /x", …) (Go 1.22 patterns), http.Handle("/x", …), r.GET("/x", …), r.Get("/x", …)
  registrations: [/\.(?:HandleFunc|Handle|GET|Get|Any)\(\s*"(?:(?:GET|HEAD) +)?(?<path>\/[^"\s]*)"/g],
  // A net/http pattern ending in `/` serves its whole subtree (`"/"` serves every path).
  matching: { slashMeansSubtree: true },
};

const RUST: RouteSyntax = {
  framework: 'axum, actix-web or Rocket',
  extensions: ['.rs'],
  registrations: [
    // axum .route("/x", get(…)), actix web::resource("/x"), #[get("/x")] (actix-web, Rocket)
    /\.route\(\s*"(?<path>\/[^"\s]*)"\s*,\s*(?:\w+::)*get\b/g,
    /\bresource\(\s*"(?<path>\/[^"\s]*)"/g,
    /#\[get\(\s*"(?<path>\/[^"\s]*)"/g,
  ],
};

function routesOf(files: readonly SourceFile[], syntax: RouteSyntax): string[] {
  const routes = new Set<string>();
  for (const { content } of files) {
    for (const pattern of syntax.registrations) {
      for (const match of content.matchAll(pattern)) if (match.groups?.path?.startsWith('/')) routes.add(match.groups.path);
    }
    const controller = syntax.prefixed?.prefix.exec(content);
    if (controller && syntax.prefixed) {
      const prefix = controller.groups?.path ?? '';
      for (const match of content.matchAll(syntax.prefixed.routes)) routes.add(joinRoute(prefix, match.groups?.path ?? ''));
    }
  }
  return [...routes].sort();
}

const joinRoute = (...parts: string[]) => `/${parts.flatMap((part) => part.split('/')).filter((segment) => segment !== '').join('/')}`;

function codeRoutes(syntax: RouteSyntax): HealthRouteFinder {
  return {
    framework: syntax.framework,
    exact: false,
    ...(syntax.matching ? { matching: syntax.matching } : {}),
    routes: (workspace: WorkspaceReader, root: string) => routesOf(sourceFiles(workspace, root, syntax.extensions), syntax),
  };
}

export const javascriptRoutes = codeRoutes(JAVASCRIPT);
export const pythonRoutes = codeRoutes(PYTHON);
export const goRoutes = codeRoutes(GO);
export const rustRoutes = codeRoutes(RUST);
