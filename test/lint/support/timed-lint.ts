/**
 * Lints a generated input in a process of its own and prints `{ seconds, heapMb, messages }` as
 * JSON: timings taken outside jest's module sandbox, which runs the linter several times slower.
 * Usage: timed-lint.ts doubling|chained|real-scaling
 */
import { lintDockerfile } from '../../../generators/src/lint/lint.js';
import { chainedArgs, doublingArgs, realText } from './inputs.js';

const INPUTS: Record<string, () => string> = {
  doubling: () => doublingArgs(27),
  chained: () => chainedArgs(5000),
};

function timed(text: string) {
  const heap = process.memoryUsage().heapUsed;
  const start = performance.now();
  const result = lintDockerfile({ file: 'docker/svc.Dockerfile', text });
  return { seconds: (performance.now() - start) / 1000, heapMb: (process.memoryUsage().heapUsed - heap) / 1e6, result };
}

const fastest = (...runs: ReturnType<typeof timed>[]) => runs.reduce((left, right) => (right.seconds < left.seconds ? right : left));

const scenario = process.argv[2] ?? '';
if (scenario === 'real-scaling') {
  // Seconds for 250 kB and for 1 MB of real Dockerfiles, each the faster of two runs after a warm-up (lintDockerfile keeps no model unless told the text repeats).
  timed(realText(100_000));
  const [quarter, whole] = [realText(250_000), realText(1_000_000)];
  const seconds = [quarter, whole].map((text) => fastest(timed(text), timed(text)).seconds);
  console.log(JSON.stringify({ bytes: whole.length, seconds: seconds[1], quarterSeconds: seconds[0], heapMb: 0, messages: [] }));
  process.exit(0);
}
const input = INPUTS[scenario];
if (!input) throw new Error(`unknown scenario ${scenario}`);
const text = input();
const best = timed(text);
console.log(JSON.stringify({ bytes: text.length, seconds: best.seconds, heapMb: best.heapMb, messages: best.result.findings.map((f) => `${f.ruleId} ${f.message}`) }));
