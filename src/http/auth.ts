/**
 * The transport's half of auth: the credential is `Authorization: Bearer <key>`, compared with the
 * keys of API_KEYS in constant time (digests of equal length), and never logged. What the scopes
 * allow is decided in the schema (src/schema/auth.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey, Scope } from '../config.ts';
import type { Auth } from '../schema/auth.ts';

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
