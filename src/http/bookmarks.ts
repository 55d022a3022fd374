/**
 * The Neo4j-Bookmark header (see causal.ts): a response to a request that wrote carries the bookmark of
 * that write; a client that sends it back on its next request reads its write there, whichever server
 * instance behind the load balancer and whichever cluster member answers. The server itself keeps no
 * state per client. A malformed header, or one this deployment did not sign, is refused with 400
 * before anything runs.
 */
import type { Plugin } from 'graphql-yoga';
import {
  BOOKMARK_HEADER,
  type CausalScope,
  parseBookmarks,
  runInCausalScope,
  signBookmark,
} from '../neo4j/causal.ts';

/** `secret` signs the bookmarks this server gives out, and checks those it gets back (BOOKMARK_SECRET). */
export function useBookmarks(secret: string): Plugin {
  const scopes = new WeakMap<Request, CausalScope | { error: string }>();
  return {
    instrumentation: {
      // Around the whole request, so that every resolver and export runs in its scope.
      request({ request }, handle) {
        const given = parseBookmarks(request.headers.get(BOOKMARK_HEADER), secret);
        if (!Array.isArray(given)) {
          scopes.set(request, given);
          return handle();
        }
        const scope: CausalScope = { given, written: undefined };
        scopes.set(request, scope);
        return runInCausalScope(scope, handle);
      },
    },
    onRequest({ request, endResponse, fetchAPI }) {
      const scope = scopes.get(request);
      if (scope && 'error' in scope) {
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({ errors: [{ message: scope.error, extensions: { code: 'BAD_REQUEST' } }] }),
            { status: 400, headers: { 'content-type': 'application/json; charset=utf-8' } },
          ),
        );
      }
    },
    onResponse({ request, response }) {
      const scope = scopes.get(request);
      if (!scope || 'error' in scope || !scope.written?.length) return;
      response.headers.set(BOOKMARK_HEADER, scope.written.map((b) => signBookmark(secret, b)).join(','));
      // Browsers on another origin may read it only when told so.
      if (request.headers.get('origin'))
        response.headers.append('access-control-expose-headers', BOOKMARK_HEADER);
    },
  };
}
