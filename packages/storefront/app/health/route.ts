// Probed by the image HEALTHCHECK; never cached, never prerendered.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' });
}
