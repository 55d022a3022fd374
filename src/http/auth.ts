/**
 * Who may do what. Reading is open; curation needs an `editor` key, the read-only Cypher endpoint an
 * `analyst` key, sent as `Authorization: Bearer <key>`. Keys come from API_KEYS and are compared in
 * constant time (digests of equal length), and never logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { ApiKey, Scope } from '../config.ts';

export interface Auth {
  /** Scopes the request's key grants (empty without a valid key). */
  scopes: ReadonlySet<Scope>;
  /** Whether any key is configured at all. */
  configured: boolean;
  /** Whether the request sent a bearer token. */
  presented: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export function authenticate(header: string | null, keys: readonly ApiKey[]): Auth {
  const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
  const scopes = new Set<Scope>();
  if (token) {
    const given = digest(token);
    // Compare against every key, always: the time taken does not tell which key (or scope) matched.
    for (const { scope, key } of keys) if (timingSafeEqual(given, digest(key))) scopes.add(scope);
  }
  return { scopes, configured: keys.length > 0, presented: Boolean(token) };
}

/** Throws a clear GraphQL error unless the request holds `scope`. */
export function requireScope(auth: Auth, scope: Scope, what: string): void {
  if (auth.scopes.has(scope)) return;
  if (!auth.configured) {
    throw new GraphQLError(
      `${what} is disabled on this server: no API keys are configured. Set API_KEYS=${scope}:<a key of 16+ characters> and send it as "Authorization: Bearer <key>".`,
      { extensions: { code: 'FORBIDDEN' } },
    );
  }
  if (!auth.presented) {
    throw new GraphQLError(`${what} needs an ${scope} key: send "Authorization: Bearer <key>".`, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  throw new GraphQLError(`${what} needs an ${scope} key; the key sent does not grant it.`, {
    extensions: { code: 'FORBIDDEN' },
  });
}
