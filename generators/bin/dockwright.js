#!/usr/bin/env node
// Published packages run the compiled CLI. In this repository there is no build step: the
// TypeScript source runs through tsx, registered here so the bin works from any folder.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { LINT_V8_FLAGS } from './lint-v8-flags.js';

if (process.argv.slice(2).find((arg) => arg !== '--debug') === 'lint') setFlagsFromString(LINT_V8_FLAGS);

const compiled = new URL('../dist/cli/main.js', import.meta.url);
let entry = compiled;
if (!existsSync(compiled)) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/cli/main.ts', import.meta.url);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
