/** What a failure tells the user: our own errors in one line; a bug's text never (it is not theirs to read). */
/** Not a generator option: every front end takes it to show the stack of an internal error. */
export const DEBUG_FLAG = '--debug';
export const debugRequested = (argv: readonly string[]) => argv.includes(DEBUG_FLAG) || process.env.DOCKWRIGHT_DEBUG === '1';

const INTERNAL_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];

export function userMessage(error: unknown): string {
  const internal = INTERNAL_ERRORS.some((kind) => error instanceof kind) || !(error instanceof Error);
  return internal ? 'internal error; run again with --debug to see it, and please report it' : (error as Error).message.split('\n')[0]!;
}
