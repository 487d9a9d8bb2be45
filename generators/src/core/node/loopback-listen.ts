/**
 * Fastify servers that bind localhost only: `listen({ port })` without a host, or `listen(3000)`,
 * binds 127.0.0.1 and ::1 (Fastify's default), which nothing outside the container reaches and no
 * environment variable changes. The source is read as it is written; a notice says what to add.
 */
import type { Notice } from '../context.js';
import { asRecord, parseJson } from '../detect.js';
import { sourceFiles } from '../source-files.js';
import type { WorkspaceReader } from '../workspace.js';

const EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
/** `.listen({ … })` with no `host` key, or `.listen(3000)` / `.listen(PORT, callback)` (Fastify before v5). */
const LISTEN = /\.listen\(\s*(?:\{(?<options>[^{}]*)\}|(?:\d+|[\w$.]*[Pp][Oo][Rr][Tt][\w$]*)\s*[,)])/g;
const MESSAGE = "Fastify's listen() without a host binds localhost only, which nothing outside the container reaches; pass host: '0.0.0.0' (e.g. host: process.env.HOST ?? '0.0.0.0')";

/** Only in a package that depends on fastify: other servers' `listen(port)` (Express, Koa, node:http) binds every interface. */
export function loopbackListeners(workspace: WorkspaceReader, root: string): Notice[] {
  const manifest = parseJson(workspace.read(`${root}/package.json`)) ?? {};
  if (!('fastify' in asRecord(manifest.dependencies))) return [];
  const bindsLoopback = (content: string) =>
    [...content.matchAll(LISTEN)].some((match) => match.groups?.options === undefined || !/\bhost\b/.test(match.groups.options));
  return sourceFiles(workspace, root, EXTENSIONS)
    .filter((file) => bindsLoopback(file.content))
    .map((file) => ({ path: `${root}/${file.path}`, message: MESSAGE }));
}
