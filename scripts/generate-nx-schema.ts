/**
 * Writes generators/src/nx/service/schema.json from the option table (core/options.ts).
 * `npm run nx:schema`; test/nx/schema.test.ts fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serializeSchema, serviceSchema } from '../generators/src/nx/schema.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../generators/src/nx/service/schema.json', import.meta.url));

writeFileSync(SCHEMA_PATH, serializeSchema(serviceSchema()));
console.log(`wrote ${SCHEMA_PATH}`);
