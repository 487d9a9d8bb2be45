import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildServer } from '../src/app.js';

const server = buildServer();
let base;

before(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

test('GET /health answers 200', async () => {
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('GET /prices/:cents formats the price with @shop/shared', async () => {
  assert.deepEqual(await (await fetch(`${base}/prices/1999`)).json(), { cents: 1999, price: '$19.99' });
});
