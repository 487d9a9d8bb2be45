import { test } from 'node:test';
import { doWork } from '../src/worker.js';

test('a unit of work completes', async () => {
  await doWork();
});
