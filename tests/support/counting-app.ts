/**
 * An app as `npm start` builds it (graphql-jit on unless told), over a test executor, whose requests
 * report the Cypher statements they ran: "refused before any Cypher" is `statements === 0`.
 */
import { type AppOptions, createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import type { Executor } from '../../src/neo4j/executor.ts';
import { schema } from '../../src/schema/index.ts';

export interface CountedAnswer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
  statements: number;
}

export function countingApp(executor: Executor, options: Partial<AppOptions> = {}) {
  const app = createApp({ schema, executor, log: createLogger('silent'), ...options });
  return async (query: string, variables?: Record<string, unknown>): Promise<CountedAnswer> => {
    let statements = 0;
    const stop = executor.onStatement(() => {
      statements++;
    });
    try {
      const response = await app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as CountedAnswer['body'], statements };
    } finally {
      stop();
    }
  };
}
