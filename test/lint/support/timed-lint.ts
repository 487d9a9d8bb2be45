/**
 * Lints a generated input in a process of its own and prints `{ seconds, heapMb, messages }` as
 * JSON: timings taken outside jest's module sandbox, which runs the linter several times slower.
 * Usage: timed-lint.ts doubling|chained|real-1mb
 */
import { lintDockerfile } from '../../../generators/src/lint/lint.js';
import { chainedArgs, doublingArgs, realText } from './inputs.js';

const INPUTS: Record<string, () => string> = {
  doubling: () => doublingArgs(27),
  chained: () => chainedArgs(5000),
  'real-1mb': () => realText(1_000_000),
};

function timed(text: string) {
  const heap = process.memoryUsage().heapUsed;
  const start = performance.now();
  const result = lintDockerfile({ file: 'docker/svc.Dockerfile', text });
  return { seconds: (performance.now() - start) / 1000, heapMb: (process.memoryUsage().heapUsed - heap) / 1e6, result };
}

const scenario = process.argv[2] ?? '';
const input = INPUTS[scenario];
if (!input) throw new Error(`unknown scenario ${scenario}`);
const text = input();
if (scenario === 'real-1mb') timed(realText(100_000));
// The linter keeps models by content: the second run gets a text one character different, so it lints afresh.
const other = `${text.slice(0, -1)}${text.endsWith(' ') ? '\t' : ' '}`;
const runs = scenario === 'real-1mb' ? [timed(text), timed(other)] : [timed(text)];
const best = runs.reduce((left, right) => (right.seconds < left.seconds ? right : left));
console.log(JSON.stringify({ bytes: text.length, seconds: best.seconds, heapMb: best.heapMb, messages: best.result.findings.map((f) => `${f.ruleId} ${f.message}`) }));
