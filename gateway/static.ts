import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves the built console. Unknown paths get index.html so client-side routes load; hashed
 * assets are cached for a year, index.html never.
 */
export function createStaticHandler(distDir: string) {
  const root = resolve(distDir);
  const fileAt = async (urlPath: string) => {
    const path = normalize(join(root, decodeURIComponent(urlPath)));
    if (path !== root && !path.startsWith(root + sep)) return undefined;
    const info = await stat(path).catch(() => undefined);
    return info?.isFile() ? path : undefined;
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requested = new URL(req.url ?? '/', 'http://localhost').pathname;
    // Browsers ask for /favicon.ico whatever the page links; the console's icon is an SVG.
    const urlPath = requested === '/favicon.ico' ? '/favicon.svg' : requested;
    const file = (await fileAt(urlPath)) ?? (extname(urlPath) ? undefined : await fileAt('/index.html'));
    if (!file) {
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end(urlPath === '/' ? 'The console is not built yet: run `npm run build:web`.' : 'Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
  };
}
