/**
 * The team's Dockerfile policy: what `dockwright.config.json` (or the `dockwright` key of the root
 * package.json) may hold, and the default of every key. docs/policy.md documents each key.
 */
import { STACKS, type AppType, type StackDefinition, type StackId } from '../core/stacks.js';
import type { RuleId } from '../lint/rule-ids.js';

export type RuleLevel = 'off' | 'warning' | 'error';

/** The deployment files a service can get: its entry in the root compose.yaml, deploy/k8s/<name>/. */
export const DEPLOY_TARGETS = ['compose', 'k8s'] as const;
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

/** Kubernetes quantities (`100m`, `128Mi`) a container asks for and may not exceed. */
export interface Resources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

export interface Policy {
  /** Numeric UID the final stage runs as, per app type; the GID equals it. */
  readonly uid: Readonly<Record<AppType, number>>;
  /** UID on distroless bases (their `nonroot` user). */
  readonly distrolessUid: number;
  /**
   * Image size budgets in MB, per app type, and for minimal stacks that ship one static binary
   * (Go, Rust); checked on built images by verify-image.
   */
  readonly budgetsMb: Readonly<Record<AppType | 'minimal', number>>;
  readonly baseImages: {
    /** Registries FROM may pull from (globs); "docker.io" is the registry of `node`, `python`… */
    readonly allowedRegistries: readonly string[];
    /** Images FROM may use (globs on the name as written or in full, e.g. docker.io/library/node). */
    readonly allowedImages: readonly string[];
    /** What counts as a minimal final-stage base (globs on `name:tag`, as written or in full). */
    readonly minimal: readonly string[];
  };
  readonly healthcheck: {
    /** The final stage must declare a HEALTHCHECK. */
    readonly required: boolean;
  };
  readonly dockerignore: {
    /** Paths, relative to the build context, that .dockerignore must exclude. */
    readonly mustExclude: readonly string[];
  };
  readonly deploy: {
    /** What `--deploy` writes when it is not given. */
    readonly targets: readonly DeployTarget[];
    /** Where the Kubernetes manifests pull the image from (`<registry>/<name>`); a placeholder until images are pushed by dockwright. */
    readonly registry: string;
    /** Container requests and limits, per app type. */
    readonly resources: Readonly<Record<AppType, Resources>>;
  };
  readonly image: {
    /**
     * The image repository name build-image tags, a pattern of IMAGE_PLACEHOLDERS (`{name}`, `{package}`);
     * --image overrides it for one service.
     */
    readonly repository: string;
  };
  /** Rules turned off or re-levelled, by id. */
  readonly rules: Readonly<Partial<Record<RuleId, RuleLevel>>>;
}

/** design.md §4 rules 4 and 10: the numbers the generator and the linter share. */
export const DEFAULT_POLICY: Policy = {
  uid: { api: 1000, worker: 1000, frontend: 1001 },
  distrolessUid: 65532,
  budgetsMb: { api: 500, worker: 500, frontend: 300, minimal: 100 },
  baseImages: {
    allowedRegistries: ['*'],
    allowedImages: ['*'],
    minimal: ['*-slim', '*-slim-*', '*-slim@*', '*:slim*', '*alpine*', 'scratch', '*/distroless/*', 'cgr.dev/chainguard/*'],
  },
  healthcheck: { required: true },
  dockerignore: { mustExclude: ['.git', 'node_modules', '.env', '.env.local', '.env.production', '.npmrc', '.yarnrc'] },
  deploy: {
    targets: ['compose', 'k8s'],
    registry: 'registry.example.com',
    resources: {
      api: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      worker: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      frontend: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    },
  },
  image: { repository: '{package}' },
  rules: {},
};

/** The size budget of a built image: the policy's `minimal` for static-binary stacks, else the app type's. */
export function budgetMbFor(policy: Policy, stack: StackId, appType: AppType): number {
  const definition: StackDefinition = STACKS[stack];
  return definition.minimalImage ? policy.budgetsMb.minimal : policy.budgetsMb[appType];
}

/** The UID a service of this app type runs as, on a base that is (or is not) distroless. */
export function policyUid(policy: Policy, appType: AppType, distroless = false): number {
  return distroless ? policy.distrolessUid : policy.uid[appType];
}
