/**
 * Serves the Explorer, the web page at `/`: `/` is public/index.html, `/explorer/<file>` a file of
 * public/, and `/explorer/vendor/cytoscape.min.mjs` cytoscape's minified ES module from node_modules.
 * Nothing is fetched from another host. Files are read once and kept in memory (re-read when their
 * modification time changes), gzipped for clients that accept it, and revalidated with an ETag.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

export const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const CYTOSCAPE_FILE = path.join(
  path.dirname(createRequire(import.meta.url).resolve('cytoscape')),
  'cytoscape.esm.min.mjs',
);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page may load scripts, styles and data from this server only. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // cytoscape positions its canvases with inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

interface CachedFile {
  mtimeMs: number;
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer> | null;
  etag: string;
}

const cache = new Map<string, CachedFile>();

async function load(file: string): Promise<CachedFile | null> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return null;
  }
  if (!info.isFile()) return null;
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === info.mtimeMs) return cached;
  const body = new Uint8Array(await readFile(file));
  const gzip = body.byteLength > 1024 ? new Uint8Array(gzipSync(body, { level: 9 })) : null;
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
  const entry = { mtimeMs: info.mtimeMs, body, gzip, etag };
  cache.set(file, entry);
  return entry;
}

/** The file a request path names, or null when it names none (or tries to leave the folder). */
export function resolveExplorerPath(pathname: string): { file: string; cacheControl: string } | null {
  if (pathname === '/' || pathname === '/index.html') {
    return { file: path.join(PUBLIC_DIR, 'index.html'), cacheControl: 'no-cache' };
  }
  if (pathname === '/explorer/vendor/cytoscape.min.mjs') {
    return { file: CYTOSCAPE_FILE, cacheControl: 'public, max-age=86400' };
  }
  if (!pathname.startsWith('/explorer/')) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice('/explorer/'.length));
  } catch {
    return null;
  }
  if (!relative || relative.includes('\0') || relative.includes('\\')) return null;
  const file = path.resolve(PUBLIC_DIR, relative);
  if (!file.startsWith(PUBLIC_DIR)) return null;
  if (!(path.extname(file) in CONTENT_TYPES)) return null;
  return { file, cacheControl: 'no-cache' };
}

function notFound(): Response {
  return new Response('Not found\n', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}

/** The response for a request to the Explorer, or null when the request is not for it. */
export async function serveExplorer(request: Request, url: URL): Promise<Response | null> {
  const { pathname } = url;
  if (pathname !== '/' && pathname !== '/index.html' && !pathname.startsWith('/explorer/')) return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed\n', {
      status: 405,
      headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const target = resolveExplorerPath(pathname);
  if (!target) return notFound();
  const file = await load(target.file);
  if (!file) return notFound();

  const contentType = CONTENT_TYPES[path.extname(target.file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'content-type': contentType,
    'cache-control': target.cacheControl,
    etag: file.etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
  };
  if (contentType.startsWith('text/html')) {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['referrer-policy'] = 'same-origin';
  }
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch?.split(/\s*,\s*/).includes(file.etag)) {
    return new Response(null, { status: 304, headers });
  }
  let body = file.body;
  if (file.gzip && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
    body = file.gzip;
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.byteLength);
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

/** A yoga plugin that answers the Explorer's requests before yoga sees them. */
export function useExplorer(): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      try {
        const response = await serveExplorer(request, url);
        if (response) endResponse(response);
      } catch {
        // An exception here would not be caught by yoga: answer 500 instead.
        endResponse(new Response('Internal server error\n', { status: 500 }));
      }
    },
  };
}
