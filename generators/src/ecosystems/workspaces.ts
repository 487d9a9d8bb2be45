/** The workspace a service path belongs to, asked of each ecosystem in turn; a self-contained package when none claims it. */
import { workspaceModel, type WorkspaceBuild, type WorkspaceEcosystem, type WorkspaceModel } from '../core/workspace-model.js';
import type { WorkspaceReader } from '../core/workspace.js';
import { nodeWorkspaces } from './node/workspace.js';

const ECOSYSTEMS: readonly WorkspaceEcosystem[] = [nodeWorkspaces];

export function detectWorkspace(reader: WorkspaceReader, servicePath: string): WorkspaceModel {
  return claimed(reader, servicePath)?.model ?? workspaceModel({ root: servicePath, kind: 'none', members: [], servicePath });
}

/** How the service's image is built from its workspace's root; undefined for a package of its own (built from its own folder). */
export function workspaceBuild(reader: WorkspaceReader, servicePath: string): WorkspaceBuild | undefined {
  const found = claimed(reader, servicePath);
  if (!found || found.model.kind === 'none') return undefined;
  const { ecosystem, model } = found;
  return model.service ? ecosystem.imageBuild(reader, { ...model, service: model.service }) : undefined;
}

function claimed(reader: WorkspaceReader, servicePath: string): { ecosystem: WorkspaceEcosystem; model: WorkspaceModel } | undefined {
  for (const ecosystem of ECOSYSTEMS) {
    const model = ecosystem.detectWorkspace(reader, servicePath);
    if (model) return { ecosystem, model };
  }
  return undefined;
}
