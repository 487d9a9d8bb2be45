/**
 * The facts a running service is deployed by (port, health path, UID/GID, writable folders, the
 * HEALTHCHECK's probe and timing), read from the TemplateContext the Dockerfile is rendered from,
 * so a manifest can never disagree with the image it runs.
 */
import type { TemplateContext } from '../context.js';
import type { AppType } from '../stacks.js';
import { IMAGE_TAG } from '../targets.js';
import type { TemplateSet } from '../templates.js';

/** Where a read-only root file system still lets the app write: always /tmp (heartbeat files live there). */
export const TMP_DIR = '/tmp';

export interface ServiceFacts {
  readonly name: string;
  readonly appType: AppType;
  /** HTTP services: the port and health path the HEALTHCHECK probes; workers have neither. */
  readonly http: { readonly port: number; readonly healthPath: string } | undefined;
  readonly uid: number;
  readonly gid: number;
  /** Folders that get a tmpfs / emptyDir: /tmp, then the stack's one writable folder. */
  readonly writableDirs: readonly string[];
  /** The HEALTHCHECK's exec array, exactly as the Dockerfile writes it. */
  readonly probe: readonly string[];
  readonly timing: TemplateContext['healthcheck'];
  /** The image build-image tags, name and tag apart: a registry prefix goes before the name only. */
  readonly image: { readonly name: string; readonly tag: string };
  readonly dockerfilePath: string;
  readonly contextPath: string;
}

export function serviceFacts(context: TemplateContext, templates: TemplateSet): ServiceFacts {
  const probe = JSON.parse(templates.partial(context.probePartial)(context)) as unknown;
  if (!Array.isArray(probe) || !probe.every((part) => typeof part === 'string')) {
    throw new Error(`unreachable: the ${context.probePartial} partial is not an exec array`);
  }
  return {
    name: context.name,
    appType: context.appType as AppType,
    http: context.port !== false && context.healthPath !== false ? { port: context.port, healthPath: context.healthPath } : undefined,
    uid: context.uid,
    gid: context.gid,
    writableDirs: [TMP_DIR, ...(context.writableDir ? [context.writableDir] : [])],
    probe,
    timing: context.healthcheck,
    image: { name: context.image, tag: IMAGE_TAG },
    dockerfilePath: context.dockerfilePath,
    contextPath: context.contextPath,
  };
}
