/**
 * SIGINT and SIGTERM while dockwright holds something half-done (a scratch folder, an open
 * transaction): the registered undo steps run, newest first, and the process exits as the signal
 * would have ended it (130, 143). With nothing registered, the signal's default applies.
 */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

const undoSteps: (() => void)[] = [];

function onSignal(signal: HandledSignal): void {
  for (const undo of undoSteps.splice(0).reverse()) {
    try {
      undo();
    } catch {
      // Keep undoing the rest: a signal handler has no one to report to but the exit code.
    }
  }
  process.stderr.write(`\ndockwright: ${signal}: stopped, what was half-done is undone\n`);
  process.exit(SIGNAL_EXIT_CODES[signal]);
}

function install(): void {
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]) process.on(signal, onSignal);
}

function uninstall(): void {
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]) process.off(signal, onSignal);
}

/** Registers an undo step until the returned release is called. */
export function undoOnInterrupt(undo: () => void): () => void {
  if (undoSteps.length === 0) install();
  undoSteps.push(undo);
  return () => {
    const index = undoSteps.indexOf(undo);
    if (index >= 0) undoSteps.splice(index, 1);
    if (undoSteps.length === 0) uninstall();
  };
}

/** Lets a signal that arrived during synchronous work run its handler now. */
export const deliverPendingSignals = () => new Promise<void>((resolve) => setImmediate(resolve));
