/**
 * The GraphQL server as a fetch handler, apart from any listener: tests call `yoga.fetch(...)` with no
 * port. GraphiQL is @graphql-yoga/render-graphiql's, served as small page and immutable, compressed
 * files (graphiql-page.ts), so it works with no internet.
 */

import { randomBytes } from 'node:crypto';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { createYoga, maskError } from 'graphql-yoga';
import type { ApiKey } from '../config.ts';
import { QUERY_LIMIT_DEFAULTS } from '../config.ts';
import type { Logger } from '../logger.ts';
import { type CypherLimits, DEFAULT_CYPHER_LIMITS } from '../neo4j/analyst-limits.ts';
import type { Executor } from '../neo4j/executor.ts';
import { type Context, createContext } from '../schema/context.ts';
import { publicErrorOf, toGraphQLError } from '../schema/errors.ts';
import { authenticate } from './auth.ts';
import { useBookmarks } from './bookmarks.ts';
import { useExplorer } from './explorer/static.ts';
import { useExports } from './exports.ts';
import { renderGraphiQL, useGraphiQLAssets } from './graphiql-page.ts';
import { graphiqlTabs } from './graphiql-tabs.ts';
import { useCompiledExecution } from './graphql-jit.ts';
import { useHttpCache } from './http-cache.ts';
import { useMetrics } from './metrics.ts';
import { useOperationLimits } from './operation-limits.ts';
import { usePagingChecks } from './paging-checks.ts';
import { usePersistedOperationStore } from './persisted-operations.ts';
import { usePublicErrors } from './public-errors.ts';
import { queryLimitPlugins, useNoIntrospection } from './query-limits.ts';
import { useLiveness, useReadiness } from './readiness.ts';
import { useRequestLimits } from './request-limits.ts';

export interface QueryLimits {
  /** The largest `first`/`last` a list accepts. */
  maxPageSize: number;
  maxDepth: number;
  maxComplexity: number;
  maxBreadth: number;
  maxAliases: number;
  maxTokens: number;
  /** Nesting of any one argument value, inline or in variables. */
  maxInputDepth: number;
  /** Values in all the arguments of one operation, inline or in variables. */
  maxInputValues: number;
  /** Bytes of a request body. */
  maxBodyBytes: number;
  /** Characters of a search text (SEARCH_MAX_LENGTH). */
  searchMaxLength: number;
  /** Distinct words of a search text (SEARCH_MAX_TERMS). */
  searchMaxTerms: number;
}

/** Config's defaults (its zod defaults read the same object), so the two cannot drift apart. */
export const DEFAULT_LIMITS: QueryLimits = QUERY_LIMIT_DEFAULTS;

export interface AppOptions {
  schema: GraphQLSchema;
  executor: Executor;
  log: Logger;
  /**
   * Unexpected errors carry their message, stack and cause to the client: for a developer's own machine
   * only (DEBUG_ERRORS). Otherwise, in every mode, they are masked.
   */
  debugErrors?: boolean;
  limits?: Partial<QueryLimits>;
  /** API keys (scope:key); without any, curation and Cypher refuse with a clear error. */
  apiKeys?: ApiKey[];
  /** Bounds of the analyst cypher field; any not given take DEFAULT_CYPHER_LIMITS. */
  cypher?: Partial<CypherLimits>;
  fieldSuggestions?: boolean;
  introspection?: boolean;
  /**
   * Signs the Neo4j-Bookmark headers given out and checks those sent back (BOOKMARK_SECRET); random per
   * app when not given, so that only this process's bookmarks are accepted.
   */
  bookmarkSecret?: string;
  /** Compile each query to JavaScript (graphql-jit) instead of interpreting it; default true. */
  graphqlJit?: boolean;
  /** Allowed CORS origins; ['*'] for any. */
  corsOrigins?: string[];
  /** Persisted operations (hash → query); `only` refuses any other operation. */
  persistedOperations?: { operations: Record<string, string>; only: boolean };
}

export function createApp({
  schema,
  executor,
  log,
  debugErrors = false,
  bookmarkSecret = randomBytes(32).toString('base64url'),
  limits: limitOptions = {},
  apiKeys = [],
  cypher = { timeoutMs: 5_000, maxRows: 1_000 },
  fieldSuggestions = true,
  introspection = true,
  graphqlJit = true,
  corsOrigins = ['*'],
  persistedOperations,
}: AppOptions) {
  const queryLimits = { ...DEFAULT_LIMITS, ...limitOptions };
  const cypherLimits = { ...DEFAULT_CYPHER_LIMITS, ...cypher };
  const limits = {
    ...queryLimits,
    cypherTimeoutMs: cypherLimits.timeoutMs,
    cypherMaxRows: cypherLimits.maxRows,
    cypher: cypherLimits,
  };
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    // useRequestLimits bounds every body already (by Content-Length, or read bounded when chunked);
    // yoga's own limit would pipe each body through a stream once more, which costs every POST a
    // stream pipeline and the AbortError its teardown creates.
    maxRequestBodySize: false,
    logging: {
      debug: (...args) => log.debug(args.map(String).join(' ')),
      info: (...args) => log.info(args.map(String).join(' ')),
      warn: (...args) => log.warn(args.map(String).join(' ')),
      error: (...args) => log.error(args.map(String).join(' ')),
    },
    cors: { origin: corsOrigins.includes('*') ? '*' : corsOrigins, credentials: false },
    maskedErrors: {
      isDev: debugErrors,
      maskError: (error, message, isDev) => {
        const original = (error as GraphQLError).originalError ?? error;
        // Errors no resolver mapped (an absent Neo4j, mostly) get the same map as resolvers use.
        const known = publicErrorOf(original);
        if (known) return toGraphQLError(known, (error as GraphQLError).path);
        return maskError(error, message, isDev);
      },
    },
    renderGraphiQL,
    graphiql: { title: 'hitech-kg GraphiQL', defaultTabs: graphiqlTabs },
    context: ({ request }) =>
      createContext(executor, log, limits, authenticate(request.headers.get('authorization'), apiKeys)),
    plugins: [
      // First: a revalidated GET of a persisted operation is answered 304 before anything else runs.
      useHttpCache(executor),
      useRequestLimits(queryLimits.maxBodyBytes),
      usePublicErrors(debugErrors),
      // Before the compiled execution: refused operations are never compiled.
      useOperationLimits(queryLimits),
      usePagingChecks(queryLimits.maxPageSize),
      ...(graphqlJit ? useCompiledExecution(schema) : []),
      useMetrics(executor),
      ...(persistedOperations
        ? [usePersistedOperationStore(persistedOperations.operations, persistedOperations.only)]
        : []),
      ...queryLimitPlugins(queryLimits, fieldSuggestions),
      ...(introspection ? [] : [useNoIntrospection()]),
      useExports(executor, log),
      // The Explorer web page at `/` and its files under `/explorer/`; GraphiQL's under `/graphiql/`.
      useExplorer(),
      useGraphiQLAssets(),
      // 503 while Neo4j cannot be reached or does not answer within the ping timeout (a frozen JVM).
      useReadiness('/readyz', () => executor.ping()),
      useLiveness('/healthz'),
      // Causal consistency across instances: the Neo4j-Bookmark header (bookmarks.ts).
      useBookmarks(bookmarkSecret),
    ],
  });
}

export type App = ReturnType<typeof createApp>;
