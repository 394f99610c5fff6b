// Serves a built renderer app (Vite output) with an index.html fallback for client routes.
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpApp } from './http-base.js';

/**
 * @param rendererDir dist/renderer (holds assets/ and one folder per app)
 * @param appName 'attendee' or 'dashboard'
 * @param routes client-side routes that get the app's index.html
 */
export function serveRendererApp(app: HttpApp, rendererDir: string, appName: string, routes: string[]) {
  const indexFile = join(rendererDir, appName, 'index.html');
  if (!existsSync(indexFile)) {
    const hint = `The ${appName} app is not built yet: run "npm run build:renderer".`;
    for (const route of routes) app.get(route, async (_req, reply) => reply.code(503).type('text/plain').send(hint));
    return;
  }
  app.register(fastifyStatic, {
    root: join(rendererDir, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d', // Vite names assets by content hash
    index: false,
    preCompressed: true, // .br / .gz copies written by the Vite build
  });
  for (const route of routes) {
    // index.html names the hashed assets: it must be revalidated, never cached for a year like them.
    app.get(route, async (_req, reply) =>
      reply.header('Cache-Control', 'no-cache').sendFile(`${appName}/index.html`, rendererDir, { cacheControl: false }));
  }
}
