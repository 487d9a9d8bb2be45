import { buildServer } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const server = buildServer();

// PID 1 in a container gets no default SIGTERM handling: close the server ourselves.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    console.log(`${signal}: shutting down`);
    server.close(() => process.exit(0));
  });
}

server.listen(port, '0.0.0.0', () => console.log(`listening on ${port}`));
