/**
 * The one map from domain errors to what clients see: a code, a message and, where the failure
 * decides the HTTP status of the whole answer, that status. Resolvers (asUserErrors), yoga's
 * maskError and the export endpoint all ask here, so the same failure reads the same everywhere.
 * Anything not listed is a fault of ours: it is logged and masked, never explained.
 */
import { GraphQLError } from 'graphql';
import { AnalystInputError } from '../graph/analyst-store.ts';
import { CursorError } from '../graph/cursor.ts';
import { CypherRefusedError } from '../graph/cypher-guard.ts';
import { AmbiguousKeyError } from '../graph/lookup.ts';
import { PageError } from '../graph/paging.ts';
import { SearchTextError } from '../graph/search-query.ts';
import { FilterError } from '../graph/where.ts';
import { AnalystQueryError, type CypherLimits } from '../neo4j/analyst-limits.ts';
import { timeoutError } from '../neo4j/analyst-runner.ts';
import { isUnavailable, type QueryFailure, queryFailure } from '../neo4j/failures.ts';

export type PublicCode = 'BAD_USER_INPUT' | 'TOO_MANY_REQUESTS' | 'SERVICE_UNAVAILABLE';

export interface PublicError {
  code: PublicCode;
  message: string;
  /** Set only when the failure decides the status of the whole HTTP answer (GraphQL answers included). */
  http?: number;
}

export const UNAVAILABLE_MESSAGE = 'The graph database cannot be reached right now; try again shortly.';

/** The client's input errors of the graph layer: their messages are written for the client. */
const INPUT_ERRORS = [
  CursorError,
  PageError,
  FilterError,
  AnalystInputError,
  SearchTextError,
  CypherRefusedError,
  AmbiguousKeyError,
];

/**
 * What a client may see of `error`, or null when it is ours to log and mask. `cypher` is given for an
 * analyst's own query: then what Neo4j blames on the query is explained to the analyst, first.
 */
export function publicErrorOf(error: unknown, cypher?: CypherLimits): PublicError | null {
  const input = inputErrorOf(error, cypher);
  if (input) return input;
  if (isUnavailable(error)) return { code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE, http: 503 };
  return null;
}

/** The failures that are the client's (their input, or too many queries at once); null otherwise. */
export function inputErrorOf(error: unknown, cypher?: CypherLimits): PublicError | null {
  if (INPUT_ERRORS.some((type) => error instanceof type)) return userInput((error as Error).message);
  if (error instanceof AnalystQueryError) {
    return error.kind === 'busy'
      ? { code: 'TOO_MANY_REQUESTS', message: error.message }
      : userInput(error.message);
  }
  if (cypher) {
    const failure = queryFailure(error);
    if (failure) return userInput(describeQueryFailure(failure, cypher));
  }
  return null;
}

function userInput(message: string): PublicError {
  return { code: 'BAD_USER_INPUT', message };
}

/** Explains to an analyst why Neo4j stopped their query, and what to change. */
function describeQueryFailure(failure: QueryFailure, limits: CypherLimits): string {
  switch (failure.kind) {
    case 'timeout':
      return timeoutError(limits).message;
    case 'memory-limit': {
      const limit = /limit ([\d.]+ \w+)/.exec(failure.neo4jMessage)?.[1];
      return `The query needed more memory than one query may use${limit ? ` (${limit}` : ' ('}, Neo4j's db.memory.transaction.max): aggregate less at once, add a LIMIT, or return counts instead of collected lists.`;
    }
    case 'write-refused':
      return 'Writes are not allowed: this endpoint reads only.';
    case 'external-resource':
      return 'LOAD CSV is not allowed: this endpoint reads the graph only, never files or URLs.';
    case 'client-error':
      return `Neo4j refused the query: ${clientMessage(failure.neo4jMessage)}`;
  }
}

/**
 * What the analyst needs of Neo4j's own message (which part of the query is wrong), without what is
 * Neo4j's business: "Caused by:" and the names of Java classes.
 */
export function clientMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? '';
  return firstLine
    .replace(/\bCaused by:\s*/g, '')
    .replace(/\b(?:[a-z][a-z0-9_]*\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\b:?\s*/g, '')
    .trim();
}

export function toGraphQLError(error: PublicError, path?: GraphQLError['path']): GraphQLError {
  const extensions = error.http ? { code: error.code, http: { status: error.http } } : { code: error.code };
  return new GraphQLError(error.message, { extensions, ...(path ? { path } : {}) });
}

/** A BAD_USER_INPUT error for a check made in the resolver itself. */
export function userInputError(message: string): GraphQLError {
  return toGraphQLError(userInput(message));
}

/**
 * Runs a resolver's work, turning the client's failures into client errors. An unavailable Neo4j is
 * left to yoga's maskError (the same map), which answers it for the whole request with a 503.
 */
export async function asUserErrors<T>(work: () => Promise<T>, cypher?: CypherLimits): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const known = inputErrorOf(error, cypher);
    if (known) throw toGraphQLError(known);
    throw error;
  }
}
