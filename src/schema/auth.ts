/**
 * Who may do what, as the schema sees it: the scopes a request holds and the check resolvers make.
 * Reading is open; curation needs `editor`, the read-only Cypher field `analyst`. How a request
 * proves its scopes (a bearer key) is the transport's business (src/http/auth.ts).
 */
import { GraphQLError } from 'graphql';
import type { Scope } from '../config.ts';

export type { Scope };

export interface Auth {
  /** Scopes the request's key grants (empty without a valid key). */
  scopes: ReadonlySet<Scope>;
  /** Whether any key is configured at all. */
  configured: boolean;
  /** Whether the request sent a credential. */
  presented: boolean;
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
