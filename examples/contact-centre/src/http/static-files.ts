import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * Serve files under `prefix` from `dir`. Only known file types, never
 * anything outside `dir`: no front-end build step, and no path traversal.
 */
export function staticFiles(prefix: string, dir: string): MiddlewareHandler {
  const root = normalize(dir.endsWith(sep) ? dir : dir + sep);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path;
    if (!path.startsWith(prefix)) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(path.slice(prefix.length));
    } catch {
      return next();
    }
    const file = normalize(join(root, relative));
    const type = types[extname(file)];
    if (!file.startsWith(root) || !type || relative.includes('\0')) return next();
    try {
      const body = await readFile(file);
      return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
    } catch {
      return next();
    }
  };
}
