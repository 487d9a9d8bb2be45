/**
 * Raw JSON → a complete Policy. Missing keys take their defaults; anything else that is wrong
 * throws a PolicyError whose one-line message names the key, what it accepts and what it got.
 */
import { expandImagePattern, IMAGE_PLACEHOLDERS, IMAGE_REPOSITORY_RULE, isImageRepository, unknownPlaceholders } from '../core/image-name.js';
import { isRuleId, RULE_IDS } from '../lint/rule-ids.js';
import { QUANTITY, quantityValue } from './quantity.js';
import { DEFAULT_POLICY, DEPLOY_TARGETS, type DeployTarget, type Policy, type Resources, type RuleLevel } from './schema.js';

export class PolicyError extends Error {
  constructor(
    readonly source: string,
    readonly key: string,
    detail: string,
  ) {
    super(`${source}: ${key ? `${key}: ` : ''}${detail}`);
    this.name = 'PolicyError';
  }
}

/** Checks one value against its default's shape; returns the value to use. */
type Validator<T> = (value: unknown, key: string, fail: Fail) => T;
type Fail = (key: string, detail: string) => never;

const shown = (value: unknown) => JSON.stringify(value) ?? String(value);
const MAX_ID = 2 ** 31 - 1;

const nonRootId: Validator<number> = (value, key, fail) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_ID
    ? (value as number)
    : fail(key, `must be a non-root numeric id, an integer from 1 to ${MAX_ID}; got ${shown(value)}`);

const positiveNumber: Validator<number> = (value, key, fail) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fail(key, `must be a number above 0; got ${shown(value)}`);

const boolean: Validator<boolean> = (value, key, fail) =>
  typeof value === 'boolean' ? value : fail(key, `must be true or false; got ${shown(value)}`);

const stringList: Validator<string[]> = (value, key, fail) => {
  if (!Array.isArray(value)) return fail(key, `must be an array of strings; got ${shown(value)}`);
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item.trim() === '') fail(`${key}[${index}]`, `must be a non-empty string; got ${shown(item)}`);
  });
  return value as string[];
};

const quantity: Validator<string> = (value, key, fail) =>
  typeof value === 'string' && QUANTITY.test(value) ? value : fail(key, `must be a Kubernetes quantity such as "100m", "1" or "128Mi"; got ${shown(value)}`);

const deployTargets: Validator<DeployTarget[]> = (value, key, fail) => {
  const list = stringList(value, key, fail);
  list.forEach((item, index) => {
    if (!(DEPLOY_TARGETS as readonly string[]).includes(item)) fail(`${key}[${index}]`, `must be one of ${DEPLOY_TARGETS.join(', ')}; got ${shown(item)}`);
  });
  return DEPLOY_TARGETS.filter((target) => list.includes(target));
};

/** A registry host with an optional port and path: what goes before `/<name>` in an image reference. */
const REGISTRY = /^[a-z0-9]+(?:[.-][a-z0-9]+)*(?::\d{1,5})?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const registry: Validator<string> = (value, key, fail) =>
  typeof value === 'string' && REGISTRY.test(value) ? value : fail(key, `must be a registry host with an optional port and path, e.g. "registry.example.com/team"; got ${shown(value)}`);

/**
 * A repository name with placeholders. A placeholder always expands to one path component, so a
 * pattern valid with one letter in each is valid for every service (up to the length, checked
 * again once expanded).
 */
const imageRepositoryPattern: Validator<string> = (value, key, fail) => {
  const placeholders = IMAGE_PLACEHOLDERS.map((placeholder) => `{${placeholder}}`);
  if (typeof value !== 'string') return fail(key, `must be a repository name with ${placeholders.join(' or ')}, e.g. "platform/{package}"; got ${shown(value)}`);
  const unknown = unknownPlaceholders(value);
  if (unknown.length > 0) fail(key, `unknown placeholder ${unknown[0]}; placeholders are ${placeholders.join(', ')}; got ${shown(value)}`);
  if (!placeholders.some((placeholder) => value.includes(placeholder))) {
    fail(key, `must use ${placeholders.join(' or ')}, else every service gets the same image; got ${shown(value)}`);
  }
  if (!isImageRepository(expandImagePattern(value, { name: 'a', package: 'a' }))) {
    fail(key, `must give ${IMAGE_REPOSITORY_RULE}, each placeholder one component, no registry (that is deploy.registry); got ${shown(value)}`);
  }
  return value;
};

/** Requests and limits; a request above its limit is one the API server refuses, so it is refused here. */
const resources = (defaults: Resources): Validator<Resources> => {
  const fields = shape<Resources>(
    {
      requests: shape<Resources['requests']>({ cpu: quantity, memory: quantity }, defaults.requests),
      limits: shape<Resources['limits']>({ cpu: quantity, memory: quantity }, defaults.limits),
    },
    defaults,
  );
  return (value, key, fail) => {
    const result = fields(value, key, fail);
    for (const resource of ['cpu', 'memory'] as const) {
      const [request, limit] = [result.requests[resource], result.limits[resource]];
      if (quantityValue(request) > quantityValue(limit)) {
        fail(`${key}.requests.${resource}`, `must not exceed ${key}.limits.${resource} (${shown(limit)}); got ${shown(request)}`);
      }
    }
    return result;
  };
};

const LEVELS: Readonly<Record<string, RuleLevel>> = { off: 'off', warning: 'warning', warn: 'warning', error: 'error' };

const ruleLevels: Validator<Partial<Record<string, RuleLevel>>> = (value, key, fail) => {
  const entries = Object.entries(record(value, key, fail));
  return Object.fromEntries(
    entries.map(([id, level]) => {
      if (!isRuleId(id)) fail(`${key}.${id}`, `unknown rule; rules are ${RULE_IDS.join(', ')}`);
      const known = typeof level === 'string' ? LEVELS[level] : undefined;
      return [id, known ?? fail(`${key}.${id}`, `must be "off", "warning" or "error"; got ${shown(level)}`)];
    }),
  );
};

function record(value: unknown, key: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(key, `must be an object; got ${shown(value)}`);
  }
  return value as Record<string, unknown>;
}

/** An object with known keys: unknown keys are errors, missing ones take the default. */
function shape<T extends object>(fields: { readonly [K in keyof T]: Validator<T[K]> }, defaults: T): Validator<T> {
  return (value, key, fail) => {
    const given = record(value, key, fail);
    const prefix = key ? `${key}.` : '';
    for (const name of Object.keys(given)) {
      if (!Object.hasOwn(fields, name) && !(key === '' && name === '$schema')) {
        fail(`${prefix}${name}`, `unknown key; known keys${key ? ` of ${key}` : ''}: ${Object.keys(fields).join(', ')}`);
      }
    }
    const result = { ...defaults };
    for (const name of Object.keys(fields) as (keyof T & string)[]) {
      if (given[name] !== undefined) result[name] = fields[name](given[name], `${prefix}${name}`, fail);
    }
    return result;
  };
}


const validatePolicyShape = shape<Policy>(
  {
    uid: shape<Policy['uid']>({ api: nonRootId, worker: nonRootId, frontend: nonRootId }, DEFAULT_POLICY.uid),
    distrolessUid: nonRootId,
    budgetsMb: shape<Policy['budgetsMb']>(
      { api: positiveNumber, worker: positiveNumber, frontend: positiveNumber, minimal: positiveNumber },
      DEFAULT_POLICY.budgetsMb,
    ),
    baseImages: shape<Policy['baseImages']>(
      { allowedRegistries: stringList, allowedImages: stringList, minimal: stringList },
      DEFAULT_POLICY.baseImages,
    ),
    healthcheck: shape<Policy['healthcheck']>({ required: boolean }, DEFAULT_POLICY.healthcheck),
    dockerignore: shape<Policy['dockerignore']>({ mustExclude: stringList }, DEFAULT_POLICY.dockerignore),
    deploy: shape<Policy['deploy']>(
      {
        targets: deployTargets,
        registry,
        resources: shape<Policy['deploy']['resources']>(
          {
            api: resources(DEFAULT_POLICY.deploy.resources.api),
            worker: resources(DEFAULT_POLICY.deploy.resources.worker),
            frontend: resources(DEFAULT_POLICY.deploy.resources.frontend),
          },
          DEFAULT_POLICY.deploy.resources,
        ),
      },
      DEFAULT_POLICY.deploy,
    ),
    image: shape<Policy['image']>({ repository: imageRepositoryPattern }, DEFAULT_POLICY.image),
    rules: ruleLevels,
  },
  DEFAULT_POLICY,
);

/** `source` names where the value came from, e.g. "dockwright.config.json", for the error message. */
export function validatePolicy(raw: unknown, source: string): Policy {
  const fail: Fail = (key, detail) => {
    throw new PolicyError(source, key, detail);
  };
  return validatePolicyShape(raw, '', fail);
}
