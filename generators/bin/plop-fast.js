// `npx plop <generator> -- …` without loading plop, when a plopfile's generator needs nothing of it.
//
// plop's CLI (Liftoff, v8flags, the spinner) and node-plop (inquirer, handlebars, globbing, its
// built-in actions) cost a run ~0.3 s of CPU before the generator starts, more than the whole of
// comparable generators. A generator whose prompts are one function and whose actions are
// functions uses none of it: node-plop only calls prompts(inquirer), then each action(answers,
// config, plop) in turn. For such a generator this runner does exactly that, from the plopfile
// plop itself would load (the same search), and exits with plop's exit codes; anything else (no
// such plopfile, plop's own flags, a plopfile that uses any other part of plop's API, prompt
// lists, action objects or comments) is left to plop. DOCKWRIGHT_PLOP_FAST=0 turns it off.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { lazyInquirer } from './lazy-inquirer.js';
import { bundledUrl } from './plop-bundle.js';

/** Marks the API object this runner hands the plopfile (generators/src/adapters/plop.ts reads it). */
const FAST_RUNNER = Symbol.for('dockwright.plop-runner');

class Unsupported extends Error {}

/** plop's flags this runner understands; any other flag before `--` is plop's to handle. */
const PLOP_OPTIONS = {
  cwd: { type: 'string' },
  plopfile: { type: 'string' },
  dest: { type: 'string' },
  force: { type: 'boolean', short: 'f' },
  progress: { type: 'boolean' },
};

/** The command line, if this runner can serve it: the plopfile, the generator's name, plop's options. */
function parseCommandLine(args) {
  const separator = args.indexOf('--');
  const own = separator === -1 ? args : args.slice(0, separator);
  let parsed;
  try {
    parsed = parseArgs({ args: own, options: PLOP_OPTIONS, allowPositionals: true, allowNegative: true, strict: true });
  } catch {
    return undefined;
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) return undefined;
  const cwd = resolve(values.cwd ?? process.cwd());
  const plopfile = values.plopfile === undefined ? findPlopfile(cwd) : resolve(cwd, values.plopfile);
  if (plopfile === undefined || !/\.[cm]?ts$/.test(plopfile) || !existsSync(plopfile)) return undefined;
  return { plopfile, generator: positionals[0], dest: values.dest === undefined ? undefined : resolve(values.dest), force: values.force === true };
}

/**
 * The plopfile plop would find: Liftoff looks for plopfile.<ext> in the working folder and then in
 * each folder above it. Only a folder whose one plopfile is plopfile.ts is served here; with
 * several (plop prefers .js), or none, plop decides.
 */
function findPlopfile(from) {
  for (let dir = from; ; dir = dirname(dir)) {
    let found;
    try {
      found = readdirSync(dir).filter((entry) => /^plopfile\./i.test(entry));
    } catch {
      found = [];
    }
    if (found.length > 0) return found.length === 1 && found[0] === 'plopfile.ts' ? join(dir, 'plopfile.ts') : undefined;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The part of node-plop's API a generator of this kind may use; any other member hands over to plop. */
function plopApi(plopfile, dest, force) {
  const generators = new Map();
  let welcome;
  const api = {
    setGenerator(name = '', config = {}) {
      const key = name || `generator-${generators.size + 1}`;
      generators.set(key, Object.assign(config, { name: key, basePath: dirname(plopfile) }));
      return generators.get(key);
    },
    getGenerator: (name) => generators.get(name),
    getGeneratorList: () => [...generators.values()].map(({ name, description }) => ({ name, description: description ?? '' })),
    setWelcomeMessage: (message) => {
      welcome = message;
    },
    getWelcomeMessage: () => welcome,
    getPlopfilePath: () => dirname(plopfile),
    getDestBasePath: () => dest ?? dirname(plopfile),
    [FAST_RUNNER]: 'fast',
  };
  const proxy = new Proxy(api, {
    get(target, key) {
      if (key in target || typeof key === 'symbol' || key === 'then') return target[key];
      throw new Unsupported(`plop.${String(key)} is not provided without plop; DOCKWRIGHT_PLOP_FAST=0 runs plop itself`);
    },
  });
  return { proxy, generators, config: { destBasePath: dest, force } };
}

function nodePlopUrl() {
  try {
    return import.meta.resolve('node-plop');
  } catch {
    return import.meta.url;
  }
}

const errorLine = (message) => `${process.stderr.isTTY && !process.env.NO_COLOR ? '\x1b[31m[ERROR]\x1b[39m' : '[ERROR]'} ${message}`;

/**
 * Runs the generator and resolves to the exit code, or to undefined when plop must run instead
 * (nothing has been asked or written then).
 */
export async function runWithoutPlop(args = process.argv.slice(2)) {
  if (process.env.DOCKWRIGHT_PLOP_FAST === '0') return undefined;
  const command = parseCommandLine(args);
  if (!command) return undefined;
  const { proxy, generators, config } = plopApi(command.plopfile, command.dest, command.force);
  try {
    const url = await bundledUrl(pathToFileURL(command.plopfile).href);
    if (url === undefined) return undefined;
    const module = await import(url);
    const plopfile = typeof module.default === 'function' ? module.default : module;
    if (typeof plopfile !== 'function') return undefined;
    await plopfile(proxy, config);
  } catch {
    // Unsupported, or a plopfile that does not build or load: plop runs it, and reports any error.
    return undefined;
  }
  const generator = command.generator === undefined ? (generators.size === 1 ? [...generators.values()][0] : undefined) : generators.get(command.generator);
  if (!generator || typeof generator.prompts !== 'function' || !Array.isArray(generator.actions)) return undefined;
  if (!generator.actions.every((action) => typeof action === 'function')) return undefined;

  let answers;
  try {
    // What node-plop hands a prompts function: its inquirer (loaded only if the function uses it).
    answers = await generator.prompts(lazyInquirer(nodePlopUrl()));
  } catch (error) {
    process.stderr.write(`${errorLine(error?.message ?? String(error))}\n`);
    return 1;
  }
  for (const action of generator.actions) {
    try {
      const result = await action(answers, { type: 'function', force: command.force }, proxy);
      const text = typeof result === 'string' ? result : JSON.stringify(result);
      if (text) process.stdout.write(`${text}\n`);
    } catch (error) {
      if (!error?.reported) process.stderr.write(`${errorLine(error?.message ?? String(error))}\n`);
      return 1;
    }
  }
  return 0;
}
