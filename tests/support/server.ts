/** A minimal static file server for the built site, on a free loopback port. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
};

/**
 * Serve `dir` at `base` ("/" or "/repo/", as a static host serves a project page). Text files are
 * sent gzipped when the browser accepts it, as real static hosts do, so transfer sizes (and the
 * throttled-network tests) are realistic. Other paths get the 404 page.
 */
export async function serve(dir: string, base = '/'): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const full = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const path = full.startsWith(base) ? `/${full.slice(base.length)}` : '/\0outside-base';
    let file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': TYPES['.html']! });
      createReadStream(join(dir, '404.html')).pipe(res);
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (
      /^(?:text|application\/(?:json|javascript))|svg/.test(type) &&
      /\bgzip\b/.test(String(req.headers['accept-encoding']))
    ) {
      res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip' });
      createReadStream(file).pipe(createGzip()).pipe(res);
      return;
    }
    res.writeHead(200, { 'Content-Type': type });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
