/**
 * Neo4j's errors, read once into what they mean for us. The driver reports failures as codes and
 * messages; callers ask here instead of matching codes themselves (src/schema/errors.ts turns the
 * answers into what clients see).
 */

/** Neo4j did not answer in time: the client should retry, like any ServiceUnavailable. */
export class Neo4jNotAnsweringError extends Error {
  override name = 'Neo4jNotAnsweringError';
  readonly code = 'ServiceUnavailable';
}

/** Errors that mean "Neo4j cannot be reached or cannot serve now", not a bug of ours or the client's. */
export function isUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    code === 'Neo.TransientError.General.DatabaseUnavailable' ||
    // A cluster member that has not caught up with the client's bookmark in time.
    code === 'Neo.TransientError.Transaction.BookmarkTimeout' ||
    // The pool stayed full (or its connections hung) for the whole acquisition timeout.
    (typeof message === 'string' && message.startsWith('Connection acquisition timed out'))
  );
}

/** Why Neo4j stopped a query that was the query's own fault. */
export type QueryFailureKind =
  | 'timeout'
  | 'memory-limit'
  | 'write-refused'
  | 'external-resource'
  | 'client-error';

/** A query Neo4j refused or stopped because of the query itself (not because Neo4j is away). */
export class QueryFailure extends Error {
  override name = 'QueryFailure';
  constructor(
    readonly kind: QueryFailureKind,
    /** Neo4j's own message, as it came. */
    readonly neo4jMessage: string,
    options?: { cause: unknown },
  ) {
    super(`Neo4j stopped the query (${kind})`, options);
  }
}

/** The query's failure when Neo4j blames the query; null for anything else (a server fault). */
export function queryFailure(error: unknown): QueryFailure | null {
  if (error instanceof QueryFailure) return error;
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof e.code !== 'string' || !e.code.startsWith('Neo.')) return null;
  const message = typeof e.message === 'string' ? e.message : '';
  const kind: QueryFailureKind | null = /Timeout|TransactionTimedOut|Terminated/i.test(e.code)
    ? 'timeout'
    : /MemoryPoolOutOfMemory|TransactionMemoryLimit|MemoryLimit/i.test(e.code)
      ? 'memory-limit'
      : /AccessMode|Forbidden|WriteOnReadOnly/i.test(e.code)
        ? 'write-refused'
        : /ExternalResource/i.test(e.code)
          ? 'external-resource'
          : e.code.startsWith('Neo.ClientError')
            ? 'client-error'
            : null;
  return kind ? new QueryFailure(kind, message, { cause: error }) : null;
}
