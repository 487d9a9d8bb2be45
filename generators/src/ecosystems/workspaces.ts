/** The workspace a service path belongs to, asked of each ecosystem in turn; a self-contained package when none claims it. */
import { workspaceModel, type WorkspaceEcosystem, type WorkspaceModel } from '../core/workspace-model.js';
import type { WorkspaceReader } from '../core/workspace.js';
import { nodeWorkspaces } from './node/workspace.js';

const ECOSYSTEMS: readonly WorkspaceEcosystem[] = [nodeWorkspaces];

export function detectWorkspace(reader: WorkspaceReader, servicePath: string): WorkspaceModel {
  for (const ecosystem of ECOSYSTEMS) {
    const model = ecosystem.detectWorkspace(reader, servicePath);
    if (model) return model;
  }
  return workspaceModel({ root: servicePath, kind: 'none', members: [], servicePath });
}
