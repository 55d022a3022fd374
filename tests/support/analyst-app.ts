/** The app with analyst and editor keys, called without a port with a chosen key (analyst tests). */
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import type { Executor } from '../../src/neo4j/executor.ts';
import { schema } from '../../src/schema/index.ts';

export const TEST_KEYS = {
  analyst: 'analyst-key-for-tests-0123',
  editor: 'editor-key-for-tests-0123',
};

export function testApp(
  executor: Executor,
  options: { cypherMaxRows?: number; cypherTimeoutMs?: number } = {},
) {
  const app = createApp({
    schema,
    executor,
    log: createLogger('silent'),
    apiKeys: [
      { scope: 'analyst', key: TEST_KEYS.analyst },
      { scope: 'editor', key: TEST_KEYS.editor },
    ],
    cypher: { timeoutMs: options.cypherTimeoutMs ?? 5_000, maxRows: options.cypherMaxRows ?? 1_000 },
  });
  return async function gql(query: string, variables: Record<string, unknown> = {}, key?: string) {
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: any;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };
}
