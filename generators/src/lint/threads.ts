/**
 * A large lint split across threads. A lint is CPU-bound and each file is parsed and checked on
 * its own, so with a second core a second thread takes files too, for the price of its own start
 * (loading the linter, V8 warming up again): worth it from FILES_PER_THREAD files a thread.
 * The threads take the files from one queue (a shared counter), so each takes the next as soon as
 * it is free: a worker still starting takes none, and the threads finish together whatever the
 * load. The main thread reads every file first, as one thread does (a file it cannot read, or one
 * over the size limit, is the error one thread meets first), and hands the texts to the workers
 * with which of them repeat. Results come back in the files' order, byte for byte what one thread
 * reports; an error while linting falls back to one thread over every file, so the error is the
 * one a single thread meets first.
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AppType } from '../core/stacks.js';
import { loadPolicy } from '../policy/load.js';
import { FsReader } from './fs-reader.js';
import { lintFiles, lintRead, lintReadFile, readFiles, type ReadFiles, type RunOptions } from './run.js';
import type { FileResult } from './types.js';

/** Below this many files a thread's start costs more than the files it takes over (200 real files: 2 threads win, 50: they do not). */
const FILES_PER_THREAD = 64;
const JOB_TAG = 'dockwright-lint-job';

/** The files, read by the main thread (a worker gets a clone), and the queue the threads share. */
interface Job extends ReadFiles {
  readonly tag: typeof JOB_TAG;
  readonly root: string;
  /** One Int32: the index of the next file no thread has taken. */
  readonly queue: SharedArrayBuffer;
  readonly appType?: AppType;
  readonly contextDir?: string;
}

/** The files one thread linted, by their index in the job's list. */
type Linted = [index: number, result: FileResult][];

export async function lintInThreads(files: readonly string[], root: string, options: RunOptions): Promise<FileResult[]> {
  const reader = new FsReader(root);
  const threads = threadCount(files.length);
  if (threads === 1) return lintFiles(files, reader, options);
  const job: Job = {
    ...readFiles(files, reader),
    tag: JOB_TAG,
    root,
    queue: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
    appType: options.appType,
    contextDir: options.contextDir,
  };
  const workers = Array.from({ length: threads - 1 }, () => lintInWorker(job));
  let own: Linted | undefined;
  try {
    own = lintFromQueue(job, reader, options);
  } catch {
    // No thread takes another file; the fallback below meets the error again, in file order.
    Atomics.store(new Int32Array(job.queue), 0, files.length);
  }
  const settled = await Promise.allSettled(workers);
  const results = new Array<FileResult | undefined>(files.length);
  for (const linted of [own, ...settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined))]) {
    for (const [index, result] of linted ?? []) results[index] = result;
  }
  return results.includes(undefined) ? lintRead(job, reader, options) : (results as FileResult[]);
}

function lintFromQueue(job: Job, reader: FsReader, options: RunOptions): Linted {
  const next = new Int32Array(job.queue);
  const linted: Linted = [];
  for (let index = Atomics.add(next, 0, 1); index < job.files.length; index = Atomics.add(next, 0, 1)) {
    linted.push([index, lintReadFile(job, index, reader, options)]);
  }
  return linted;
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

function lintInWorker(job: Job): Promise<Linted> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job, stdout: true, stderr: true });
    worker.once('message', (linted: Linted) => resolve(linted));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`lint thread exited with ${code}`)));
  });
}

// The worker's side: this module, loaded again in the thread, lints from the queue with the same policy.
if (!isMainThread && (workerData as Job | undefined)?.tag === JOB_TAG) {
  const job = workerData as Job;
  const reader = new FsReader(job.root);
  const options: RunOptions = { policy: loadPolicy(reader), appType: job.appType, contextDir: job.contextDir };
  try {
    parentPort!.postMessage(lintFromQueue(job, reader, options));
  } catch (error) {
    Atomics.store(new Int32Array(job.queue), 0, job.files.length);
    throw error;
  }
}
