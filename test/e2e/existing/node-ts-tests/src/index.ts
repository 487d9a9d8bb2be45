import { createServer } from 'node:http';

/** GET /health answers 200; every other path 404. */
export const server = createServer((request, response) => {
  response.statusCode = request.url === '/health' ? 200 : 404;
  response.end(response.statusCode === 200 ? 'ok' : 'not found');
});

if (require.main === module) {
  server.listen(Number(process.env.PORT ?? 3000));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
