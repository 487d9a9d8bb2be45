// Preloaded into every Node process npm starts in this workspace (node-options in .npmrc). Only
// plop needs TypeScript at load time (plopfile.ts); tsx's loader hooks slow every module load of
// every other tool (Nx builds its project graph three times slower), so tsx is registered for
// plop alone. The dockwright bin and the Nx entry register tsx themselves when they run from source.
const script = process.argv[1] ?? '';
if (/(^|[\\/])plop(\.js)?$/.test(script) || /[\\/]plop[\\/]bin[\\/]plop\.js$/.test(script)) {
  // node-plop's graph (inquirer, rxjs, handlebars: hundreds of modules) loads faster before the
  // hooks exist, and plop then finds it in the module cache (~0.3 s per run).
  await import('node-plop').catch(() => undefined);
  await import('tsx');
}
