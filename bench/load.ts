/**
 * Load at a fixed concurrency for a fixed time, after a warm-up. HTTP contenders are driven by
 * autocannon (one connection per request in flight, no pipelining); every response's latency is taken
 * from autocannon's `response` event at full precision (its own histogram rounds to whole ms). The raw
 * contender has no HTTP: the same concurrency is a bounded async loop of driver calls.
 */
import autocannon from 'autocannon';
import type { RawContender } from './contenders/raw.ts';
import type { FixedQuery, GraphQLRequest } from './queries.ts';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
}

export interface LoadSettings {
  concurrency: number;
  /** Measured seconds per query and contender, split into `rounds` slices. */
  duration: number;
  warmup: number;
  /** The contenders take turns in this many slices, so that background load hits all alike. */
  rounds: number;
}

/** One contender's measured slice: every latency in ms, the failures and the wall time. */
export interface Slice {
  latencies: number[];
  errors: number;
  seconds: number;
}

function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[index] as number;
}

export function summarise(slices: Slice[]): LoadResult {
  const latencies = slices.flatMap((s) => s.latencies);
  const errors = slices.reduce((sum, s) => sum + s.errors, 0);
  const seconds = slices.reduce((sum, s) => sum + s.seconds, 0);
  if (latencies.length === 0)
    throw new Error(`no request completed in ${seconds.toFixed(1)} s (${errors} errors)`);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    throughput: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
  };
}

/** `concurrency` connections send the request (a JSON body) back to back for `seconds`. */
export async function httpSlice(
  url: string,
  request: GraphQLRequest | object,
  seconds: number,
  concurrency: number,
): Promise<Slice> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        connections: concurrency,
        pipelining: 1,
        duration: seconds,
        // A GraphQL error is a 200 too: a body with "errors" counts as a mismatch.
        verifyBody: (body) => !String(body ?? '').includes('"errors"'),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
  const errors = result.errors + result.timeouts + result.non2xx + result.mismatches;
  return { latencies, errors, seconds: result.duration };
}

/**
 * `concurrency` connections send a GET back to back for `seconds`; a response counts when it has the
 * expected status (200 for a full answer, 304 for a revalidated one), any other is a failure.
 */
export async function getSlice(
  url: string,
  headers: Record<string, string>,
  expectedStatus: number,
  seconds: number,
  concurrency: number,
): Promise<Slice> {
  const latencies: number[] = [];
  let unexpected = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: 'GET', headers, connections: concurrency, pipelining: 1, duration: seconds },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === expectedStatus) latencies.push(responseTime);
      else unexpected++;
    });
  });
  return { latencies, errors: result.errors + result.timeouts + unexpected, seconds: result.duration };
}

/** `concurrency` async workers run the query back to back for `seconds` (no HTTP). */
export async function rawSlice(
  raw: RawContender,
  query: FixedQuery,
  seconds: number,
  concurrency: number,
): Promise<Slice> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        await raw.run(query);
        latencies.push(performance.now() - t);
      } catch {
        errors++;
        if (errors > 100) throw new Error(`raw ${query.name}: more than 100 errors`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}

export interface MemoryUse {
  /** RSS before the load phase, MiB. */
  idleMiB: number | null;
  /** Median and highest RSS sampled through the load phase, MiB. */
  medianMiB: number | null;
  peakMiB: number | null;
}

/** Samples every server's RSS every 200 ms while `work` runs. */
export async function sampleMemory(
  servers: Record<string, { rssMiB(): number | null }>,
  work: () => Promise<void>,
): Promise<Record<string, MemoryUse>> {
  const names = Object.keys(servers);
  const idle = Object.fromEntries(names.map((n) => [n, servers[n]?.rssMiB() ?? null]));
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const take = () => {
    for (const n of names) {
      const v = servers[n]?.rssMiB();
      if (v !== null && v !== undefined) samples[n]?.push(v);
    }
  };
  const timer = setInterval(take, 200);
  try {
    await work();
    take();
  } finally {
    clearInterval(timer);
  }
  return Object.fromEntries(
    names.map((n) => {
      const s = [...(samples[n] ?? [])].sort((a, b) => a - b);
      return [
        n,
        {
          idleMiB: idle[n] ?? null,
          medianMiB: s.length ? (s[Math.floor(s.length / 2)] as number) : null,
          peakMiB: s.length ? (s.at(-1) as number) : null,
        },
      ];
    }),
  );
}
