/**
 * cypher(query, params): read-only Cypher for analysts (an `analyst` key). Independent layers keep it
 * read-only and inside the graph: the text guard, EXPLAIN (read-only, no LoadCSV, only allowed
 * procedures), a READ transaction, and the server's configuration. It runs in a worker thread within
 * limits of time, rows, bytes, values and concurrency (analyst-runner.ts). Every expected failure is a
 * BAD_USER_INPUT that says what was refused and which limit (and variable) applies.
 */
import { JSONResolver } from 'graphql-scalars';
import { AnalystStore } from '../graph/analyst-store.ts';
import { CypherRefusedError, checkCypherText } from '../graph/cypher-guard.ts';
import { checkParams } from '../neo4j/analyst-limits.ts';
import type { Row } from '../neo4j/executor.ts';
import { requireScope } from './auth.ts';
import { builder } from './builder.ts';
import { asUserErrors, userInputError } from './errors.ts';

const JSONScalar = builder.addScalarType('JSON', JSONResolver);

interface CypherResult {
  columns: string[];
  rows: Row[];
  truncated: boolean;
}

const CypherResultRef = builder.objectRef<CypherResult>('CypherResult').implement({
  description:
    'Rows of a read-only query; nodes come as {labels, key, properties}, relationships as {type, properties}. An integer beyond ±2^53 (which a JSON number would round) comes as its exact decimal string; to send one as a parameter, send the string and use toInteger($p).',
  fields: (t) => ({
    columns: t.exposeStringList('columns'),
    rows: t.field({ type: [JSONScalar], resolve: (r) => r.rows }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when the row cap (CYPHER_MAX_ROWS) cut the result.',
    }),
  }),
});

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
        throw userInputError('params must be a JSON object, e.g. {"key": "zhongguancun"}.');
      }
      const values = (params ?? {}) as Record<string, unknown>;
      // What Neo4j blames on the query is explained to the analyst (errors.ts, given the limits).
      return asUserErrors(async () => {
        if (query.length > cypher.maxQueryLength) {
          throw new CypherRefusedError(
            `The query is ${query.length.toLocaleString('en')} characters long, over the limit of ${cypher.maxQueryLength.toLocaleString('en')} (CYPHER_MAX_QUERY_LENGTH): pass data as params.`,
          );
        }
        checkParams(values, cypher);
        checkCypherText(query);
        // EXPLAIN and checkPlan run in the worker too, on the same connection as the query.
        return await new AnalystStore(executor).cypher(query, values, cypher);
      }, cypher);
    },
  }),
);
