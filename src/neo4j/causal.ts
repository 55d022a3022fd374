/**
 * Causal consistency across server instances. Each HTTP request runs in a scope that carries the
 * bookmarks its client sent back (the Neo4j-Bookmark header) and collects the bookmark of its last
 * committed write, which goes back to the client. The executor reads the scope, so resolvers and stores
 * need not know about it: a read in a scope waits until its Neo4j member has seen the client's writes,
 * on whichever instance and cluster member it lands.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, timingSafeEqual } from 'node:crypto';

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

/*
 * Bookmarks go out signed ("<bookmark>~<signature>") and come back only with a signature of ours.
 * A bookmark names a transaction to wait for: a made-up one, of a transaction still to come, has Neo4j
 * wait for it (busily, up to db.transaction.bookmark_ready_timeout) — so a client may only send back
 * what a server of this deployment gave it. Instances behind one load balancer share BOOKMARK_SECRET.
 */
const SEPARATOR = '~';
const signature = (secret: string, bookmark: string) =>
  createHmac('sha256', secret).update(bookmark).digest('base64url').slice(0, 22);

/** A bookmark as the header carries it: with our signature. */
export function signBookmark(secret: string, bookmark: string): string {
  return `${bookmark}${SEPARATOR}${signature(secret, bookmark)}`;
}

function verified(secret: string, signed: string): string | null {
  const at = signed.lastIndexOf(SEPARATOR);
  if (at <= 0) return null;
  const bookmark = signed.slice(0, at);
  const given = Buffer.from(signed.slice(at + 1));
  const expected = Buffer.from(signature(secret, bookmark));
  return given.length === expected.length && timingSafeEqual(given, expected) ? bookmark : null;
}

/** The bookmarks of a header value (comma-separated, each signed by us), or why the value is refused. */
export function parseBookmarks(header: string | null, secret: string): string[] | { error: string } {
  if (header === null || header.trim() === '') return [];
  const signed = header
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (signed.length > MAX_BOOKMARKS)
    return { error: `${BOOKMARK_HEADER} carries ${signed.length} bookmarks; at most ${MAX_BOOKMARKS}.` };
  const bookmarks: string[] = [];
  for (const value of signed) {
    const bookmark = value.length <= MAX_BOOKMARK_LENGTH ? verified(secret, value) : null;
    if (bookmark === null || !BOOKMARK.test(bookmark))
      return {
        error: `${BOOKMARK_HEADER} must be the value of an earlier response's ${BOOKMARK_HEADER} header, unchanged (from a server of this deployment: instances behind one load balancer need the same BOOKMARK_SECRET).`,
      };
    bookmarks.push(bookmark);
  }
  return [...new Set(bookmarks)];
}
