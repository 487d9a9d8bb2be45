// inquirer as node-plop sees it, loaded on first use: node-plop imports it at start-up (rxjs and
// ~200 modules, a fifth of a run's CPU) but uses it only to ask a generator's prompt list.
// node-plop keeps a reference to the object and to its registerPrompt; anything else read from
// it (prompt, prompt.prompts, ...) loads inquirer then, synchronously (require of an ES module,
// Node >= 20.19). Used by plop-hooks.js for node-plop's `import inquirer`, and by plop-fast.js.
import { createRequire } from 'node:module';

/** inquirer resolved from `from` (node-plop's module URL), behind a proxy that loads it on first use. */
export function lazyInquirer(from) {
  let real;
  const inquirer = () => (real ??= createRequire(from)('inquirer').default);
  return new Proxy(
    {},
    {
      get(_, key) {
        if (key === 'registerPrompt') return (...args) => inquirer().registerPrompt(...args);
        if (key === 'then') return undefined;
        return Reflect.get(inquirer(), key);
      },
      has: (_, key) => Reflect.has(inquirer(), key),
      ownKeys: () => Reflect.ownKeys(inquirer()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(inquirer(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

export default lazyInquirer(new URL(import.meta.url).searchParams.get('from') ?? import.meta.url);
