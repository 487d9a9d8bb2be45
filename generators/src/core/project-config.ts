/**
 * Where a service's Nx configuration lives and how ours is merged into it: project.json when it
 * exists (or nothing else does), otherwise the "nx" field of an existing package.json. Targets
 * we do not own are never touched.
 */
import { parseJson } from './detect.js';
import type { ServiceSpec } from './spec.js';
import { imageTargets } from './targets.js';
import { packageRoot, type WorkspaceReader } from './workspace.js';

export interface ProjectConfigEdit {
  readonly path: string;
  readonly content: string;
}

export class UnreadableConfigError extends Error {
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}; fix or remove it, then run again`);
    this.name = 'UnreadableConfigError';
  }
}

export function projectConfigEdit(spec: ServiceSpec, workspace: WorkspaceReader): ProjectConfigEdit {
  const root = packageRoot(spec.name);
  const projectJsonPath = `${root}/project.json`;
  const packageJsonPath = `${root}/package.json`;
  const projectJson = workspace.read(projectJsonPath);
  if (projectJson !== undefined) {
    return { path: projectJsonPath, content: serialize(withOurTargets(readObject(projectJsonPath, projectJson), spec, true)) };
  }
  const packageJson = spec.mode === 'existing' ? workspace.read(packageJsonPath) : undefined;
  const manifest = packageJson === undefined ? undefined : readObject(packageJsonPath, packageJson);
  if (manifest && typeof manifest.nx === 'object' && manifest.nx !== null) {
    const nx = withOurTargets(manifest.nx as Record<string, unknown>, spec, false);
    return { path: packageJsonPath, content: serialize({ ...manifest, nx }) };
  }
  return { path: projectJsonPath, content: serialize(withOurTargets({}, spec, true)) };
}

function withOurTargets(config: Record<string, unknown>, spec: ServiceSpec, standalone: boolean): Record<string, unknown> {
  const root = packageRoot(spec.name);
  const header = standalone
    ? {
        name: config.name ?? spec.name,
        $schema: config.$schema ?? '../../node_modules/nx/schemas/project-schema.json',
        projectType: config.projectType ?? 'application',
        sourceRoot: config.sourceRoot ?? root,
      }
    : {};
  const tags = Array.isArray(config.tags) ? config.tags : [];
  const ourTags = ['dockwright', `stack:${spec.stack}`, `type:${spec.appType}`].filter((tag) => !tags.includes(tag));
  const targets = typeof config.targets === 'object' && config.targets !== null ? config.targets : {};
  return { ...header, ...config, tags: [...tags, ...ourTags], targets: { ...targets, ...imageTargets(spec) } };
}

function readObject(path: string, text: string): Record<string, unknown> {
  const parsed = parseJson(text);
  if (!parsed) throw new UnreadableConfigError(path, 'not a JSON object');
  return parsed;
}

const serialize = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
