/**
 * `npm run loadtest`: a mixed query set at fixed concurrency for a fixed time against the server, on
 * loopback only. Reports p50/p99 latency, throughput and errors — counted from HTTP status and from
 * GraphQL `errors`, and expected to be 0. `--soak` runs longer and reports the server's memory slope.
 *
 *   npm run loadtest                          # starts a server in-process (Neo4j as npm start finds it)
 *   npm run loadtest -- --url http://127.0.0.1:4000/graphql --connections 16 --seconds 20
 *   npm run loadtest -- --soak --seconds 120
 *   npm run loadtest -- --attack --out docs/loadtest-attack.md   # the same load, then again beside an attacker
 *
 * `--attack` runs the server as `npm start` does, in its own process with its own Neo4j, so that a
 * crash, a frozen event loop or a dead Neo4j shows: it measures the ordinary load alone, then the same
 * load while one attacker sends each request of bench/attacks.ts in a loop and /healthz is probed every
 * 100 ms. It passes when the ordinary p99 at most doubles, /healthz always answers within 200 ms, no
 * ordinary request fails and the server is still up and ready at the end.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { isEmpty, seed } from '../src/graph/seed.ts';
import { close, listen } from '../src/http/server.ts';
import { createApp } from '../src/http/yoga.ts';
import { createLogger } from '../src/logger.ts';
import { applySchema } from '../src/neo4j/cypher-files.ts';
import { Executor } from '../src/neo4j/executor.ts';
import { provisionNeo4j } from '../src/neo4j/provision.ts';
import { schema } from '../src/schema/index.ts';
import { runAttackLoadTest } from './attack-load.ts';

const MIX = [
  '{ zone(key: "zhongguancun") { name nameZh approvedYear city { name } } }',
  '{ zones(first: 20, where: { approvedYear: { gte: 1991 } }, orderBy: { field: APPROVED_YEAR, direction: DESC }) { edges { node { key name } } } }',
  '{ zones(first: 10) { edges { node { key clusters { edges { node { key } } } companies { edges { node { key } } } } } } }',
  '{ search(text: "Zhong", first: 5) { score entity { key } } }',
  '{ search(text: "中关村") { entity { key } } }',
  '{ neighborhood(key: "zhongguancun", depth: 2, limit: 100) { nodes { key } edges { id } } }',
  '{ paths(fromKey: "huawei", toKey: "torch-program") { length } }',
  '{ places(first: 5, where: { kind: { eq: "province" } }, orderBy: { field: ZONES_COUNT, direction: DESC }) { edges { node { key zones { totalCount } } } } }',
];

function readArguments() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      connections: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '15' },
      soak: { type: 'boolean', default: false },
      attack: { type: 'boolean', default: false },
      out: { type: 'string' },
      'analyst-key': { type: 'string' },
      'editor-key': { type: 'string' },
    },
  });
  const connections = Number(values.connections);
  const seconds = Number(values.soak && values.seconds === '15' ? '120' : values.seconds);
  if (!Number.isInteger(connections) || connections < 1 || connections > 256) {
    throw new Error('--connections must be a whole number from 1 to 256');
  }
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600)
    throw new Error('--seconds must be from 1 to 3600');
  if (values.url) {
    const host = new URL(values.url).hostname;
    // Load goes to this machine only.
    if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host) && !host.startsWith('127.')) {
      throw new Error(`--url must be a loopback address (127.0.0.1, localhost, [::1]); got ${host}`);
    }
  }
  return {
    url: values.url,
    connections,
    seconds,
    soak: values.soak ?? false,
    attack: values.attack ?? false,
    out: values.out,
    keys: { analyst: values['analyst-key'], editor: values['editor-key'] },
  };
}

async function startServer() {
  const config = loadConfig();
  const log = createLogger('warn', 'stderr');
  const neo4j = await provisionNeo4j({
    ...config.neo4j,
    dataDir: `${config.dataDir}/neo4j`,
    log,
    reuseRunning: true,
  });
  const executor = new Executor({ ...neo4j, queryTimeoutMs: config.neo4j.queryTimeoutMs });
  await applySchema(executor);
  if (await isEmpty(executor)) await seed(executor);
  const app = createApp({ schema, executor, log });
  const server = await listen(app, '127.0.0.1', 0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await close(server);
      await executor.close();
      await neo4j.stop();
    },
  };
}

async function main() {
  const args = readArguments();
  if (args.attack) {
    process.exitCode = await runAttackLoadTest({ ...args, mix: MIX });
    return;
  }
  const server = args.url ? { url: args.url, stop: async () => {} } : await startServer();
  let graphqlErrors = 0;
  const memory: { t: number; rss: number }[] = [];
  const sampler = setInterval(() => memory.push({ t: Date.now(), rss: process.memoryUsage().rss }), 1000);
  try {
    process.stderr.write(`warming up (${server.url})…\n`);
    await autocannon({
      url: server.url,
      connections: 2,
      duration: 2,
      method: 'POST',
      requests: requests(() => {}),
    });
    process.stderr.write(
      `${args.connections} connections for ${args.seconds} s, ${MIX.length} queries in turn…\n`,
    );
    const result = await autocannon({
      url: server.url,
      connections: args.connections,
      duration: args.seconds,
      method: 'POST',
      requests: requests(() => graphqlErrors++),
    });
    const httpErrors = result.non2xx + result.errors + result.timeouts;
    const lines = [
      `requests     ${result.requests.total} in ${args.seconds} s (${result.requests.average.toFixed(0)}/s)`,
      `latency      p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `errors       HTTP ${httpErrors}, GraphQL ${graphqlErrors}`,
    ];
    if (args.soak && !args.url && memory.length > 2) {
      const first = memory[0] as { t: number; rss: number };
      const last = memory.at(-1) as { t: number; rss: number };
      const slope = (last.rss - first.rss) / 1024 / 1024 / ((last.t - first.t) / 60_000);
      lines.push(
        `memory       RSS ${(first.rss / 1048576).toFixed(0)} → ${(last.rss / 1048576).toFixed(0)} MiB, slope ${slope.toFixed(2)} MiB/min`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    process.exitCode = httpErrors + graphqlErrors === 0 ? 0 : 1;
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

function requests(onGraphqlError: () => void): autocannon.Request[] {
  return MIX.map((query) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    onResponse: (_status: number, body: string) => {
      if (body.includes('"errors"')) onGraphqlError();
    },
  }));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
