/**
 * Serves the Explorer, the web page at `/`: `/` is public/index.html, `/explorer/<file>` a file of
 * public/, and `/explorer/vendor/cytoscape.min.mjs` cytoscape's minified ES module from node_modules.
 * Nothing is fetched from another host. Files are read once and kept in memory (re-read when their
 * modification time changes), gzipped and brotli-compressed for clients that accept it, and revalidated
 * with an ETag.
 *
 * The page itself names its files under `/explorer/<build>/…`, where <build> is a hash of all of them:
 * those URLs never change content, so they are cached for a year ("immutable"); a changed file makes a
 * new <build>, and index.html (always revalidated) names the new one. The modules import each other
 * by relative paths, so they need no rewriting.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { fromRoot } from '../../project-root.ts';
import { type CompressedBody, compress, IMMUTABLE, respond } from '../compressed.ts';

export const PUBLIC_DIR = fromRoot('src', 'http', 'explorer', 'public');
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
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

interface CachedFile extends CompressedBody {
  mtimeMs: number;
}

const cache = new Map<string, Promise<CachedFile>>();

async function load(file: string): Promise<CachedFile | null> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return null;
  }
  if (!info.isFile()) return null;
  const cached = cache.get(file);
  if (cached) {
    const entry = await cached;
    if (entry.mtimeMs === info.mtimeMs) return entry;
  }
  const loading = (async () => {
    const body = new Uint8Array(await readFile(file));
    let text: Uint8Array | string = body;
    if (file === path.join(PUBLIC_DIR, 'index.html')) {
      // The page names its files under the build's hash (see above).
      const build = await buildHash();
      text = Buffer.from(body).toString('utf8').replaceAll('"/explorer/', `"/explorer/${build}/`);
    }
    return { ...(await compress(text)), mtimeMs: info.mtimeMs };
  })();
  cache.set(file, loading);
  return loading;
}

let build: { key: string; hash: string } | null = null;

/** A hash of every file the page loads (their names and modification times, then contents). */
export async function buildHash(): Promise<string> {
  const names = (await readdir(PUBLIC_DIR)).filter((n) => n !== 'index.html').sort();
  const files = [...names.map((n) => path.join(PUBLIC_DIR, n)), CYTOSCAPE_FILE];
  const stats = await Promise.all(files.map((f) => stat(f)));
  const key = files.map((f, i) => `${f}:${stats[i]?.mtimeMs}:${stats[i]?.size}`).join('|');
  if (build?.key === key) return build.hash;
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.slice(PUBLIC_DIR.length)).update(await readFile(file));
  build = { key, hash: hash.digest('hex').slice(0, 12) };
  return build.hash;
}

/** The file a request path names, or null when it names none (or tries to leave the folder). */
export async function resolveExplorerPath(
  pathname: string,
): Promise<{ file: string; cacheControl: string } | null> {
  if (pathname === '/' || pathname === '/index.html') {
    return { file: path.join(PUBLIC_DIR, 'index.html'), cacheControl: 'no-cache' };
  }
  if (!pathname.startsWith('/explorer/')) return null;
  let rest = pathname.slice('/explorer/'.length);
  let cacheControl = 'no-cache';
  const hashed = /^([0-9a-f]{12})\//.exec(rest);
  if (hashed) {
    rest = rest.slice(hashed[0].length);
    // Only the current build is immutable; an older one gets today's file, revalidated.
    if (hashed[1] === (await buildHash())) cacheControl = IMMUTABLE;
  }
  if (rest === 'vendor/cytoscape.min.mjs') {
    return { file: CYTOSCAPE_FILE, cacheControl: hashed ? cacheControl : 'public, max-age=86400' };
  }
  let relative: string;
  try {
    relative = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (!relative || relative.includes('\0') || relative.includes('\\') || relative === 'index.html')
    return null;
  const file = path.resolve(PUBLIC_DIR, relative);
  if (!file.startsWith(PUBLIC_DIR)) return null;
  if (!(path.extname(file) in CONTENT_TYPES)) return null;
  return { file, cacheControl };
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
  const target = await resolveExplorerPath(pathname);
  if (!target) return notFound();
  const file = await load(target.file);
  if (!file) return notFound();

  const contentType = CONTENT_TYPES[path.extname(target.file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'content-type': contentType,
    'cache-control': target.cacheControl,
  };
  if (contentType.startsWith('text/html')) {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['referrer-policy'] = 'same-origin';
  }
  return respond(request, file, headers);
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
