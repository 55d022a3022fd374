/**
 * The HTTP floor: the bench's hand-written Cypher behind the smallest fair HTTP server — node:http, a
 * JSON body `{ "query": "<name>", "params": { … } }` in, `{ "rows": [ … ] }` out, one
 * `driver.executeQuery` (a managed read transaction) per request. No framework, no GraphQL: what any
 * server answering over HTTP at least pays. The queries come from queries.ts, built from the picks
 * the bench hands over in BENCH_PICKS; only their Cypher is used, the parameters come with each
 * request (JSON whole numbers become Cypher integers, as our executor does).
 * Environment: PORT, HOST, NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (unset: no authentication),
 * NEO4J_DATABASE, BENCH_PICKS.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import neo4j from 'neo4j-driver';
import type { Picks } from '../generate.ts';
import { fixedQueries } from '../queries.ts';

const env = process.env;
const auth =
  env.NEO4J_PASSWORD === undefined
    ? { scheme: 'none', principal: '', credentials: '' }
    : neo4j.auth.basic(env.NEO4J_USER ?? 'neo4j', env.NEO4J_PASSWORD);
const driver = neo4j.driver(env.NEO4J_URI ?? '', auth, { disableLosslessIntegers: true, logging: undefined });
const database = env.NEO4J_DATABASE ?? 'neo4j';
const cypherOf = new Map(
  fixedQueries(JSON.parse(env.BENCH_PICKS ?? '{}') as Picks).map((q) => [q.name, q.raw.cypher]),
);

const toCypher = (value: unknown): unknown => {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toCypher);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCypher(v)]));
  return value;
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const { query, params } = JSON.parse(await readBody(request)) as { query: string; params?: object };
    const cypher = cypherOf.get(query);
    if (!cypher) return send(response, 400, { error: `no query named ${query}` });
    const result = await driver.executeQuery(cypher, toCypher(params ?? {}) as Record<string, unknown>, {
      database,
      routing: neo4j.routing.READ,
    });
    send(response, 200, { rows: result.records.map((record) => record.toObject()) });
  } catch (error) {
    send(response, 500, { error: (error as Error).message });
  }
}

const server = createServer((request, response) => {
  if (request.url === '/readyz') {
    driver.verifyConnectivity({ database }).then(
      () => response.writeHead(200).end('ready'),
      () => response.writeHead(503).end('neo4j unreachable'),
    );
  } else void answer(request, response);
});
const stop = () => server.close(() => void driver.close().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
server.listen(Number(env.PORT ?? 4100), env.HOST ?? '127.0.0.1');
