// Module hooks for plop's process when plop itself runs (registered by tsx-for-plop.js):
//  - a TypeScript module imported from JavaScript (plop importing plopfile.ts) resolves to its
//    pre-built bundle (plop-bundle.js): nothing is transpiled at run time;
//  - node-plop's `import inquirer` resolves to lazy-inquirer.js, which loads inquirer only when a
//    plop prompt list is actually asked.
const LAZY_INQUIRER = new URL('./lazy-inquirer.js', import.meta.url).href;
const TYPESCRIPT = /\.[cm]?tsx?$/;

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL ?? '';
  if (specifier === 'inquirer' && /[\\/]node_modules[\\/]node-plop[\\/]/.test(parent)) {
    return { url: `${LAZY_INQUIRER}?from=${encodeURIComponent(parent)}`, format: 'module', shortCircuit: true };
  }
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.startsWith('file:') && TYPESCRIPT.test(new URL(resolved.url).pathname) && !TYPESCRIPT.test(parent)) {
    const { bundledUrl } = await import('./plop-bundle.js');
    const bundle = await bundledUrl(resolved.url);
    if (bundle !== undefined) return { url: bundle, format: 'module', shortCircuit: true };
  }
  return resolved;
}
