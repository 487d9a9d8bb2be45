#!/usr/bin/env node
// Published packages run the compiled CLI; in this repository the TypeScript source runs
// through tsx (loaded by the workspace .npmrc), so there is no build step while developing.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
const { main } = await import(existsSync(compiled) ? compiled.href : new URL('../src/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
