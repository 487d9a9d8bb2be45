/** The deployment files of one service (spec.deploy), as planned changes from the Dockerfile's own facts. */
import type { TemplateContext } from '../context.js';
import type { Change } from '../plan.js';
import type { ServiceSpec } from '../spec.js';
import type { TemplateSet } from '../templates.js';
import type { WorkspaceReader } from '../workspace.js';
import { COMPOSE_FILES, composeEdit } from './compose.js';
import { serviceFacts } from './facts.js';
import { kubernetesFolder, kubernetesManifests } from './kubernetes.js';

/** Where deployment files may be written: the service's own Kubernetes folder and the root compose file. */
export function deployPaths(name: string): { readonly folders: readonly string[]; readonly files: readonly string[] } {
  return { folders: [`${kubernetesFolder(name)}/`], files: COMPOSE_FILES };
}

export function deployChanges(spec: ServiceSpec, context: TemplateContext, workspace: WorkspaceReader, templates: TemplateSet): Change[] {
  if (spec.deploy.length === 0) return [];
  const facts = serviceFacts(context, templates);
  const changes: Change[] = [];
  if (spec.deploy.includes('compose')) {
    const { path, content, previous, replacesUserContent } = composeEdit(facts, spec.dependsOn, workspace);
    changes.push({ path, content, previous, ownership: 'merged', replacesUserContent });
  }
  if (spec.kubernetes) {
    changes.push(...kubernetesManifests(facts, spec.kubernetes).map((file): Change => ({ ...file, previous: workspace.read(file.path), ownership: 'owned' })));
  }
  return changes;
}
