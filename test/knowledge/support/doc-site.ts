import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page of the site, with the validators it answers conditional requests with. */
export interface Page {
  body: string;
  type?: string;
  etag?: string;
  lastModified?: string;
  /** Milliseconds before answering. */
  delayMs?: number;
}

/** A small documentation site whose pages the tests change; it records every request. */
export class DocSite {
  pages = new Map<string, Page>();
  requests: { path: string; status: number; conditional: boolean }[] = [];
  robots = 'User-agent: *\nDisallow: /docs/private/\n';
  server: Server;
  url = '';
  constructor() {
    this.server = createServer((req, res) => void this.answer(req, res));
  }
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  stop = () => new Promise((resolve) => this.server.close(resolve));
  fetches = (path: string) => this.requests.filter((r) => r.path === path);
  private async answer(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url!, 'http://x').pathname;
    const conditional = Boolean(req.headers['if-none-match'] || req.headers['if-modified-since']);
    const send = (status: number, headers: Record<string, string> = {}, body = '') => {
      this.requests.push({ path, status, conditional });
      res.writeHead(status, headers).end(body);
    };
    if (path === '/robots.txt')
      return send(200, { 'content-type': 'text/plain' }, `${this.robots}Sitemap: ${this.url}/sitemap.xml\n`);
    if (path === '/docs/moved') return send(301, { location: '/docs/guides/setup' });
    const page = this.pages.get(path);
    if (!page) return send(404, {}, 'not found');
    if (page.delayMs) await new Promise((resolve) => setTimeout(resolve, page.delayMs));
    if (page.etag && req.headers['if-none-match'] === page.etag) return send(304);
    if (page.lastModified && req.headers['if-modified-since'] === page.lastModified) return send(304);
    send(
      200,
      {
        'content-type': page.type ?? 'text/html; charset=utf-8',
        ...(page.etag && { etag: page.etag }),
        ...(page.lastModified && { 'last-modified': page.lastModified }),
      },
      page.body,
    );
  }
}

/** A documentation page: its title and content, with navigation around it that is not content. */
export const html = (
  title: string,
  main: string,
  links: string[] = [],
) => `<!doctype html><html><head><title>${title}</title></head>
<body><nav>${links.map((href) => `<a href="${href}">${href}</a>`).join(' ')} Menu Sign in</nav>
<main><h1>${title}</h1>${main}</main><footer>Copyright Example Docs</footer></body></html>`;

const sitemap = (site: DocSite, paths: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths
    .map((p) => `<url><loc>${site.url}${p}</loc></url>`)
    .join('')}</urlset>`;

/** The documentation site of the first tests. */
export function buildDocs(site: DocSite) {
  const links = [
    '/docs/guides/setup',
    '/docs/guides/setup#install',
    '/docs/api/calls',
    '/docs/changelog',
    '/docs/private/keys',
    '/docs/moved',
    '/outside/page',
    'mailto:docs@example.com',
  ];
  site.pages.set('/docs/', {
    body: html('Example Voice docs', '<p>Welcome to the Example Voice documentation.</p>', links),
  });
  site.pages.set('/docs/guides/setup', {
    etag: '"setup-v1"',
    body: html(
      'Setting up a phone number',
      '<h2 id="install">Buying a number</h2><p>Buy a phone number in the dashboard under Numbers, then point its voice webhook at your application.</p>',
      ['/docs/', '/docs/api/calls'],
    ),
  });
  site.pages.set('/docs/api/calls', {
    lastModified: 'Tue, 10 Nov 2026 10:00:00 GMT',
    body: html(
      'Calls API',
      '<h2>Create a call</h2><p>POST /v1/calls places an outbound call; the request needs to and from numbers in E.164 format.</p>',
    ),
  });
  site.pages.set('/docs/changelog', {
    body: html('Changelog', '<h2>November 2026</h2><p>Call recordings are now kept for ninety days.</p>'),
  });
  site.pages.set('/docs/orphan', {
    body: html('Legacy webhooks', '<p>Legacy status webhooks retry three times with exponential backoff.</p>'),
  });
  site.pages.set('/docs/private/keys', { body: html('Internal keys', '<p>Never crawl this.</p>') });
  site.pages.set('/outside/page', { body: html('Outside', '<p>Out of scope.</p>') });
  site.pages.set('/sitemap.xml', { type: 'application/xml', body: sitemap(site, ['/docs/', '/docs/orphan']) });
}
