import { closeSync, openSync, utimesSync } from 'node:fs';

// The image HEALTHCHECK fails when this file is older than 30 seconds.
const heartbeatFile = process.env.HEARTBEAT_FILE ?? '/tmp/heartbeat';
const intervalMs = Number(process.env.WORK_INTERVAL_MS ?? 5000);

/** One unit of work: replace with the real job (poll a queue, run a batch, ...). */
export async function doWork() {
  console.log(JSON.stringify({ level: 'info', msg: 'tick', time: new Date().toISOString() }));
}

function touch(file) {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    closeSync(openSync(file, 'w'));
  }
}

async function main() {
  let stopping = false;
  let wake = () => {};
  // PID 1 in a container gets no default SIGTERM handling: finish the current unit, then exit.
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => {
      stopping = true;
      wake();
    });
  }
  while (!stopping) {
    await doWork();
    touch(heartbeatFile);
    await new Promise((resolve) => {
      wake = resolve;
      setTimeout(resolve, intervalMs);
    });
  }
  console.log(JSON.stringify({ level: 'info', msg: 'worker stopped' }));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
