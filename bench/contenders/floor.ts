/** Starts the HTTP floor (floor-server.ts) as a child process on the bench Neo4j. */
import { fileURLToPath } from 'node:url';
import type { ProvisionedNeo4j } from '../../src/neo4j/provision.ts';
import type { Picks } from '../generate.ts';
import type { FixedQuery } from '../queries.ts';
import { type ServerProcess, spawnServer } from './server-process.ts';

const SERVER = fileURLToPath(new URL('./floor-server.ts', import.meta.url));

export function startFloorServer(neo4j: ProvisionedNeo4j, picks: Picks): Promise<ServerProcess> {
  return spawnServer({
    name: 'floor',
    args: ['--import', 'tsx', SERVER],
    env: {
      NODE_ENV: 'production',
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      ...(neo4j.password === undefined ? {} : { NEO4J_PASSWORD: neo4j.password }),
      NEO4J_DATABASE: neo4j.database,
      BENCH_PICKS: JSON.stringify(picks),
    },
    readyPath: '/readyz',
  });
}

/** The floor's request body for a query: its name and its parameters as JSON. */
export function floorRequest(query: FixedQuery): { query: string; params: Record<string, unknown> } {
  return { query: query.name, params: toJson(query.raw.params) as Record<string, unknown> };
}

/** neo4j Integers (the raw contender's parameters) as JSON numbers. */
function toJson(value: unknown): unknown {
  if (value && typeof value === 'object' && 'toNumber' in value && typeof value.toNumber === 'function')
    return value.toNumber();
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

/** POSTs a floor request; the rows of a 200, else throws. */
export async function postFloor(url: string, query: FixedQuery): Promise<Record<string, unknown>[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(floorRequest(query)),
  });
  const body = (await response.json()) as { rows?: Record<string, unknown>[]; error?: string };
  if (response.status !== 200 || !body.rows)
    throw new Error(`floor ${query.name} answered ${response.status}: ${body.error ?? ''}`);
  return body.rows;
}
