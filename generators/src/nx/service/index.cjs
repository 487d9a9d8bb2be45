// The entry Nx loads: Nx require()s generator factories, and this package is ESM, so this CommonJS
// shim imports the generator. Published, it sits in dist/ beside the compiled generator.js; in
// this repository it sits in src/ beside generator.ts, which runs through tsx (loaded by the
// workspace .npmrc), so there is no build step while developing. No reliance on require(esm).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const source = join(__dirname, 'generator.ts');
const entry = existsSync(source) ? source : join(__dirname, 'generator.js');

module.exports = async function serviceGenerator(tree, options) {
  const { default: generator } = await import(pathToFileURL(entry).href);
  return generator(tree, options);
};
