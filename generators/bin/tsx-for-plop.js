// Preloaded into every Node process npm starts in this workspace (node-options in .npmrc); it
// acts in plop's process only. (The name is historical: tsx is now only the fallback.)
//
// - A generator that needs nothing of plop but its plopfile (dockwright's `service`) runs
//   without loading plop at all (plop-fast.js), from a pre-built bundle of plopfile.ts and what
//   it imports, rebuilt whenever one of those sources changes (plop-bundle.js); then the process
//   exits with the generator's exit code.
// - Anything else runs in plop, with module hooks (plop-hooks.js) that give it the same bundle
//   for plopfile.ts and keep node-plop's inquirer unloaded until a prompt list is shown. Without
//   esbuild, tsx is registered instead, as before.
// Every other tool npm starts is left alone: loader hooks slow every module load (Nx builds its
// project graph three times slower under tsx), and the dockwright bin and the Nx entry register
// tsx themselves when they run from source.
const script = process.argv[1] ?? '';
if (/(^|[\\/])plop(\.js)?$/.test(script) || /[\\/]plop[\\/]bin[\\/]plop\.js$/.test(script)) {
  let bundler = true;
  try {
    import.meta.resolve('esbuild');
  } catch {
    bundler = false;
  }
  if (bundler) {
    const { runWithoutPlop } = await import('./plop-fast.js');
    const exitCode = await runWithoutPlop();
    if (exitCode !== undefined) {
      await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))));
      process.exit(exitCode);
    }
    const { register } = await import('node:module');
    register('./plop-hooks.js', import.meta.url);
  } else {
    // node-plop's graph loads faster before tsx's hooks exist; plop then finds it in the cache.
    await import('node-plop').catch(() => undefined);
    await import('tsx');
  }
}
