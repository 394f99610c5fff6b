// Serves a built renderer app (Vite output) with an index.html fallback for client routes. Each
// listener serves only the files its own app needs (from Vite's manifest, dist/renderer/manifest.json): the dashboard's code
// is not found on the attendee listener.
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { HttpApp } from './http-base.js';

interface ManifestChunk {
  file: string;
  css?: string[];
  assets?: string[];
  imports?: string[];
  dynamicImports?: string[];
}

/** File names under assets/ that the app built from `<appName>/index.html` loads; null without a manifest. */
export function appAssetFiles(rendererDir: string, appName: string): Set<string> | null {
  const manifestFile = join(rendererDir, 'manifest.json');
  if (!existsSync(manifestFile)) return null;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(basename(file));
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  visit(`${appName}/index.html`);
  return seen.size ? files : null;
}

/**
 * @param rendererDir dist/renderer (holds assets/ and one folder per app)
 * @param appName 'attendee' or 'dashboard'
 * @param routes client-side routes that get the app's index.html
 */
export function serveRendererApp(app: HttpApp, rendererDir: string, appName: string, routes: string[]) {
  serveRendererApps(app, rendererDir, [{ name: appName, routes }]);
}

/** Several apps on one listener (the attendee listener also serves the photo wall): one assets folder, each app's files allowed. */
export function serveRendererApps(app: HttpApp, rendererDir: string, apps: { name: string; routes: string[] }[]) {
  const built = apps.map((a) => ({ ...a, allowed: existsSync(join(rendererDir, a.name, 'index.html')) ? appAssetFiles(rendererDir, a.name) : null }));
  for (const { name, routes, allowed } of built) {
    if (allowed) continue;
    const hint = `The ${name} app is not built yet: run "npm run build:renderer".`;
    for (const route of routes) app.get(route, async (_req, reply) => reply.code(503).type('text/plain').send(hint));
  }
  const ready = built.filter((a) => a.allowed);
  if (!ready.length) return;
  const indexes = new Set(ready.map((a) => `${a.name}/index.html`));
  const allowed = new Set(ready.flatMap((a) => [...a.allowed!]));
  app.register(fastifyStatic, {
    root: join(rendererDir, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d', // Vite names assets by content hash
    index: false,
    preCompressed: true, // .br / .gz copies written by the Vite build
    // Asked for by name (the compressed copy picked for it is checked as its name); the app's
    // index.html goes through sendFile, which this check sees too.
    allowedPath: (pathName) => {
      const name = pathName.replace(/^\//, '');
      return indexes.has(name) || (!name.includes('/') && allowed.has(name));
    },
  });
  for (const { name, routes } of ready) {
    for (const route of routes) {
      // index.html names the hashed assets: it must be revalidated, never cached for a year like them.
      app.get(route, async (_req, reply) => reply.header('Cache-Control', 'no-cache').sendFile(`${name}/index.html`, rendererDir, { cacheControl: false }));
    }
  }
}

/**
 * Sends the app's index.html with `status` (the friendly 404 page: the app shows it for a path
 * it does not know); false when the app is not built or @fastify/static is not there.
 */
export function sendAppPage(reply: FastifyReply, rendererDir: string, appName: string, status: number): boolean {
  if (typeof reply.sendFile !== 'function' || !existsSync(join(rendererDir, appName, 'index.html'))) return false;
  void reply.code(status).header('Cache-Control', 'no-cache').sendFile(`${appName}/index.html`, rendererDir, { cacheControl: false });
  return true;
}
