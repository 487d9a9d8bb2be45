/**
 * Regenerates the example services in packages/, docker/, deploy/k8s/ and the root compose.yaml with the generator itself:
 * `npm run examples`. Lockfiles come from the package managers (network); pass --skipInstall to
 * keep the committed ones.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runService } from '../generators/src/adapters/run-service.js';
import { EXAMPLES } from './examples.js';

const root = new URL('..', import.meta.url).pathname;
const skipInstall = process.argv.includes('--skipInstall');

for (const example of EXAMPLES) {
  if (!skipInstall) rmSync(join(root, 'packages', example.name), { recursive: true, force: true });
  const report = await runService({ name: example.name, ...example.flags, mode: 'new', force: true, skipInstall }, root);
  console.log(report.text);
}
