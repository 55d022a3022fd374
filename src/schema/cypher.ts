/**
 * cypher(query, params): read-only Cypher for analysts (an `analyst` key). Independent layers keep it
 * read-only and inside the graph: the text guard, EXPLAIN (read-only, no LoadCSV, only allowed
 * procedures), a READ transaction, and the server's configuration. It runs in a worker thread within
 * limits of time, rows, bytes, values and concurrency (analyst-runner.ts). Every expected failure is a
 * BAD_USER_INPUT that says what was refused and which limit (and variable) applies.
 */
import { GraphQLError } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { CypherRefusedError, checkCypherText } from '../graph/cypher-guard.ts';
import { AnalystQueryError, type CypherLimits, checkParams } from '../neo4j/analyst-limits.ts';
import { timeoutError } from '../neo4j/analyst-runner.ts';
import type { Row } from '../neo4j/executor.ts';
import { requireScope } from './auth.ts';
import { builder } from './builder.ts';

const JSONScalar = builder.addScalarType('JSON', JSONResolver);

interface CypherResult {
  columns: string[];
  rows: Row[];
  truncated: boolean;
}

const CypherResultRef = builder.objectRef<CypherResult>('CypherResult').implement({
  description:
    'Rows of a read-only query; nodes come as {labels, key, properties}, relationships as {type, properties}.',
  fields: (t) => ({
    columns: t.exposeStringList('columns'),
    rows: t.field({ type: [JSONScalar], resolve: (r) => r.rows }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when the row cap (CYPHER_MAX_ROWS) cut the result.',
    }),
  }),
});

const refused = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** Neo4j's errors that are the query's fault, explained; null for anything else (a server fault). */
function describeNeo4jError(error: unknown, limits: CypherLimits): string | null {
  const e = error as { code?: string; message?: string; gqlStatus?: string };
  if (typeof e.code !== 'string' || !e.code.startsWith('Neo.')) return null;
  if (/Timeout|TransactionTimedOut|Terminated/i.test(e.code)) return timeoutError(limits).message;
  if (/MemoryPoolOutOfMemory|TransactionMemoryLimit|MemoryLimit/i.test(e.code)) {
    const limit = /limit ([\d.]+ \w+)/.exec(e.message ?? '')?.[1];
    return `The query needed more memory than one query may use${limit ? ` (${limit}` : ' ('}, Neo4j's db.memory.transaction.max): aggregate less at once, add a LIMIT, or return counts instead of collected lists.`;
  }
  if (/AccessMode|Forbidden|WriteOnReadOnly/i.test(e.code))
    return 'Writes are not allowed: this endpoint reads only.';
  if (/ExternalResource/i.test(e.code))
    return 'LOAD CSV is not allowed: this endpoint reads the graph only, never files or URLs.';
  if (e.code.startsWith('Neo.ClientError'))
    return `Neo4j refused the query: ${clientMessage(e.message ?? '')}`;
  return null;
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

builder.queryField('cypher', (t) =>
  t.field({
    type: CypherResultRef,
    description:
      'Runs a read-only Cypher query (needs an analyst key: Authorization: Bearer <key>). Bounded in time (CYPHER_TIMEOUT_MS), rows (CYPHER_MAX_ROWS), bytes (CYPHER_MAX_BYTES), values (CYPHER_MAX_VALUES) and queries at once (CYPHER_MAX_CONCURRENT).',
    args: {
      query: t.arg.string({ required: true }),
      params: t.arg({ type: JSONScalar, required: false }),
    },
    resolve: async (_root, { query, params }, { executor, auth, limits }) => {
      requireScope(auth, 'analyst', 'The cypher field');
      const cypher = limits.cypher;
      if (params != null && (typeof params !== 'object' || Array.isArray(params))) {
        throw refused('params must be a JSON object, e.g. {"key": "zhongguancun"}.');
      }
      const values = (params ?? {}) as Record<string, unknown>;
      try {
        if (query.length > cypher.maxQueryLength) {
          throw new CypherRefusedError(
            `The query is ${query.length.toLocaleString('en')} characters long, over the limit of ${cypher.maxQueryLength.toLocaleString('en')} (CYPHER_MAX_QUERY_LENGTH): pass data as params.`,
          );
        }
        checkParams(values, cypher);
        checkCypherText(query);
        // EXPLAIN and checkPlan run in the worker too, on the same connection as the query.
        return await executor.readCapped(query, values, cypher);
      } catch (error) {
        if (error instanceof CypherRefusedError) throw refused(error.message);
        if (error instanceof AnalystQueryError) {
          if (error.kind !== 'busy') throw refused(error.message);
          throw new GraphQLError(error.message, { extensions: { code: 'TOO_MANY_REQUESTS' } });
        }
        const message = describeNeo4jError(error, cypher);
        if (message) throw refused(message);
        throw error;
      }
    },
  }),
);
