/**
 * Next.js routes from its file-system routers: app router `page.*` and `route.*` files (route
 * groups `(x)` and parallel slots `@x` take no URL segment, `_x` folders are private) and pages
 * router files. A missing health route can be added as a new app-router route handler, which
 * touches no user file and works beside the pages router.
 */
import { parseJson } from '../detect.js';
import { NEXT_CONFIG_FILES } from '../next-config.js';
import { sourceFiles, type SourceFile } from '../source-files.js';
import type { WorkspaceReader } from '../workspace.js';
import type { HealthRouteFinder } from './finder.js';

const APP_FILE = /^(?:src\/)?app\/(?:(.*)\/)?(?:page|route)\.(?:[jt]sx?|mdx?)$/;
const PAGES_FILE = /^(?:src\/)?pages\/(.*)\.(?:[jt]sx?|mdx?)$/;
const EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.md', '.mdx'];

function appRoute(folder: string | undefined): string | undefined {
  const segments = (folder ?? '').split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('_'))) return undefined;
  return `/${segments.filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith('@')).join('/')}`;
}

function pagesRoute(file: string): string | undefined {
  const segments = file.split('/');
  if (segments.length === 1 && /^_(app|document|error)$/.test(segments[0]!)) return undefined;
  if (segments.at(-1) === 'index') segments.pop();
  return `/${segments.join('/')}`;
}

function routesOf(files: readonly SourceFile[]): string[] {
  return files.flatMap(({ path }) => {
    const app = APP_FILE.exec(path);
    if (app) return [appRoute(app[1])].filter((route): route is string => route !== undefined);
    const pages = PAGES_FILE.exec(path);
    return pages ? [pagesRoute(pages[1]!)].filter((route): route is string => route !== undefined) : [];
  });
}

/** The app router's route handlers came with Next.js 13.4. */
const APP_ROUTER_SINCE = [13, 4] as const;

function nextVersion(workspace: WorkspaceReader, root: string): readonly [number, number] | undefined {
  const manifest = parseJson(workspace.read(`${root}/package.json`));
  const dependencies = { ...(manifest?.devDependencies as object), ...(manifest?.dependencies as object) } as Record<string, unknown>;
  const found = /(\d+)\.(\d+)/.exec(String(dependencies.next ?? ''));
  return found ? [Number(found[1]), Number(found[2])] : undefined;
}

/** A literal `basePath` in next.config: every route, the health route too, is served under it. */
function basePath(workspace: WorkspaceReader, root: string): string | undefined {
  for (const file of NEXT_CONFIG_FILES) {
    const found = /\bbasePath\s*:\s*['"`]([^'"`]*)['"`]/.exec(workspace.read(`${root}/${file}`) ?? '');
    if (found) return found[1];
  }
  return undefined;
}

export const nextRoutes: HealthRouteFinder = {
  framework: 'Next.js',
  exact: true,
  routes(workspace, root) {
    const prefix = basePath(workspace, root) ?? '';
    return routesOf(sourceFiles(workspace, root, EXTENSIONS)).map((route) => (prefix === '' ? route : `${prefix}${route === '/' ? '' : route}`));
  },
  addition(workspace: WorkspaceReader, root: string, healthPath: string) {
    const prefix = basePath(workspace, root) ?? '';
    if (prefix !== '' && healthPath !== prefix && !healthPath.startsWith(`${prefix}/`)) {
      return { refusal: `next.config sets basePath ${prefix}, so Next.js serves every route under it; pass --healthPath ${prefix}${healthPath}` };
    }
    const version = nextVersion(workspace, root);
    const hasAppRouter = workspace.exists(`${root}/app`) || workspace.exists(`${root}/src/app`);
    if (!hasAppRouter && version && (version[0] < APP_ROUTER_SINCE[0] || (version[0] === APP_ROUTER_SINCE[0] && version[1] < APP_ROUTER_SINCE[1]))) {
      return { refusal: `Next.js ${version.join('.')} has no app router to add a health route to; add a page at pages${healthPath}.js, or pass --healthPath with a page the app serves` };
    }
    // The app folder sits beside pages/ (both at the root, or both in src/).
    const inSrc = workspace.exists(`${root}/src/app`) || (!workspace.exists(`${root}/app`) && workspace.exists(`${root}/src/pages`));
    const extension = workspace.exists(`${root}/tsconfig.json`) ? 'ts' : 'js';
    const route = healthPath.slice(prefix.length) || '/';
    return { path: `${inSrc ? 'src/' : ''}app${route === '/' ? '' : route}/route.${extension}`, template: 'nextjs/existing/health-route.ts' };
  },
};
