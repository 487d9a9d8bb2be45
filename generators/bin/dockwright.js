#!/usr/bin/env node
// Published packages run the compiled CLI. In this repository there is no build step: the
// TypeScript source runs through tsx, registered here so the bin works from any folder.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// `dockwright lint` is a short process that runs much of its code only a few hundred times. V8's
// default tier-up budget optimises most of it (on another thread, competing for the same cores)
// and then drops some of that code again: on 200 real Dockerfiles that costs more CPU than the
// optimised code saves (bench:lint). A 16× budget leaves optimisation to the really hot code.
// The budget is a tiering heuristic V8 reads as it goes, so setting it now (before any lint code
// runs) is safe; it lasts only for this process.
if (process.argv.slice(2).find((arg) => arg !== '--debug') === 'lint') setFlagsFromString('--interrupt-budget=1081344');

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let entry = compiled;
if (!existsSync(compiled)) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/cli/main.ts', import.meta.url);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
