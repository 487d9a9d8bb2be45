/**
 * plan(spec, workspace) → the complete set of file changes for one service. Pure: it reads the
 * workspace only through the port and writes nothing.
 */
import { templateContext, type Notice, type TemplateContext } from './context.js';
import { deployChanges, deployPaths } from './deploy/index.js';
import { healthRouteFor } from './health/index.js';
import { NEXT_CONFIG_FILES, STANDALONE_PROPERTY, ensureStandaloneOutput, tracingRootSetting } from './next-config.js';
import { projectConfigEdit } from './project-config.js';
import type { ServiceSpec } from './spec.js';
import { TemplateSet, type RenderedFile } from './templates.js';
import { assertSupportedSetup } from './unsupported-setup.js';
import { STACK_IDS, stackDefinition } from './stacks.js';
import { WorkspaceLayoutError } from './workspace-model.js';
import { dockerIgnorePath, dockerfilePath, type WorkspaceReader } from './workspace.js';

/**
 * owned: a file dockwright writes whole; an existing, different copy is a conflict unless forced.
 * merged: a user file dockwright edits in place (project.json, next.config, compose.yaml); a
 * conflict only where the edit replaces something the user wrote (replacesUserContent).
 */
export type Ownership = 'owned' | 'merged';

export interface Change {
  readonly path: string;
  readonly content: string;
  /** The content on disk now; undefined when the file does not exist. */
  readonly previous: string | undefined;
  readonly ownership: Ownership;
  /** A merge that replaces the user's own version of what dockwright writes (a compose service of the same name): a conflict unless forced. */
  readonly replacesUserContent?: boolean;
  /** Written byte for byte as a tool wrote it (a root lockfile its package manager re-locked): no formatter touches it. */
  readonly verbatim?: boolean;
}

export interface Plan {
  readonly spec: ServiceSpec;
  readonly changes: readonly Change[];
  readonly notices: readonly Notice[];
}

let sharedTemplates: TemplateSet | undefined;
const defaultTemplates = () => (sharedTemplates ??= new TemplateSet());

export function plan(spec: ServiceSpec, workspace: WorkspaceReader, templates: TemplateSet = defaultTemplates()): Plan {
  const root = spec.directory;
  // A file check, so before any other reading and whatever --skipInstall says (a workspace's root was checked as it was detected).
  if (spec.mode === 'existing' && !spec.workspace) assertSupportedSetup(workspace, root, spec.packageManager);
  const { context, notices } = templateContext(spec, workspace);
  const owned = (path: string, content: string): Change => ({ path, content, previous: workspace.read(path), ownership: 'owned' });
  const merged = (path: string, content: string): Change => ({ path, content, previous: workspace.read(path), ownership: 'merged' });

  const changes: Change[] = [
    ...imageBuildFiles(spec, context, templates).map(({ path, content }) => owned(path, content)),
    // Files the image needs: in every mode (static: nginx.conf), and added to existing packages
    // (Go/Rust: the dockwright-healthcheck probe, which a new skeleton does not need).
    ...[`${spec.stack}/package`, ...(spec.mode === 'existing' ? [`${spec.stack}/existing-package`] : [])]
      .flatMap((layer) => templates.folder(layer))
      .map((template) => {
        const file = template(context);
        return owned(`${root}/${file.path}`, file.content);
      }),
  ];
  if (spec.mode === 'new') {
    changes.push(...skeleton(spec, context, templates).map((file) => owned(`${root}/${file.path}`, file.content)));
  }
  const health = healthRouteFor(spec, workspace);
  if (health.addition) changes.push(owned(`${root}/${health.addition.path}`, templates.file(health.addition.template)(context).content));
  if (health.notice) notices.push(health.notice);
  const config = projectConfigEdit(spec, workspace);
  changes.push(merged(config.path, config.content));
  if (spec.stack === 'nextjs' && spec.mode === 'existing') {
    const { change, notice } = nextConfigChange(root, workspace, templates, spec.workspace?.service.path);
    if (change) changes.push(change);
    if (notice) notices.push(notice);
  }
  changes.push(...deployChanges(spec, context, workspace, templates));
  assertConfined(spec, changes);
  return { spec, changes, notices };
}

/**
 * The Dockerfile and what narrows its context: the package's .dockerignore, or for a workspace
 * member (built from the root) the Dockerfile's own ignore file, which lets in only the root
 * manifests and the packages the image needs.
 */
function imageBuildFiles(spec: ServiceSpec, context: TemplateContext, templates: TemplateSet): { path: string; content: string }[] {
  const render = (template: string) => templates.file(`${spec.stack}/${template}`)(context).content;
  if (!spec.workspace) {
    return [
      { path: dockerfilePath(spec.name), content: render('Dockerfile.hbs') },
      { path: `${spec.directory}/.dockerignore`, content: render('dockerignore.hbs') },
    ];
  }
  if (!stackDefinition(spec.stack).workspaceBuild) {
    const built = STACK_IDS.filter((id) => stackDefinition(id).workspaceBuild);
    throw new WorkspaceLayoutError(
      `${spec.directory}: is a member of the ${spec.packageManager} workspace at the root, and dockwright does not build ${spec.stack} services from a workspace yet (${built.join(' and ')} services it does); give it a lockfile of its own outside the workspace globs, or wait for ${spec.stack} support`,
    );
  }
  return [
    { path: dockerfilePath(spec.name), content: render('workspace.Dockerfile.hbs') },
    { path: dockerIgnorePath(spec.name), content: render('workspace.dockerignore.hbs') },
  ];
}

/**
 * Defence in depth behind validation: every planned path is a plain path in the service's folders
 * (its package, docker/, its deploy/k8s/<name>/), or the root compose file.
 */
function assertConfined(spec: ServiceSpec, changes: readonly Change[]): void {
  const deploy = deployPaths(spec.name);
  const folders = [`${spec.directory}/`, `${dockerfilePath(spec.name).split('/')[0]}/`, ...deploy.folders];
  for (const { path } of changes) {
    const plain = path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
    if (!plain || !(folders.some((folder) => path.startsWith(folder)) || deploy.files.includes(path))) {
      throw new Error(`refusing to plan ${JSON.stringify(path)}: dockwright writes only plain paths under ${folders.join(', ')} and ${deploy.files.join(', ')}`);
    }
  }
}

/** Skeleton layers, later ones winning: shared per package manager (a package's own settings, which a workspace member takes from its root), stack common, app type, package manager. */
function skeleton(spec: ServiceSpec, context: TemplateContext, templates: TemplateSet): RenderedFile[] {
  const layers = [
    ...(spec.joins ? [] : [`_shared/skeleton/${spec.packageManager}`]),
    `${spec.stack}/skeleton/common`,
    `${spec.stack}/skeleton/${spec.appType}`,
    `${spec.stack}/skeleton/${spec.packageManager}`,
  ];
  const files = new Map<string, RenderedFile>();
  for (const layer of layers) {
    for (const template of templates.folder(layer)) {
      const file = template(context);
      files.set(file.path, file);
    }
  }
  return [...files.values()];
}

/** `output: 'standalone'` in the app's next.config; for a workspace member (memberPath), a word on any tracing root it sets. */
function nextConfigChange(root: string, workspace: WorkspaceReader, templates: TemplateSet, memberPath?: string): { change?: Change; notice?: Notice } {
  const path = NEXT_CONFIG_FILES.map((file) => `${root}/${file}`).find((candidate) => workspace.exists(candidate));
  if (!path) {
    const created = templates.file('nextjs/existing/next.config.mjs')({});
    return { change: { path: `${root}/next.config.mjs`, content: created.content, previous: undefined, ownership: 'owned' } };
  }
  const previous = workspace.read(path)!;
  const edit = ensureStandaloneOutput(previous);
  const tracingRoot = memberPath === undefined ? undefined : tracingRootSetting(previous);
  const notice = tracingRoot && {
    path,
    message: `sets ${tracingRoot}, left as it is: the image runs .next/standalone/${memberPath}/server.js, where next build puts the server when it traces from the workspace root (as it does with ${tracingRoot} unset); remove it, or point it at the workspace root`,
  };
  if (edit.kind === 'unchanged') return notice ? { notice } : {};
  if (edit.kind === 'edited') return { change: { path, content: edit.content, previous, ownership: 'merged' }, ...(notice ? { notice } : {}) };
  return {
    notice: {
      path,
      message: `left as it is: ${edit.reason}. Add \`${STANDALONE_PROPERTY},\` to the config object it exports; the image needs .next/standalone`,
    },
  };
}
