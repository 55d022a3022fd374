/** Operations: /metrics, persisted operations, CORS. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { schema } from '../../src/schema/index.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const log = createLogger('silent');
const post = (app: ReturnType<typeof createApp>, body: unknown, headers: Record<string, string> = {}) =>
  app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('/metrics', () => {
  it('reports request counts, latencies and Cypher timings in the Prometheus format', async () => {
    const app = createApp({ schema, executor, log });
    await post(app, { query: '{ zone(key: "zhongguancun") { name } }' });
    const metrics = await (await app.fetch('http://yoga/metrics')).text();
    expect(metrics).toMatch(/graphql_envelop_request_duration/);
    expect(metrics).toMatch(/graphql_yoga_http_duration_bucket/);
    expect(metrics).toMatch(/hitech_kg_cypher_duration_seconds_count\{mode="READ",outcome="ok"\} [1-9]/);
  });

  it('labels HTTP durations by the path: GETs with other variables share one series', async () => {
    const app = createApp({ schema, executor, log });
    const query = 'query($key: String!) { zone(key: $key) { key } }';
    for (const key of ['zhongguancun', 'lenovo', 'no-such-zone'])
      await (
        await app.fetch(
          `http://yoga/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ key }))}`,
        )
      ).text();
    const metrics = await (await app.fetch('http://yoga/metrics')).text();
    const counts = metrics.split('\n').filter((line) => line.startsWith('graphql_yoga_http_duration_count'));
    expect(counts).toEqual([
      'graphql_yoga_http_duration_count{method="GET",statusCode="200",operationName="Anonymous",operationType="query",url="/graphql"} 3',
    ]);
  });
});

describe('/metrics stays bounded whatever clients send', () => {
  const seriesOf = (metrics: string) =>
    metrics.split('\n').filter((line) => line && !line.startsWith('#')).length;

  it('labels by path, never by the Host header: other hosts and unknown paths add no series', async () => {
    const app = createApp({ schema, executor, log });
    const ask = async (host: string, path = '/graphql') =>
      (
        await app.fetch(`http://${host}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        })
      ).text();
    await ask('yoga');
    const before = seriesOf(await (await app.fetch('http://yoga/metrics')).text());
    for (let i = 0; i < 20; i++) await ask(`attacker${i}.example`);
    for (let i = 0; i < 20; i++) await ask('yoga', `/nowhere-${i}`);
    const metrics = await (await app.fetch('http://yoga/metrics')).text();
    expect(metrics).not.toMatch(/attacker|nowhere/);
    expect(metrics).toMatch(/url="\/graphql"/);
    // The 404s' own series (one status, one label): a fixed few more, not one per request.
    expect(seriesOf(metrics) - before).toBeLessThan(40);
  });

  it('keeps the first 100 operation names, then counts the rest as "other"; errors carry no path', async () => {
    const app = createApp({ schema, executor, log });
    for (let i = 0; i < 130; i++)
      await post(app, {
        query: `query Op${i} { a${i}: zone(key: "zhongguancun") { key nope: __typename } }`,
      });
    await post(app, { query: `query Broken { b1: zone(key: 5) { key } }` });
    const metrics = await (await app.fetch('http://yoga/metrics')).text();
    expect(metrics).toMatch(/operationName="Op99"/);
    expect(metrics).not.toMatch(/operationName="Op100"/);
    expect(metrics).toMatch(/graphql_envelop_request\{operationName="other",operationType="query"\} 30/);
    expect(metrics).not.toMatch(/path=/);
  });
});

describe('persisted operations', () => {
  const query = '{ zone(key: "zhongguancun") { key } }';
  const hash = createHash('sha256').update(query).digest('hex');
  const persisted = (only: boolean) =>
    createApp({
      schema,
      executor,
      log,
      persistedOperations: { operations: { [hash]: query }, only },
    });

  it('runs an operation sent by its hash', async () => {
    const response = await post(persisted(true), {
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(((await response.json()) as any).data.zone.key).toBe('zhongguancun');
  });

  it('refuses other operations when only persisted ones are allowed, and allows them otherwise', async () => {
    const refused = (await (
      await post(persisted(true), { query: '{ stats { nodesByLabel { name } } }' })
    ).json()) as any;
    expect(refused.errors?.[0]?.message).toMatch(/PersistedQueryOnly|persisted/i);
    const allowed = (await (
      await post(persisted(false), { query: '{ zone(key: "lenovo") { key } }' })
    ).json()) as any;
    expect(allowed.errors).toBeUndefined();
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin, and not from another', async () => {
    const app = createApp({ schema, executor, log, corsOrigins: ['https://app.example'] });
    const preflight = (origin: string) =>
      app.fetch('http://yoga/graphql', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    expect((await preflight('https://app.example')).headers.get('access-control-allow-origin')).toBe(
      'https://app.example',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example',
    );
  });
});
