/**
 * The peer: @neo4j/graphql serving bench/contenders/peer-typedefs.ts on graphql-yoga (the same HTTP
 * stack as ours), as a child process. Environment: PORT, NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (unset:
 * no authentication), NEO4J_DATABASE.
 */
import { createServer, type ServerResponse } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { PEER_TYPE_DEFS } from './peer-typedefs.ts';

const env = process.env;
const auth =
  env.NEO4J_PASSWORD === undefined
    ? { scheme: 'none', principal: '', credentials: '' }
    : neo4j.auth.basic(env.NEO4J_USER ?? 'neo4j', env.NEO4J_PASSWORD);
const driver = neo4j.driver(env.NEO4J_URI ?? '', auth, { logging: undefined });
const database = env.NEO4J_DATABASE ?? 'neo4j';
const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();

const yoga = createYoga({
  schema,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: 'warn',
  maskedErrors: false,
  context: () => ({ sessionConfig: { database } }),
});
const ready = async (response: ServerResponse) => {
  try {
    await driver.verifyConnectivity({ database });
    response.writeHead(200).end('ready');
  } catch {
    response.writeHead(503).end('neo4j unreachable');
  }
};
const server = createServer((request, response) => {
  if (request.url === '/readyz') void ready(response);
  else void yoga(request, response);
});
const stop = () => server.close(() => void driver.close().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
server.listen(Number(env.PORT ?? 4100), env.HOST ?? '127.0.0.1');
