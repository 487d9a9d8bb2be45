/** How one stack's framework tells which URL paths an app serves, and how a missing one is added. */
import type { WorkspaceReader } from '../workspace.js';
import type { RouteMatching } from './route-match.js';

export interface HealthRouteFinder {
  /** The framework(s) recognised, as messages name them. */
  readonly framework: string;
  /** True when routes are the whole truth (a file-system router); false when a prefix may be unseen. */
  readonly exact: boolean;
  readonly matching?: RouteMatching;
  /** Route templates the app's source declares; none when none could be found. */
  routes(workspace: WorkspaceReader, root: string): string[];
  /**
   * A new file, rendered from a template, that serves the path without touching user code; or,
   * where the framework cannot take one, the one-line reason.
   */
  addition?(workspace: WorkspaceReader, root: string, healthPath: string): { readonly path: string; readonly template: string } | { readonly refusal: string };
}
