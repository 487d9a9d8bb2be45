/**
 * Named steps of an e2e case. A failing step throws one Error whose first line is
 * `<case>: <step> failed (<reason>)` and whose next lines are the tail of the command's output, so
 * the first line of a red run says where it broke (generate, lock, build, lint, run, health,
 * verify, rebuild after …) without scrolling through a build log.
 */
import { ExecaError } from 'execa';

/** How much of a failing command's output the message carries: its last lines, where the error is. */
export const OUTPUT_LINES = 60;

/**
 * Thrown inside a step: why it failed (short, one line), the output to show, and optionally a more
 * precise step name than the one running (the generator's lockfile step, verify's health check).
 */
export class StepProblem extends Error {
  override readonly name = 'StepProblem';
  constructor(
    readonly reason: string,
    readonly output = '',
    readonly step?: string,
  ) {
    super(reason);
  }
}

/** `step(name, body)`: runs body; any error it throws becomes that case's step failure. */
export function stepRunner(caseName: string) {
  return async function step<T>(name: string, body: () => Promise<T> | T): Promise<T> {
    try {
      return await body();
    } catch (error) {
      throw stepFailure(caseName, name, error);
    }
  };
}

export function stepFailure(caseName: string, step: string, error: unknown): Error {
  const problem = asProblem(error);
  const lines = stripAnsi(problem.output).replace(/\s+$/, '').split('\n');
  const shown = lines.length > OUTPUT_LINES ? lines.slice(-OUTPUT_LINES) : lines;
  const body = problem.output.trim() === '' ? [] : [
    lines.length > OUTPUT_LINES ? `output, last ${OUTPUT_LINES} of ${lines.length} lines:` : 'output:',
    // A prefix on every line: Jest would otherwise take an `at x:1:2` line in the output for the stack.
    ...shown.map((line) => `  | ${line}`),
  ];
  // No `cause`: Jest would print the same output a second time, under it.
  return new Error([`${caseName}: ${problem.step ?? step} failed (${problem.reason})`, ...body].join('\n'));
}

function asProblem(error: unknown): StepProblem {
  if (error instanceof StepProblem) return error;
  if (error instanceof ExecaError) return new StepProblem(exitReason(error), outputOf(error));
  if (error instanceof Error && 'matcherResult' in error) return new StepProblem('assertion failed', error.message);
  if (error instanceof Error) {
    const [first = error.name, ...rest] = error.message.split('\n');
    return new StepProblem(first.slice(0, 200), [...rest, error.stack ?? ''].join('\n'));
  }
  return new StepProblem(String(error));
}

export interface CommandRun {
  readonly exitCode?: number | undefined;
  readonly timedOut?: boolean;
  readonly signal?: string | undefined;
  readonly all?: unknown;
  readonly stdout?: unknown;
  readonly stderr?: unknown;
}

export function exitReason(run: CommandRun): string {
  if (run.timedOut) return 'timed out';
  if (run.signal) return `killed by ${run.signal}`;
  return `exit code ${run.exitCode ?? 'unknown'}`;
}

export function outputOf(run: CommandRun): string {
  if (run.all !== undefined) return String(run.all);
  return [run.stdout, run.stderr].filter((stream) => stream !== undefined && String(stream) !== '').join('\n');
}

/** Throws the step's problem unless the command exited 0. */
export function requireSuccess(run: CommandRun, step?: string): void {
  if (run.exitCode === 0) return;
  throw new StepProblem(exitReason(run), outputOf(run), step);
}

/**
 * The generator runs the lockfile step itself: a failure whose output starts with `dockwright` and
 * names `lockfile:`, or plop's `✖  -> lockfile: …` (how plop prints that error: on stderr, or on
 * stdout when its spinner is off, as under Jest), is step `lock`.
 */
export function generateFailureStep(output: string): 'lock' | 'generate' {
  const text = stripAnsi(output);
  if (text.trimStart().startsWith('dockwright') && text.includes('lockfile:')) return 'lock';
  return /^\s*✖\s+->\s+lockfile:/m.test(text) ? 'lock' : 'generate';
}

/** A FAIL row of verify-image's table: `  FAIL  <check padded>  <detail>`. */
export function failedChecks(table: string): { check: string; detail: string }[] {
  return [...stripAnsi(table).matchAll(/^\s*FAIL {2}(\S.*?) {2,}(.*)$/gm)].map(([, check, detail]) => ({ check: check!, detail: detail!.trim() }));
}

const HEALTH_CHECKS = new Set(['healthy', 'endpoint']);

/**
 * Which step a failed verify-image names: `build` when Nx's build-image before it failed, `run`
 * when the container did not start (no table, the `docker run` error), `health` for a FAIL of
 * healthy or endpoint, `verify` for the rest (size, user, healthcheck, build tools, app files, stop). With
 * several FAIL rows, the earliest of health → verify.
 */
export function verifyFailure(run: CommandRun): StepProblem {
  const output = outputOf(run);
  const failed = failedChecks(output);
  const rows = failed.map(({ check, detail }) => `FAIL ${check}: ${detail}`);
  // verify-image depends on build-image: Nx builds first, and says so when that failed.
  if (failed.length === 0 && /^- \S+:build-image$/m.test(stripAnsi(output))) return new StepProblem(`${exitReason(run)}; build-image failed`, output, 'build');
  if (/docker run failed/.test(output)) {
    const why = /docker run failed: (.*)$/m.exec(stripAnsi(output))?.[1]?.trim();
    return new StepProblem([exitReason(run), `container did not start${why ? `: ${why}` : ''}`].join('; '), output, 'run');
  }
  const step = failed.some(({ check }) => HEALTH_CHECKS.has(check)) ? 'health' : 'verify';
  const reason = [exitReason(run), ...rows.slice(0, 3), ...(rows.length > 3 ? [`${rows.length - 3} more`] : [])].join('; ');
  return new StepProblem(reason, output, step);
}

export const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
