/**
 * schema.json for `nx g dockwright:service`, derived from the one option table (core/options.ts):
 * the names, types, choices and help text are the plop front end's. scripts/generate-nx-schema.ts
 * writes it; test/nx/schema.test.ts fails when the committed file and the table disagree.
 *
 * What Nx expresses differently:
 * - `dryRun` is left out: `nx g --dry-run` is Nx's own flag (the Tree is simply not flushed).
 * - Defaults that depend on other answers or on the workspace (appType, packageManager, port,
 *   healthPath, mode, a detected stack) are not schema defaults: a static default would be wrong
 *   for some stack (e.g. appType api for nextjs). The core fills them, exactly as for plop.
 * - x-prompt only where a schema prompt can ask the plop question as it is: `stack` (fixed
 *   choices, always asked). The other questions have choices or defaults that depend on earlier
 *   answers, which Nx's up-front prompts cannot express; the generator asks those itself, with the
 *   plop prompts, when Nx runs interactively.
 * - `project` is Nx-only: an existing Nx project to dockerize, instead of `name`.
 */
import { GENERATOR_DESCRIPTION } from '../adapters/plop.js';
import { OPTIONS, type OptionDefinition } from '../core/options.js';

export { GENERATOR_DESCRIPTION };

export const NX_EXCLUDED_OPTIONS: readonly string[] = ['dryRun'];
/** Options whose plop prompt Nx's schema prompts can reproduce exactly. */
export const SCHEMA_PROMPTED_OPTIONS: readonly string[] = ['stack'];

export const PROJECT_OPTION = {
  type: 'string',
  description:
    'An existing Nx project to dockerize, by project name or folder; it must live in packages/<folder>. Implies mode existing, with the folder as the name.',
  'x-dropdown': 'projects',
} as const;

type JsonSchemaProperty = Record<string, unknown>;

function property(option: OptionDefinition): JsonSchemaProperty {
  const schema: JsonSchemaProperty = { type: option.type, description: option.description };
  if (option.allChoices) schema.enum = [...option.allChoices];
  if (option.positional) schema.$default = { $source: 'argv', index: 0 };
  if (option.type === 'boolean') {
    const fallback = option.default?.({}, { inspect: () => ({ manifests: [] }) });
    if (typeof fallback === 'boolean') schema.default = fallback;
  }
  if (option.prompt && SCHEMA_PROMPTED_OPTIONS.includes(option.name)) {
    schema['x-prompt'] = option.allChoices
      ? { message: option.prompt, type: 'list', items: [...option.allChoices] }
      : option.prompt;
  }
  if (option.required) schema['x-priority'] = 'important';
  return schema;
}

export function serviceSchema(): Record<string, unknown> {
  const properties: Record<string, JsonSchemaProperty> = {};
  for (const option of OPTIONS) {
    if (NX_EXCLUDED_OPTIONS.includes(option.name)) continue;
    properties[option.name] = property(option);
    if (option.name === 'name') properties.project = { ...PROJECT_OPTION };
  }
  return {
    $schema: 'https://json-schema.org/schema',
    $id: 'DockwrightService',
    title: 'dockwright service',
    description: GENERATOR_DESCRIPTION,
    cli: 'nx',
    type: 'object',
    properties,
    additionalProperties: false,
    examples: [
      { command: 'nx g dockwright:service billing-api --stack=python --appType=api', description: 'A new FastAPI service' },
      { command: 'nx g dockwright:service --project=existing-lib --stack=node', description: 'Dockerize an existing Nx project' },
    ],
  };
}

export const serializeSchema = (schema: unknown) => `${JSON.stringify(schema, null, 2)}\n`;
