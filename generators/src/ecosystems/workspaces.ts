/** The workspace a service path belongs to, asked of each ecosystem in turn; a self-contained package when none claims it. */
import { workspaceModel, type DetectOptions, type WorkspaceBuild, type WorkspaceEcosystem, type WorkspaceJoin, type WorkspaceModel } from '../core/workspace-model.js';
import type { WorkspaceReader } from '../core/workspace.js';
import { nodeWorkspaces } from './node/workspace.js';

const ECOSYSTEMS: readonly WorkspaceEcosystem[] = [nodeWorkspaces];

export function detectWorkspace(reader: WorkspaceReader, servicePath: string, options?: DetectOptions): WorkspaceModel {
  return claimed(reader, servicePath, options)?.model ?? workspaceModel({ root: servicePath, kind: 'none', members: [], servicePath });
}

/** How the service's image is built from its workspace's root; undefined for a package of its own (built from its own folder). */
export function workspaceBuild(reader: WorkspaceReader, servicePath: string, options?: DetectOptions): WorkspaceBuild | undefined {
  const found = claimed(reader, servicePath, options);
  if (!found || found.model.kind === 'none') return undefined;
  const { ecosystem, model } = found;
  return model.service ? ecosystem.imageBuild(reader, { ...model, service: model.service }) : undefined;
}

/** The workspace a new package in the folder (no manifest yet) joins, when a workspace's globs take the folder in. */
export function workspaceToJoin(reader: WorkspaceReader, servicePath: string): WorkspaceJoin | undefined {
  for (const ecosystem of ECOSYSTEMS) {
    const join = ecosystem.workspaceToJoin(reader, servicePath);
    if (join) return join;
  }
  return undefined;
}

function claimed(reader: WorkspaceReader, servicePath: string, options?: DetectOptions): { ecosystem: WorkspaceEcosystem; model: WorkspaceModel } | undefined {
  for (const ecosystem of ECOSYSTEMS) {
    const model = ecosystem.detectWorkspace(reader, servicePath, options);
    if (model) return { ecosystem, model };
  }
  return undefined;
}
