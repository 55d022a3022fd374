/**
 * Causal consistency across server instances. Each HTTP request runs in a scope that carries the
 * bookmarks its client sent back (the Neo4j-Bookmark header) and collects the bookmark of its last
 * committed write, which goes back to the client. The executor reads the scope, so resolvers and stores
 * need not know about it: a read in a scope waits until its Neo4j member has seen the client's writes,
 * on whichever instance and cluster member it lands.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CausalScope {
  /**
   * Bookmarks the client sent: every session of the request starts after them. Emptied when Neo4j
   * refuses them as never issued by this database (they then carry no order to wait for).
   */
  given: readonly string[];
  /** Bookmarks after the request's last committed write, for the client's next request. */
  written: string[] | undefined;
}

const storage = new AsyncLocalStorage<CausalScope>();

/** Runs `work` (and everything it awaits) in a new scope that starts after `given`. */
export function runInCausalScope<T>(scope: CausalScope, work: () => T): T {
  return storage.run(scope, work);
}

export function causalScope(): CausalScope | undefined {
  return storage.getStore();
}

/** The HTTP header, both ways: the response's bookmark after a write, the request's to read after it. */
export const BOOKMARK_HEADER = 'Neo4j-Bookmark';

/** At most this many bookmarks in one header, each at most MAX_BOOKMARK_LENGTH characters. */
export const MAX_BOOKMARKS = 16;
export const MAX_BOOKMARK_LENGTH = 512;
// Neo4j 5 bookmarks are "FB:" plus base64; older servers used "neo4j:bookmark:v1:tx42". Nothing else.
const BOOKMARK = /^[A-Za-z0-9+/=:_.-]+$/;

/** The bookmarks of a header value (comma-separated), or why the value is refused. */
export function parseBookmarks(header: string | null): string[] | { error: string } {
  if (header === null || header.trim() === '') return [];
  const bookmarks = header
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (bookmarks.length > MAX_BOOKMARKS)
    return { error: `${BOOKMARK_HEADER} carries ${bookmarks.length} bookmarks; at most ${MAX_BOOKMARKS}.` };
  for (const bookmark of bookmarks) {
    if (bookmark.length > MAX_BOOKMARK_LENGTH || !BOOKMARK.test(bookmark))
      return {
        error: `${BOOKMARK_HEADER} must be the value of an earlier response's ${BOOKMARK_HEADER} header, unchanged.`,
      };
  }
  return [...new Set(bookmarks)];
}
