/**
 * GraphiQL at /graphql as a small HTML page and immutable, hashed, compressed files: the same GraphiQL
 * that @graphql-yoga/render-graphiql inlines (9 MB in one uncompressed page), cut into its script, its
 * styles and its three Monaco workers under /graphiql/<name>.<hash>.<ext>, each gzipped and brotli-
 * compressed once and cached by browsers for a year. Nothing comes from another host.
 *
 * A small boot script (graphiql-boot.js) starts it. When the page is opened with `?query=` (the
 * Explorer's "Open in GraphiQL"), the boot script gives that query its own tab, titled with `?title=`,
 * beside the example tabs, instead of letting GraphiQL write it over the first example.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'graphql-yoga';
import { fromRoot } from '../project-root.ts';
import { type CompressedBody, compress, contentHash, IMMUTABLE, respond } from './compressed.ts';

const BOOT = readFileSync(fromRoot('src', 'http', 'graphiql-boot.js'), 'utf8');
const FAVICON = readFileSync(fromRoot('src', 'http', 'explorer', 'public', 'favicon.svg'), 'utf8');

interface Asset {
  name: string;
  contentType: string;
  text: string;
  /** Compressed on first request (or by main.ts at start), once. */
  compressed: Promise<CompressedBody> | null;
}

const JS = 'text/javascript; charset=utf-8';

let built: Promise<Map<string, Asset>> | null = null;

/**
 * The files and their names (a hash of each: fast); the page can name them before any is compressed.
 */
function assets(): Promise<Map<string, Asset>> {
  built ??= (async () => {
    const parts = await import('@graphql-yoga/render-graphiql/graphiql');
    const sources: [string, string, string, string][] = [
      ['js', 'graphiql', 'js', parts.js],
      ['css', 'graphiql', 'css', parts.css],
      ['editorWorkerService', 'editor.worker', 'js', parts.editorWorkerService],
      ['json', 'json.worker', 'js', parts.jsonWorker],
      ['graphql', 'graphql.worker', 'js', parts.graphqlWorker],
      ['boot', 'graphiql-boot', 'js', BOOT],
      ['favicon', 'favicon', 'svg', FAVICON],
    ];
    const map = new Map<string, Asset>();
    for (const [role, base, ext, text] of sources) {
      const contentType = ext === 'css' ? 'text/css; charset=utf-8' : ext === 'svg' ? 'image/svg+xml' : JS;
      map.set(role, {
        name: `${base}.${contentHash(text).slice(0, 16)}.${ext}`,
        contentType,
        text,
        compressed: null,
      });
    }
    return map;
  })();
  return built;
}

function compressed(asset: Asset): Promise<CompressedBody> {
  asset.compressed ??= compress(asset.text);
  return asset.compressed;
}

/**
 * Compresses every file (in zlib's thread pool) ahead of their first request. The server does not call
 * it (each file is compressed on its first request): compressing at start kept ~130 MiB of RSS.
 */
export async function graphiqlAssets(): Promise<void> {
  await Promise.all([...(await assets()).values()].map(compressed));
}

const PREFIX = '/graphiql/';

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** yoga's `renderGraphiQL`: the page that loads the files. */
export async function renderGraphiQL(options?: Record<string, unknown>): Promise<string> {
  const files = await assets();
  const url = (role: string) => `${PREFIX}${files.get(role)?.name}`;
  const config = {
    options: options ?? {},
    workers: {
      editorWorkerService: url('editorWorkerService'),
      json: url('json'),
      graphql: url('graphql'),
    },
  };
  const title = typeof options?.title === 'string' ? options.title : 'GraphiQL';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(title)}</title>
    <link rel="icon" href="${url('favicon')}" type="image/svg+xml" />
    <link rel="stylesheet" href="${url('css')}" />
    <style>
      /* GraphiQL's tabs can be dragged to reorder them; their drag offsets go stale (a tab jumps away
         on mouse-down, and its click is lost). Tabs stay where they are drawn. */
      .graphiql-tabs .graphiql-tab {
        transform: none !important;
      }
    </style>
    <script defer src="${url('js')}"></script>
    <script defer src="${url('boot')}"></script>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-config">${scriptJson(config)}</script>
  </body>
</html>
`;
}

/**
 * Answers GET /graphiql/<name>.<hash>.<ext> with the file, cached for a year. The files are built on
 * first use; the server (main.ts) builds them at start, so that its first visitor does not wait.
 */
export function useGraphiQLAssets(): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith(PREFIX)) return;
      const name = url.pathname.slice(PREFIX.length);
      const asset = [...(await assets()).values()].find((a) => a.name === name);
      if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) {
        endResponse(
          new Response('Not found\n', {
            status: 404,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          }),
        );
        return;
      }
      endResponse(
        respond(request, await compressed(asset), {
          'content-type': asset.contentType,
          'cache-control': IMMUTABLE,
        }),
      );
    },
  };
}
