/**
 * The health endpoint of an existing app: found in its source where the framework makes it
 * knowable, added where a new file can serve it (Next.js), refused with one line otherwise.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { routeServes, routeServesUnderSomePrefix } from '../../generators/src/core/health/route-match.js';
import { REPO_ROOT } from '../support/cli.js';
import { planFor } from '../support/generate.js';
import { MemoryWorkspace } from '../support/memory-workspace.js';

const existing = (files: Record<string, string>) =>
  new MemoryWorkspace(Object.fromEntries(Object.entries(files).map(([path, content]) => [`packages/svc/${path}`, content])));

/** A fixture folder as workspace files under packages/svc. */
function fixture(folder: string): MemoryWorkspace {
  const root = join(REPO_ROOT, folder);
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return existing(files);
}

const planned = (workspace: MemoryWorkspace, answers: Record<string, string> = {}) =>
  planFor({ name: 'svc', mode: 'existing', ...answers }, workspace);
const paths = (workspace: MemoryWorkspace, answers?: Record<string, string>) => planned(workspace, answers).changes.map((change) => change.path);

describe('route templates', () => {
  it.each([
    ['/health', '/health', true],
    ['/health/', '/health', true],
    ['/', '/', true],
    ['/', '/health', false],
    ['/healthz', '/health', false],
    // A parameter or a catch-all may answer 404 for the health path: it does not count.
    ['/:slug', '/health', false],
    ['/items/{item_id}', '/items/health', false],
    ['/[slug]', '/health', false],
    ['/[...slug]', '/a/b', false],
    ['*', '/health', false],
  ])('%s serves %s: %s', (template, path, served) => {
    expect(routeServes(template, path)).toBe(served);
  });

  it("net/http: a pattern ending in / serves its subtree (\"/\" serves everything), other routers' trailing slash does not", () => {
    expect(routeServes('/', '/health', { slashMeansSubtree: true })).toBe(true);
    expect(routeServes('/api/', '/api/health', { slashMeansSubtree: true })).toBe(true);
    expect(routeServes('/api/', '/other/health', { slashMeansSubtree: true })).toBe(false);
    expect(routeServes('/api/', '/api/health')).toBe(false);
  });

  it('a registration under an unseen prefix serves the prefixed path, never a shorter one', () => {
    expect(routeServesUnderSomePrefix('/health', '/api/v1/health')).toBe(true);
    expect(routeServesUnderSomePrefix('/api/health', '/health')).toBe(false);
    expect(routeServesUnderSomePrefix('/', '/health')).toBe(false);
  });
});

describe('Next.js (file-system router)', () => {
  const app = { 'package.json': '{"dependencies":{"next":"16.4.3"}}', 'package-lock.json': '{}', 'tsconfig.json': '{}' };

  it('create-next-app as it comes (no health route): adds app/health/route.ts, touching no user file', () => {
    const workspace = fixture('test/fixtures/apps/create-next-app');
    const result = planned(workspace);
    const route = result.changes.find((change) => change.path === 'packages/svc/app/health/route.ts');
    expect(route).toMatchObject({ previous: undefined, ownership: 'owned' });
    expect(route!.content).toMatch(/export function GET\(\)/);
    expect(route!.content).not.toMatch(/export const dynamic/);
    const userFilesEdited = result.changes.filter((change) => change.previous !== undefined).map((change) => change.path);
    expect(userFilesEdited).toEqual(['packages/svc/next.config.ts']);
  });

  it.each([
    ['app router route handler', 'app/health/route.ts'],
    ['app router page in a route group', 'app/(ops)/health/page.tsx'],
    ['app router under src/', 'src/app/health/route.js'],
    ['pages router page', 'pages/health.tsx'],
    ['pages router index', 'pages/health/index.jsx'],
  ])('%s serves /health: nothing added', (_label, file) => {
    expect(paths(existing({ ...app, [file]: 'export default function X() {}' })).filter((path) => path.includes('/health/route.'))).toEqual([]);
  });

  it('a private folder does not serve, and the route goes beside a src/pages router, in JavaScript without a tsconfig', () => {
    const workspace = existing({ 'package.json': app['package.json'], 'package-lock.json': '{}', 'src/pages/index.js': '', 'src/app/_health/route.js': '' });
    expect(paths(workspace)).toContain('packages/svc/src/app/health/route.js');
  });

  it('/ is served by the home page', () => {
    expect(paths(existing({ ...app, 'app/page.tsx': '' }), { healthPath: '/' }).some((path) => path.endsWith('/route.ts'))).toBe(false);
  });
});

describe('frameworks that register routes in code', () => {
  const manifests = {
    node: { 'package.json': '{"main":"src/index.js"}', 'package-lock.json': '{}' },
    python: { 'requirements.txt': 'fastapi==0.115.11\n' },
    go: { 'go.mod': 'module example.com/svc\n\ngo 1.24\n' },
    rust: { 'Cargo.toml': '[package]\nname = "svc"\nversion = "0.1.0"\n' },
  } as const;

  it.each([
    ['node', 'Express', 'src/index.js', "const app = express();\napp.get('/health', (req, res) => res.send('ok'));\n"],
    ['node', 'Express route chain', 'src/routes.js', "router.route('/health').get((req, res) => res.json({}));\n"],
    ['node', 'Fastify shorthand', 'src/app.ts', 'fastify.get("/health", async () => ({ ok: true }))\n'],
    ['node', 'Fastify route object', 'src/app.js', "fastify.route({\n  method: 'GET',\n  url: '/health',\n  handler: async () => 'ok',\n});\n"],
    ['node', 'hapi route object', 'lib/server.js', "server.route({ path: '/health', method: 'GET', handler: () => 'ok' });\n"],
    ['node', 'NestJS controller', 'src/health.controller.ts', "@Controller('health')\nexport class HealthController {\n  @Get()\n  check() { return 'ok'; }\n}\n"],
    ['node', 'Express router under a prefix', 'src/api.js', "router.get('/health', handler); // mounted at /api by app.use('/api', router)\n"],
    ['python', 'FastAPI', 'app/main.py', '@app.get("/health")\ndef health():\n    return {"status": "ok"}\n'],
    ['python', 'Flask', 'app.py', "@app.route('/health')\ndef health():\n    return 'ok'\n"],
    ['python', 'Starlette', 'main.py', 'routes = [Route("/health", endpoint=health)]\n'],
    ['go', 'net/http pattern', 'main.go', 'mux.HandleFunc("GET /health", health)\n'],
    ['go', 'gin', 'cmd/server/main.go', 'r.GET("/health", func(c *gin.Context) { c.String(200, "ok") })\n'],
    ['rust', 'axum', 'src/main.rs', 'let app = Router::new().route("/health", get(health));\n'],
    ['rust', 'actix-web', 'src/main.rs', '#[get("/health")]\nasync fn health() -> impl Responder { "ok" }\n'],
  ] as const)('%s %s: /health is served, nothing refused', (stack, _label, file, source) => {
    const healthPath = _label === 'Express router under a prefix' ? '/api/health' : '/health';
    const result = planned(existing({ ...manifests[stack], [file]: source }), { stack, healthPath });
    expect(result.notices.filter((notice) => notice.message.includes('route'))).toEqual([]);
  });

  it('a FastAPI app without the route (the FastAPI tutorial as published): one line naming its routes', () => {
    expect(() => planned(fixture('test/fixtures/apps/fastapi-first-steps'))).toThrow(
      /^healthPath: packages\/svc serves no GET \/health \(routes found: \/\); add that route to the app, or pass --healthPath with the path it serves \(a route dockwright cannot see is then trusted\)$/,
    );
    expect(planned(fixture('test/fixtures/apps/fastapi-first-steps'), { healthPath: '/' }).spec.healthPath).toBe('/');
  });

  it('a POST-only route and a client call do not count', () => {
    const source = "app.post('/health', handler);\napp.get('/users', list);\n";
    expect(() => planned(existing({ ...manifests.node, 'src/index.js': source }), { stack: 'node' })).toThrow(/routes found: \/users\)/);
  });

  it('no route found at all: a notice, not a refusal', () => {
    const result = planned(existing({ ...manifests.node, 'src/index.js': "http.createServer(handle).listen(3000);\n" }), { stack: 'node' });
    expect(result.notices.map((notice) => notice.message)).toEqual([expect.stringMatching(/^no route registration found .*GET \/health/)]);
  });

  it('files in node_modules, dist and .venv are not the app', () => {
    const workspace = existing({ ...manifests.node, 'src/index.js': "app.get('/users', list);\n", 'node_modules/x/index.js': "app.get('/health', h);\n", 'dist/index.js': "app.get('/health', h);\n" });
    expect(() => planned(workspace, { stack: 'node' })).toThrow(/routes found: \/users\)/);
  });
});

describe('apps as new users have them', () => {
  const node = { 'package.json': '{"main":"src/index.js"}', 'package-lock.json': '{}' };

  it('a test that calls the route is not the app', () => {
    const workspace = existing({ ...node, 'src/index.js': "app.get('/users', list);\n", 'test/app.test.js': "request(app).get('/health').expect(404);\n", 'src/app.spec.js': "request(app).get('/health');\n" });
    expect(() => planned(workspace, { stack: 'node' })).toThrow(/routes found: \/users\)/);
  });

  it('a virtual environment under any name is not the app', () => {
    const workspace = existing({ 'requirements.txt': 'fastapi==0.115.11\n', 'app/main.py': '@app.get("/")\ndef root(): ...\n', 'env/pyvenv.cfg': 'home = /usr/bin\n', 'env/lib/site.py': '@app.get("/health")\n' });
    expect(() => planned(workspace, { stack: 'python' })).toThrow(/routes found: \/\)/);
  });

  it('Flask methods=["POST"] is not a GET route; methods=["GET", "HEAD"] is', () => {
    const post = existing({ 'requirements.txt': 'flask\n', 'app.py': '@app.route("/health", methods=["POST"])\ndef h(): ...\n@app.route("/")\ndef i(): ...\n' });
    expect(() => planned(post, { stack: 'python' })).toThrow(/routes found: \/\)/);
    const get = existing({ 'requirements.txt': 'flask\n', 'app/main.py': '@app.route("/health", methods=["GET", "HEAD"])\ndef h(): ...\n' });
    expect(planned(get, { stack: 'python' }).notices).toEqual([]);
  });

  it("Fastify method arrays and NestJS @Controller({ path }) count", () => {
    expect(planned(existing({ ...node, 'src/index.js': "fastify.route({ method: ['HEAD', 'GET'], url: '/health', handler });\n" }), { stack: 'node' }).notices).toEqual([]);
    expect(planned(existing({ ...node, 'src/health.controller.ts': "@Controller({ path: 'health' })\nexport class H {\n  @Get()\n  check() {}\n}\n" }), { stack: 'node' }).notices).toEqual([]);
  });

  it('net/http: "/" serves /health', () => {
    const workspace = existing({ 'go.mod': 'module x\n\ngo 1.24\n', 'main.go': 'http.HandleFunc("/", index)\n' });
    expect(planned(workspace, { stack: 'go' }).notices).toEqual([]);
  });

  it('a route the source cannot show is trusted when the user names the path, with a notice', () => {
    const workspace = existing({ ...node, 'src/index.js': "app.use('/health', healthRouter);\nrouter.get('/', ok);\n" });
    expect(() => planned(workspace, { stack: 'node' })).toThrow(/^healthPath: /);
    const trusted = planned(workspace, { stack: 'node', healthPath: '/health' });
    expect(trusted.notices.map((notice) => notice.message)).toEqual([expect.stringMatching(/^no registration of GET \/health found \(routes found: \/\); the HEALTHCHECK probes GET \/health, make sure the app serves it$/)]);
  });

  it('Next.js basePath: the health path must be under it, and the route goes below app/ without it', () => {
    const app = { 'package.json': '{"dependencies":{"next":"16.4.3"}}', 'package-lock.json': '{}', 'tsconfig.json': '{}', 'app/page.tsx': '', 'next.config.mjs': "export default { basePath: '/docs' };\n" };
    expect(() => planned(existing(app))).toThrow(/^healthPath: next.config sets basePath \/docs, so Next.js serves every route under it; pass --healthPath \/docs\/health$/);
    expect(paths(existing(app), { healthPath: '/docs/health' })).toContain('packages/svc/app/health/route.ts');
  });

  it('Next.js before 13.4 with the pages router only: no app route to add, one line', () => {
    const app = { 'package.json': '{"dependencies":{"next":"12.3.4"}}', 'package-lock.json': '{}', 'pages/index.js': '' };
    expect(() => planned(existing(app))).toThrow(/^healthPath: Next.js 12.3 has no app router to add a health route to; add a page at pages\/health.js/);
  });
});

describe('/ as the health path', () => {
  it('is refused where it would hide the site or the skeleton home page, one line each', () => {
    expect(() => planFor({ name: 'svc', stack: 'static', healthPath: '/' })).toThrow(/^healthPath: \/ cannot be the static health path/);
    expect(() => planFor({ name: 'svc', stack: 'nextjs', healthPath: '/' })).toThrow(/^healthPath: \/ is the nextjs skeleton's home page/);
  });

  it('is accepted for APIs', () => {
    expect(planFor({ name: 'svc', stack: 'python', healthPath: '/' }).spec.healthPath).toBe('/');
  });
});
