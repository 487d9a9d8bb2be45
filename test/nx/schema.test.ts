/** schema.json and generators.json against the option table: names, types, choices, defaults, help text. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_DESCRIPTION } from '../../generators/src/adapters/plop.js';
import { OPTIONS } from '../../generators/src/core/options.js';
import { NX_EXCLUDED_OPTIONS, serializeSchema, serviceSchema } from '../../generators/src/nx/schema.js';
import { REPO_ROOT } from './support.js';

const packageDir = join(REPO_ROOT, 'generators');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const schemaPath = join(packageDir, 'src/nx/service/schema.json');
const schema = readJson(schemaPath);

describe('schema.json', () => {
  it('is what the option table generates (regenerate with `npm run nx:schema`)', () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(serializeSchema(serviceSchema()));
  });

  it.each(OPTIONS.filter((option) => !NX_EXCLUDED_OPTIONS.includes(option.name)).map((option) => [option.name, option] as const))(
    '%s: same name, type, choices and help text as the plop flag',
    (name, option) => {
      const property = schema.properties[name];
      expect(property).toBeDefined();
      expect(property.type).toBe(option.type);
      expect(property.description).toBe(option.description);
      expect(property.enum).toEqual(option.allChoices ? [...option.allChoices] : undefined);
      if (property.default !== undefined) expect(property.default).toBe(option.default?.({}, { inspect: () => ({ manifests: [] }) }));
      if (property['x-prompt']) expect(property['x-prompt'].message).toBe(option.prompt);
    },
  );

  it('takes the name from the first positional argument, and nothing it does not know', () => {
    expect(schema.properties.name.$default).toEqual({ $source: 'argv', index: 0 });
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual(
      [...OPTIONS.map((option) => option.name).filter((name) => !NX_EXCLUDED_OPTIONS.includes(name)), 'project'].sort(),
    );
  });

  it('leaves dryRun to Nx (nx g --dry-run) and gives no static default that some stack would reject', () => {
    expect(schema.properties.dryRun).toBeUndefined();
    for (const name of ['mode', 'stack', 'appType', 'packageManager', 'port', 'healthPath']) expect(schema.properties[name].default).toBeUndefined();
  });
});

describe('the collection', () => {
  const manifest = readJson(join(packageDir, 'package.json'));
  const collection = readJson(join(packageDir, manifest.generators));

  it('is the `generators` of the package named dockwright', () => {
    expect(manifest.name).toBe('dockwright');
    expect(collection.generators.service.description).toBe(GENERATOR_DESCRIPTION);
  });

  it('points at the built entry and schema; in this repository Nx finds them in src/', () => {
    const { factory, schema: schemaFile } = collection.generators.service;
    expect(factory).toBe('./dist/nx/service/index.cjs');
    expect(schemaFile).toBe('./dist/nx/service/schema.json');
    // Nx maps dist/<path> to src/<path> for a workspace's own packages; the build copies both.
    for (const file of [factory, schemaFile]) expect(existsSync(join(packageDir, file.replace('./dist/', 'src/')))).toBe(true);
  });

  it('ships what the published package needs', () => {
    expect(manifest.files).toEqual(expect.arrayContaining(['bin', 'dist', 'templates', 'generators.json']));
    expect(manifest.scripts.prepack).toContain('build-package.mjs');
    expect(manifest.exports['./package.json']).toBe('./package.json');
  });
});
