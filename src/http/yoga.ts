/**
 * The GraphQL server as a fetch handler, apart from any listener: tests call `yoga.fetch(...)` with no
 * port. GraphiQL is rendered from @graphql-yoga/render-graphiql, which inlines its assets, so it works
 * with no internet.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphQLSchema } from 'graphql';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import type { ApiKey } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Executor } from '../neo4j/executor.ts';
import { type Context, createContext } from '../schema/context.ts';
import { authenticate } from './auth.ts';
import { useExplorer } from './explorer/static.ts';
import { useExports } from './exports.ts';
import { graphiqlTabs } from './graphiql-tabs.ts';

export interface AppOptions {
  schema: GraphQLSchema;
  executor: Executor;
  log: Logger;
  production: boolean;
  /** The largest `first`/`last` a list accepts. */
  maxPageSize?: number;
  /** API keys (scope:key); without any, curation and Cypher refuse with a clear error. */
  apiKeys?: ApiKey[];
  cypher?: { timeoutMs: number; maxRows: number };
}

export function createApp({
  schema,
  executor,
  log,
  production,
  maxPageSize = 100,
  apiKeys = [],
  cypher = { timeoutMs: 5_000, maxRows: 1_000 },
}: AppOptions) {
  const limits = { maxPageSize, cypherTimeoutMs: cypher.timeoutMs, cypherMaxRows: cypher.maxRows };
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    logging: {
      debug: (...args) => log.debug(args.map(String).join(' ')),
      info: (...args) => log.info(args.map(String).join(' ')),
      warn: (...args) => log.warn(args.map(String).join(' ')),
      error: (...args) => log.error(args.map(String).join(' ')),
    },
    maskedErrors: { isDev: !production },
    renderGraphiQL,
    graphiql: { title: 'hitech-kg GraphiQL', defaultTabs: graphiqlTabs },
    context: ({ request }) =>
      createContext(executor, log, limits, authenticate(request.headers.get('authorization'), apiKeys)),
    plugins: [
      useExports(executor),
      // The Explorer web page at `/` and its files under `/explorer/`.
      useExplorer(),
      useReadinessCheck({
        endpoint: '/readyz',
        // 503 while Neo4j cannot be reached; the process itself stays up.
        check: () => executor.ping(),
      }),
    ],
  });
}

export type App = ReturnType<typeof createApp>;
