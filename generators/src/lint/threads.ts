/**
 * A large lint split across threads. A lint is CPU-bound and each file is parsed and checked on
 * its own, so with a second core a second thread takes half the files, for the price of its own
 * start (loading the linter, V8 warming up again): worth it from FILES_PER_THREAD files a thread.
 * Results come back in the files' order, byte for byte what one thread reports; any error falls
 * back to one thread over every file, so the error is the one a single thread meets first.
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AppType } from '../core/stacks.js';
import { loadPolicy } from '../policy/load.js';
import { FsReader } from './fs-reader.js';
import { lintFiles, type RunOptions } from './run.js';
import type { FileResult } from './types.js';

/** Below this many files a thread's start costs more than the files it takes over (200 real files: 2 threads win, 50: they do not). */
const FILES_PER_THREAD = 64;
const JOB_TAG = 'dockwright-lint-share';

interface Share {
  readonly tag: typeof JOB_TAG;
  readonly root: string;
  readonly files: readonly string[];
  readonly appType?: AppType;
  readonly contextDir?: string;
}

export async function lintInThreads(files: readonly string[], root: string, options: RunOptions): Promise<FileResult[]> {
  const reader = new FsReader(root);
  const threads = threadCount(files.length);
  if (threads === 1) return lintFiles(files, reader, options);
  const cycle = ownerCycle(threads);
  const owner = (index: number) => cycle[index % cycle.length]!;
  const shares = Array.from({ length: threads }, (_, thread) => files.filter((_, index) => owner(index) === thread));
  const others = shares.slice(1).map((share) => lintInWorker({ tag: JOB_TAG, root, files: share, appType: options.appType, contextDir: options.contextDir }));
  let own: FileResult[] | undefined;
  try {
    own = lintFiles(shares[0]!, reader, options);
  } catch {
    own = undefined;
  }
  const settled = await Promise.allSettled(others);
  const results = [own, ...settled.map((result) => (result.status === 'fulfilled' ? result.value : undefined))];
  if (results.some((share) => share === undefined)) return lintFiles(files, reader, options);
  const taken = results.map(() => 0);
  return files.map((_, index) => results[owner(index)]![taken[owner(index)]!++]!);
}

/**
 * Which thread lints the i-th file, repeating: the main thread starts at once while each worker
 * first loads the linter, so it takes 3 files to a worker's 2, interleaved (2 threads: 0 1 0 1 0;
 * docs/lint.md "Speed" has the paired runs against an even split).
 */
function ownerCycle(threads: number): number[] {
  const left: number[] = Array.from({ length: threads }, (_, thread) => (thread === 0 ? 3 : 2));
  const cycle: number[] = [];
  while (left.some((count) => count > 0)) {
    for (const [thread, count] of left.entries()) {
      if (count === 0) continue;
      cycle.push(thread);
      left[thread] = count - 1;
    }
  }
  return cycle;
}

/**
 * One thread unless the files are many and there is a core for another; DOCKWRIGHT_LINT_THREADS
 * sets the count. Only compiled JavaScript starts workers: a worker cannot load the TypeScript
 * sources this repository runs through tsx.
 */
function threadCount(files: number): number {
  if (!import.meta.url.endsWith('.js')) return 1;
  const asked = Number(process.env.DOCKWRIGHT_LINT_THREADS);
  const wanted = Number.isInteger(asked) && asked >= 1 ? asked : Math.min(availableParallelism(), Math.floor(files / FILES_PER_THREAD));
  return Math.max(1, Math.min(wanted, files));
}

function lintInWorker(share: Share): Promise<FileResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: share, stdout: true, stderr: true });
    worker.once('message', (results: FileResult[]) => resolve(results));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`lint thread exited with ${code}`)));
  });
}

// The worker's side: this module, loaded again in the thread, lints its share with the same policy.
if (!isMainThread && (workerData as Share | undefined)?.tag === JOB_TAG) {
  const share = workerData as Share;
  const reader = new FsReader(share.root);
  parentPort!.postMessage(lintFiles(share.files, reader, { policy: loadPolicy(reader), appType: share.appType, contextDir: share.contextDir }));
}
