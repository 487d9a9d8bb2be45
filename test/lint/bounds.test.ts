/**
 * Hostile and huge input stays bounded: ARG expansion in size and depth, a size cap with a
 * one-line refusal, control characters escaped in the human report, 1 MB linted in linear time.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { formatHuman } from '../../generators/src/lint/format/human.js';
import { MAX_DOCKERFILE_BYTES } from '../../generators/src/lint/limits.js';
import { lintDockerfile } from '../../generators/src/lint/lint.js';
import { totalsOf } from '../../generators/src/lint/types.js';
import { MAX_WORD } from '../../generators/src/lint/word.js';
import { realText } from './support/inputs.js';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;

const TSX = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

interface Timing {
  readonly bytes: number;
  readonly seconds: number;
  readonly heapMb: number;
  readonly messages: readonly string[];
  /** real-scaling: the seconds for a quarter of the text. */
  readonly quarterSeconds?: number;
}

/** Lints in a process of its own (jest's sandbox is several times slower), at most 1 GB of heap. */
async function timedLint(scenario: string): Promise<Timing> {
  const run = await execa(process.execPath, ['--max-old-space-size=1024', '--import', TSX, join(REPO_ROOT, 'test/lint/support/timed-lint.ts'), scenario], {
    reject: false,
    timeout: 30_000,
  });
  if (run.exitCode !== 0) throw new Error(`${scenario}: ${run.stderr.split('\n').slice(0, 3).join(' ')}${run.timedOut ? ' (timed out)' : ''}`);
  return JSON.parse(run.stdout) as Timing;
}

describe('bounds', () => {
  it('expands 27 lines of doubling ARGs within the word limit, in well under a second', async () => {
    const { bytes, seconds, heapMb, messages } = await timedLint('doubling');
    expect(bytes).toBeLessThan(600);
    expect(seconds).toBeLessThan(1);
    expect(heapMb).toBeLessThan(200);
    expect(messages.every((message) => message.length < MAX_WORD + 200)).toBe(true);
  }, 40_000);

  it('resolves 5,000 chained ARGs without recursion, naming a few of them', async () => {
    const { seconds, messages } = await timedLint('chained');
    expect(seconds).toBeLessThan(10);
    expect(messages.find((message) => message.startsWith('DW103'))).toMatch(
      /resolves to `node:latest` through ARG A4999 \(line 5000\), .* and 4995 more and uses the `latest` tag$/,
    );
  }, 40_000);

  it('nests ${…} only so deep', () => {
    const nested = `${'${X:-'.repeat(5000)}alpine:3.20${'}'.repeat(5000)}`;
    expect(() => lintDockerfile({ file: 'docker/svc.Dockerfile', text: `FROM ${nested}\nUSER 1000\n` })).not.toThrow();
  });

  // Linear, not quadratic: four times the text takes about four times as long (a quadratic pass,
  // as dockerfile-ast had before parsing once, takes sixteen). A ratio holds on a loaded machine;
  // the absolute figures are bench:lint's.
  it('lints 1 MB of real Dockerfiles in time linear in its size', async () => {
    const { bytes, seconds, quarterSeconds } = await timedLint('real-scaling');
    expect(bytes).toBe(1_000_000);
    expect(seconds / quarterSeconds!).toBeLessThan(8);
  }, 60_000);

  it('escapes control characters from the Dockerfile in the human report', () => {
    const result = lintDockerfile({ file: 'docker/svc.Dockerfile', text: 'FROM alpine:3.20\nADD "evil\u001b[2J\u001b]0;owned\u0007\u202e.txt" /x\nUSER 1000\n' });
    const report = formatHuman([result], totalsOf([result]), { color: false, maxWarnings: undefined });
    expect(report).toContain('evil\\x1b[2J\\x1b]0;owned\\x07\\u{202e}.txt');
    expect(report).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
  });
});

describe('size cap', () => {
  it(`refuses a Dockerfile over ${MAX_DOCKERFILE_BYTES / 1024 / 1024} MB with one line naming it, quickly`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'dockwright-lint-big-'));
    writeFileSync(join(root, 'big.Dockerfile'), realText(5 * 1024 * 1024));
    const start = performance.now();
    const run = await execa(process.execPath, [join(REPO_ROOT, 'generators/bin/dockwright.js'), 'lint', 'big.Dockerfile'], {
      cwd: root,
      reject: false,
      env: { NODE_OPTIONS: `--import ${TSX}`, NO_COLOR: '1' },
      timeout: 20_000,
    });
    expect((performance.now() - start) / 1000).toBeLessThan(10);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['dockwright lint: big.Dockerfile is 5.0 MB, over the 1.0 MB limit for a Dockerfile; not linted']);
  }, 30_000);
});
