/**
 * Regenerates the example services in packages/, docker/, deploy/k8s/ and the root compose.yaml with the generator itself:
 * `npm run examples`. Lockfiles come from the package managers (network); pass --skipInstall to
 * keep the committed ones. The workspace examples keep their hand-written sources and get the rest anew.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runService } from '../generators/src/adapters/run-service.js';
import { EXAMPLES, WORKSPACE_EXAMPLES } from './examples.js';

const root = new URL('..', import.meta.url).pathname;
const skipInstall = process.argv.includes('--skipInstall');

for (const example of EXAMPLES) {
  if (!skipInstall) rmSync(join(root, 'packages', example.name), { recursive: true, force: true });
  const report = await runService({ name: example.name, ...example.flags, mode: 'new', force: true, skipInstall }, root);
  console.log(report.text);
}

for (const example of WORKSPACE_EXAMPLES) {
  const workspaceRoot = join(root, example.root);
  // What an earlier run generated goes, so a file the generator no longer writes does not linger; node_modules is the user's.
  for (const entry of readdirSync(workspaceRoot, { recursive: true, withFileTypes: true })) {
    const path = relative(workspaceRoot, join(entry.parentPath, entry.name));
    if (entry.isFile() && !path.split('/').includes('node_modules') && !example.sources.includes(path)) rmSync(join(workspaceRoot, path));
  }
  const report = await runService({ name: example.name, ...example.flags, skipInstall }, workspaceRoot);
  console.log(report.text);
}
