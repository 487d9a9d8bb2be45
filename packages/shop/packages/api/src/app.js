import { createServer } from 'node:http';
import { formatPrice, uptime } from '@shop/shared';

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** Builds the server without listening, so tests can pick their own port. */
export function buildServer() {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const price = /^\/prices\/(\d{1,9})$/.exec(url.pathname);
    if (req.method !== 'GET') return json(res, 405, { error: 'method not allowed' });
    if (url.pathname === '/health') return json(res, 200, { status: 'ok' });
    if (url.pathname === '/') return json(res, 200, { service: 'shop-api', uptime: uptime() });
    if (price) return json(res, 200, { cents: Number(price[1]), price: formatPrice(Number(price[1])) });
    return json(res, 404, { error: 'not found' });
  });
}
