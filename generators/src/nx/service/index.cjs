// The entry Nx loads: Nx require()s generator factories and this package is ESM, so this CommonJS
// shim imports the generator (no reliance on require(esm)). Published, it sits in dist/ beside the
// compiled generator.js. In this repository it sits in src/ beside generator.ts, which it loads
// through tsx's scoped API, so `nx g` needs no global `--import tsx` and no build step.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const source = join(__dirname, 'generator.ts');

async function load() {
  if (existsSync(source)) {
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(pathToFileURL(source).href, __filename);
  }
  return import(pathToFileURL(join(__dirname, 'generator.js')).href);
}

module.exports = async function serviceGenerator(tree, options) {
  const { default: generator } = await load();
  return generator(tree, options);
};
