/**
 * HTTP caching for read-mostly clients: a GET of a persisted operation is answered with a strong ETag
 * and Cache-Control, and a GET whose If-None-Match holds the current ETag gets 304 Not Modified before
 * anything is parsed or run — no GraphQL, no Cypher.
 *
 * The ETag names the request (its query string: the persisted operation's hash, variables, operation
 * name), who asks (Authorization and Accept, which change the answer) and the graph version: a
 * counter of this process, bumped by every write statement its executor runs and again when the
 * request that wrote has answered (its transaction has committed by then, so an answer read between
 * the statement and the commit is not labelled with the version after it). Any write changes every
 * ETag: coarse, but never stale, and free to check.
 *
 * The version lives in the process, not in Neo4j, so that a 304 costs no round trip. ETags carry a
 * random epoch of the process, so one instance never honours another's (a client moving between
 * instances gets a full answer, never a wrong 304). What an in-process version cannot see: writes made
 * by another process — another server instance behind the same load balancer, or `npm run import` into
 * the live database. With those, run one writer instance or restart (a new epoch) after an import;
 * docs/architecture.md says so. Cache-Control is `no-cache` (a cache may keep the answer but must
 * revalidate each time), `private` when the request carries credentials.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { BOOKMARK_HEADER } from '../neo4j/causal.ts';
import type { Executor } from '../neo4j/executor.ts';

/**
 * True for a GET that names a persisted operation by its hash and sends no query text. A request with a
 * Neo4j-Bookmark header asks to read after a write of its own (bookmarks.ts): it is always answered in
 * full, and that header is checked (a forged one refused) before anything else looks at it.
 */
export function isPersistedGet(request: Request, url: URL): boolean {
  if (request.method !== 'GET' || url.searchParams.has('query')) return false;
  if (request.headers.has(BOOKMARK_HEADER)) return false;
  const extensions = url.searchParams.get('extensions');
  return extensions?.includes('persistedQuery') === true;
}

/** The graph version of this process: see the header. */
export class GraphVersion {
  private readonly epoch = randomBytes(8).toString('base64url');
  private counter = 0;

  bump(): void {
    this.counter++;
  }

  get value(): string {
    return `${this.epoch}.${this.counter}`;
  }
}

function etagOf(version: string, request: Request, url: URL): string {
  const hash = createHash('sha256')
    .update(version)
    .update('\n')
    .update(url.search)
    .update('\n')
    .update(request.headers.get('authorization') ?? '')
    .update('\n')
    .update(request.headers.get('accept') ?? '')
    .digest('base64url');
  return `"${hash.slice(0, 32)}"`;
}

/**
 * If-None-Match: a list of entity tags; W/ marks a weak one (compared weakly, as RFC 9110 says). `*`
 * matches nothing here: it would answer 304 to any request, one this server never gave an ETag for (an
 * unknown hash, an error) included; only a tag this server gave out is a promise that nothing changed.
 */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === etag || t === `W/${etag}`;
  });
}

function cachingHeaders(request: Request, etag: string): Record<string, string> {
  return {
    etag,
    'cache-control': request.headers.get('authorization') ? 'private, no-cache' : 'public, no-cache',
    vary: 'Accept, Authorization',
  };
}

export function useHttpCache(executor: Pick<Executor, 'onStatement'>, version = new GraphVersion()): Plugin {
  /** The version each GET of a persisted operation started under, and whether its answer had errors. */
  const started = new WeakMap<Request, { version: string; url: URL; failed: boolean }>();
  let writes = 0;
  executor.onStatement((event) => {
    if (event.mode === 'WRITE') {
      version.bump();
      writes++;
    }
  });
  const writesAtStart = new WeakMap<Request, number>();
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      writesAtStart.set(request, writes);
      if (!isPersistedGet(request, url)) return;
      const current = version.value;
      const etag = etagOf(current, request, url);
      if (matches(request.headers.get('if-none-match'), etag)) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers: cachingHeaders(request, etag) }));
        return;
      }
      started.set(request, { version: current, url, failed: false });
    },
    onResultProcess({ request, result }) {
      const entry = started.get(request);
      if (!entry) return;
      const results = Array.isArray(result) ? result : [result];
      if (results.some((r) => !r || Symbol.asyncIterator in r || (r.errors?.length ?? 0) > 0))
        entry.failed = true;
    },
    onResponse({ request, response }) {
      // A request during which a write ran (its own, mostly): the version moves on once more, now that
      // the write has committed.
      if (writes !== writesAtStart.get(request)) version.bump();
      const entry = started.get(request);
      if (!entry || entry.failed || response.status !== 200) return;
      // Written to while this answer was read: it may show either state, so it gets no ETag.
      if (entry.version !== version.value) return;
      for (const [name, value] of Object.entries(
        cachingHeaders(request, etagOf(entry.version, request, entry.url)),
      ))
        response.headers.set(name, value);
    },
  };
}
