/**
 * The health endpoint an existing app must serve for its image to become healthy. Where the
 * framework makes it knowable, the app's routes are read from its source: a served path passes, a
 * missing one is added where a new file can do it (Next.js), and otherwise planning stops with one
 * line naming the routes that exist. Where no route can be found, a notice says what to check.
 */
import type { Notice } from '../context.js';
import { InputError, type ServiceSpec } from '../spec.js';
import type { StackId } from '../stacks.js';
import type { WorkspaceReader } from '../workspace.js';
import { goRoutes, javascriptRoutes, pythonRoutes, rustRoutes } from './code-routes.js';
import type { HealthRouteFinder } from './finder.js';
import { nextRoutes } from './next-routes.js';
import { routeServes, routeServesUnderSomePrefix } from './route-match.js';

/** static: the generated nginx.conf answers the health path itself. */
const FINDERS: Readonly<Record<StackId, HealthRouteFinder | undefined>> = {
  nextjs: nextRoutes,
  node: javascriptRoutes,
  python: pythonRoutes,
  go: goRoutes,
  rust: rustRoutes,
  static: undefined,
};

const MAX_ROUTES_SHOWN = 8;

export interface HealthRouteOutcome {
  /** A file to add to the package (package-relative path, template to render). */
  readonly addition?: { readonly path: string; readonly template: string };
  readonly notice?: Notice;
}

export function healthRouteFor(spec: ServiceSpec, workspace: WorkspaceReader): HealthRouteOutcome {
  const finder = FINDERS[spec.stack];
  const healthPath = spec.healthPath;
  if (spec.mode !== 'existing' || !finder || healthPath === undefined) return {};
  const root = spec.directory;
  const routes = finder.routes(workspace, root);
  const serves = finder.exact ? routeServes : routeServesUnderSomePrefix;
  if (routes.some((route) => serves(route, healthPath, finder.matching))) return {};
  const addition = finder.addition?.(workspace, root, healthPath);
  if (addition && 'path' in addition) return { addition };
  const shown = routes.slice(0, MAX_ROUTES_SHOWN).join(', ') + (routes.length > MAX_ROUTES_SHOWN ? ', …' : '');
  // The user named the path: trust it over what the source shows (a router mounted in a way we cannot read), and say so.
  if (spec.healthPathGiven || routes.length === 0) {
    const looked = routes.length === 0 ? `no route registration found (looked for ${finder.framework})` : `no registration of GET ${healthPath} found (routes found: ${shown})`;
    return { notice: { path: root, message: `${looked}; the HEALTHCHECK probes GET ${healthPath}, make sure the app serves it` } };
  }
  if (addition) throw new InputError('healthPath', addition.refusal);
  throw new InputError(
    'healthPath',
    `${root} serves no GET ${healthPath} (routes found: ${shown}); add that route to the app, or pass --healthPath with the path it serves (a route dockwright cannot see is then trusted)`,
  );
}
