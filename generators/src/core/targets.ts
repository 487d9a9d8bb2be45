/**
 * The Nx targets dockwright owns on every service project. They call the workspace's own
 * `dockwright` bin, which nx:run-commands finds on node_modules/.bin: never `npx dockwright`,
 * which would fetch whatever package of that name a registry serves where it is not installed.
 */
import type { ServiceSpec } from './spec.js';
import { stackDefinition } from './stacks.js';
import { posix } from 'node:path';
import { dockerfilePath, packageRoot } from './workspace.js';

export interface TargetConfiguration {
  readonly executor: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly metadata?: { readonly description: string };
  readonly dependsOn?: readonly string[];
  readonly cache?: boolean;
}

/** The tag build-image gives the image, which the deployment files run. */
export const IMAGE_TAG = 'latest';
export const imageTag = (service: Pick<ServiceSpec, 'image'>) => `${service.image}:${IMAGE_TAG}`;
/** The build context: a workspace member's is the workspace root (its Dockerfile's own ignore file narrows it), else the package. */
export const buildContext = (spec: Pick<ServiceSpec, 'directory' | 'workspace'>) => (spec.workspace ? '.' : spec.directory);

/** Where the app runs in its image: /app, or for a workspace member its path under /app (the image mirrors the workspace). */
const APP_DIR = '/app';

/** The one folder the app writes to at run time: the stack's, moved under the member's path for a workspace member. */
export function writableDir(spec: Pick<ServiceSpec, 'stack' | 'workspace'>): string | undefined {
  const folder = stackDefinition(spec.stack).writableDir;
  if (!folder || !spec.workspace) return folder;
  return posix.join(APP_DIR, spec.workspace.service.path, posix.relative(APP_DIR, folder));
}

export function imageTargets(spec: ServiceSpec): Record<string, TargetConfiguration> {
  const dockerfile = dockerfilePath(spec.name);
  const writable = writableDir(spec);
  return {
    'build-image': {
      executor: 'nx:run-commands',
      options: {
        command: `docker build -f ${dockerfile} -t ${imageTag(spec)} ${buildContext(spec)}`,
        env: { DOCKER_BUILDKIT: '1' },
      },
      metadata: { description: `Build the ${imageTag(spec)} image from ${dockerfile}` },
    },
    'verify-image': {
      executor: 'nx:run-commands',
      options: {
        command: [
          `dockwright verify-image ${imageTag(spec)} --app-type ${spec.appType} --stack ${spec.stack} --base ${spec.base}`,
          ...(spec.port ? [`--port ${spec.port}`] : []),
          ...(spec.healthPath ? [`--health-path ${spec.healthPath}`] : []),
          ...(writable ? [`--writable ${writable}`] : []),
        ].join(' '),
      },
      metadata: { description: 'Check the built image: size budget, numeric non-root user, healthy when run hardened, no build tools' },
      dependsOn: ['build-image'],
    },
    'lint-dockerfile': {
      executor: 'nx:run-commands',
      // Lint takes docker/<name>.Dockerfile to build packages/<name>; any other context is named.
      options: {
        command: [`dockwright lint ${dockerfile} --app-type ${spec.appType}`, ...(buildContext(spec) === packageRoot(spec.name) ? [] : [`--context ${buildContext(spec)}`])].join(' '),
      },
      metadata: { description: `Lint ${dockerfile} against the workspace's Dockerfile policy` },
    },
  };
}
