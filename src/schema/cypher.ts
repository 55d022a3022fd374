/**
 * cypher(query, params): read-only Cypher for analysts (an `analyst` key). Two independent layers keep
 * it read-only: EXPLAIN must report a read-only query (and only allowed procedures), and it runs in a
 * READ transaction, with a timeout and a row cap. Errors say what was refused and why.
 */
import { GraphQLError } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { CypherRefusedError, checkCypherText, checkPlan } from '../graph/cypher-guard.ts';
import { requireScope } from '../http/auth.ts';
import type { Row } from '../neo4j/executor.ts';
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

function describeNeo4jError(error: unknown, timeoutMs: number): string | null {
  const e = error as { code?: string; message?: string; gqlStatus?: string };
  if (typeof e.code !== 'string' || !e.code.startsWith('Neo.')) return null;
  if (/Timeout|TransactionTimedOut|Terminated/i.test(e.code)) {
    return `The query ran past the ${timeoutMs / 1000} s limit (CYPHER_TIMEOUT_MS) and was stopped: narrow it or add a LIMIT.`;
  }
  if (/AccessMode|Forbidden|WriteOnReadOnly/i.test(e.code))
    return 'Writes are not allowed: this endpoint reads only.';
  if (e.code.startsWith('Neo.ClientError'))
    return `Neo4j refused the query: ${(e.message ?? '').split('\n')[0]}`;
  return null;
}

builder.queryField('cypher', (t) =>
  t.field({
    type: CypherResultRef,
    description: 'Runs a read-only Cypher query (needs an analyst key: Authorization: Bearer <key>).',
    args: {
      query: t.arg.string({ required: true }),
      params: t.arg({ type: JSONScalar, required: false }),
    },
    resolve: async (_root, { query, params }, { executor, auth, limits }) => {
      requireScope(auth, 'analyst', 'The cypher field');
      if (params != null && (typeof params !== 'object' || Array.isArray(params))) {
        throw refused('params must be a JSON object, e.g. {"key": "zhongguancun"}.');
      }
      const values = (params ?? {}) as Record<string, unknown>;
      try {
        checkCypherText(query);
        const { queryType, plan } = await executor.explain(query, values);
        if (queryType !== 'r') {
          throw new CypherRefusedError(
            `Only read-only queries are allowed; Neo4j classifies this one as ${queryType === 's' ? 'a schema change' : 'a write'} (${queryType}).`,
          );
        }
        checkPlan(plan);
        return await executor.readCapped(query, values, limits.cypherMaxRows, limits.cypherTimeoutMs);
      } catch (error) {
        if (error instanceof CypherRefusedError) throw refused(error.message);
        const message = describeNeo4jError(error, limits.cypherTimeoutMs);
        if (message) throw refused(message);
        throw error;
      }
    },
  }),
);
