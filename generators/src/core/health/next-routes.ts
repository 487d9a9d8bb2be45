/**
 * Next.js routes from its file-system routers: app router `page.*` and `route.*` files (route
 * groups `(x)` and parallel slots `@x` take no URL segment, `_x` folders are private) and pages
 * router files. A missing health route can be added as a new app-router route handler, which
 * touches no user file and works beside the pages router.
 */
import type { SourceFile } from '../source-files.js';
import { sourceFiles } from '../source-files.js';
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

export const nextRoutes: HealthRouteFinder = {
  framework: 'Next.js',
  exact: true,
  routes: (workspace, root) => routesOf(sourceFiles(workspace, root, EXTENSIONS)),
  addition(workspace: WorkspaceReader, root: string, healthPath: string) {
    // The app folder sits beside pages/ (both at the root, or both in src/).
    const inSrc = workspace.exists(`${root}/src/app`) || (!workspace.exists(`${root}/app`) && workspace.exists(`${root}/src/pages`));
    const extension = workspace.exists(`${root}/tsconfig.json`) ? 'ts' : 'js';
    return { path: `${inSrc ? 'src/' : ''}app${healthPath}/route.${extension}`, template: 'nextjs/existing/health-route.ts' };
  },
};
