/**
 * `npm run bench:in-process -- nested neighbourhood`: where one query's time goes inside our server,
 * without HTTP load from another process. On the SF 0.1 graph in a Neo4j of its own, each fixed query
 * runs three ways — the raw Cypher, the statements our server sends for it, and the whole request
 * through the app (yoga, GraphQL, our stores; `app.fetch`, no socket) — for a few seconds at a fixed
 * concurrency, reporting requests/s, p50 and the process's CPU milliseconds per request. The CPU
 * figure is the one to read: the load runs in this process too, so throughput shares one core with it.
 */
import { parseArgs } from 'node:util';
import { createApp } from '../src/http/yoga.ts';
import { createLogger } from '../src/logger.ts';
import type { StatementEvent } from '../src/neo4j/executor.ts';
import { schema } from '../src/schema/index.ts';
import { applySchema, startDatabase } from './database.ts';
import { generate, load } from './generate.ts';
import { parseOptions, progress } from './options.ts';
import { fixedQueries } from './queries.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '8' },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const SF = 0.1;
const SEED = 42;

interface Measured {
  perSecond: number;
  p50: number;
  cpuMsPerRequest: number;
}

/** Runs `work` from `concurrency` loops for `seconds` after a short warm-up. */
async function measure(work: () => Promise<unknown>): Promise<Measured> {
  for (let i = 0; i < 20; i++) await work();
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        await work();
        latencies.push(performance.now() - started);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50: latencies[Math.floor(latencies.length / 2)] ?? Number.NaN,
    cpuMsPerRequest: (used.user + used.system) / 1000 / latencies.length,
  };
}

const data = generate(SF, SEED);
const queries = fixedQueries(data.picks).filter((q) => !positionals.length || positionals.includes(q.name));
if (!queries.length) {
  const names = fixedQueries(data.picks).map((q) => q.name);
  console.error(`No such query: ${positionals.join(', ')}. The queries are ${names.join(', ')}.`);
  process.exit(2);
}
const db = await startDatabase(parseOptions([]), progress);
try {
  await applySchema(db.executor);
  await load(db.executor, data, progress);
  const app = createApp({
    schema,
    executor: db.executor,
    log: createLogger('silent'),
    cypher: { timeoutMs: 5_000, maxRows: 1_000 },
  });
  const request = async (body: unknown) => {
    const response = await app.fetch('http://bench.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (text.includes('"errors"')) throw new Error(`our server answered with errors: ${text.slice(0, 300)}`);
  };
  console.log(
    `SF ${SF}, concurrency ${concurrency}, ${seconds} s each: requests/s, p50 ms, CPU ms per request`,
  );
  for (const query of queries) {
    const statements: StatementEvent[] = [];
    const stop = db.executor.onStatement((event) => statements.push(event));
    await request(query.ours);
    stop();
    const ways: [string, () => Promise<unknown>][] = [
      ['raw Cypher', () => db.executor.read(query.raw.cypher, query.raw.params)],
      [
        `our ${statements.length} statement(s)`,
        async () => {
          for (const s of statements) await db.executor.read(s.query, s.params);
        },
      ],
      ['our whole request', () => request(query.ours)],
    ];
    for (const [name, work] of ways) {
      const m = await measure(work);
      console.log(
        `${query.name.padEnd(14)} ${name.padEnd(22)} ${m.perSecond.toFixed(0).padStart(6)}/s ${m.p50.toFixed(2).padStart(7)} ms ${m.cpuMsPerRequest.toFixed(2).padStart(6)} ms CPU`,
      );
    }
  }
} finally {
  await db.stop();
}
