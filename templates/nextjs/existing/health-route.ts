// Added by dockwright: the image's HEALTHCHECK probes this path. A plain GET handler, with no
// route segment config, so it works with and without `cacheComponents`.
export function GET() {
  return Response.json({ status: 'ok' });
}
