/**
 * What each contender asks Neo4j for one query: the statements, and their PROFILE database hits.
 * Ours: the schema and app run in-process on an Executor whose statements are recorded. The peer:
 * @neo4j/graphql runs in-process with a recording transaction. Raw: the hand-written statement.
 */
import { Neo4jGraphQL } from '@neo4j/graphql';
import { graphql } from 'graphql';
import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';
import { createApp } from '../src/http/yoga.ts';
import { createLogger } from '../src/logger.ts';
import { Executor } from '../src/neo4j/executor.ts';
import type { ProvisionedNeo4j } from '../src/neo4j/provision.ts';
import { schema } from '../src/schema/index.ts';
import { PEER_TYPE_DEFS } from './contenders/peer-typedefs.ts';
import type { FixedQuery } from './queries.ts';

export interface StatementProfile {
  cypher: string;
  dbHits: number;
  rows: number;
}

export interface QueryProfile {
  query: string;
  ours: StatementProfile[];
  peer: StatementProfile[] | null;
  raw: StatementProfile[];
}

type Recorded = { cypher: string; params: Record<string, unknown> };

/** Whole numbers as Cypher integers, as our executor sends them (LIMIT refuses floats). */
function toDriverValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toDriverValue);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toDriverValue(v)]));
  }
  return value;
}

function dbHits(plan: ProfiledPlan): number {
  return plan.dbHits + plan.children.reduce((sum, child) => sum + dbHits(child), 0);
}

async function profileStatement(
  driver: Driver,
  database: string,
  statement: Recorded,
): Promise<StatementProfile> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    // @neo4j/graphql prefixes "CYPHER 5"; PROFILE goes after it.
    const cypher = statement.cypher.replace(/^\s*CYPHER 5\s*/, '');
    const result = await session.run(`CYPHER 5 PROFILE ${cypher}`, statement.params);
    const plan = result.summary.profile;
    return { cypher, dbHits: plan ? dbHits(plan) : Number.NaN, rows: result.records.length };
  } finally {
    await session.close();
  }
}

export async function profileQueries(queries: FixedQuery[], info: ProvisionedNeo4j): Promise<QueryProfile[]> {
  const log = createLogger('silent');
  const executor = new Executor({ ...info, queryTimeoutMs: 60_000 });
  const recordedOurs: Recorded[] = [];
  executor.onStatement((e) =>
    recordedOurs.push({ cypher: e.query, params: toDriverValue(e.params) as never }),
  );
  const app = createApp({ schema, executor, log });

  const driver = executor.driver;
  const recordedPeer: Recorded[] = [];
  const peerSchema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
  const recordingTx = {
    run: (cypher: string, params: Record<string, unknown>) => {
      recordedPeer.push({ cypher, params });
      const session = driver.session({ database: info.database, defaultAccessMode: neo4j.session.READ });
      const result = session.run(cypher, params);
      void result
        .summary()
        .finally(() => session.close())
        .catch(() => {});
      return result;
    },
  };

  const profiles: QueryProfile[] = [];
  try {
    // The first request makes @neo4j/graphql check the server's version: not part of any query.
    await graphql({
      schema: peerSchema,
      source: '{ technologies(limit: 1) { key } }',
      contextValue: { executionContext: recordingTx, sessionConfig: { database: info.database } },
    });
    for (const q of queries) {
      if (!q.targeted) continue;
      recordedOurs.length = 0;
      const response = await app.fetch('http://bench.local/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(q.ours),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`profiling ${q.name}: ${JSON.stringify(body.errors)}`);
      const ours: StatementProfile[] = [];
      for (const statement of [...recordedOurs])
        ours.push(await profileStatement(driver, info.database, statement));

      let peer: StatementProfile[] | null = null;
      if (q.peer) {
        recordedPeer.length = 0;
        const result = await graphql({
          schema: peerSchema,
          source: q.peer.query,
          variableValues: q.peer.variables,
          contextValue: { executionContext: recordingTx, sessionConfig: { database: info.database } },
        });
        if (result.errors)
          throw new Error(`profiling the peer's ${q.name}: ${JSON.stringify(result.errors)}`);
        peer = [];
        for (const statement of [...recordedPeer])
          peer.push(await profileStatement(driver, info.database, statement));
      }
      const raw = [
        await profileStatement(driver, info.database, { cypher: q.raw.cypher, params: q.raw.params }),
      ];
      profiles.push({ query: q.name, ours, peer, raw });
    }
  } finally {
    await executor.close();
  }
  return profiles;
}
