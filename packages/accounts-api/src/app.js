import Fastify from 'fastify';

/** Builds the app without listening, so tests can inject requests. */
export function buildApp(options = {}) {
  const app = Fastify(options);
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/', async () => ({ service: 'accounts-api' }));
  return app;
}
