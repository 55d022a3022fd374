/**
 * HTTP caching (src/http/http-cache.ts) under load: our server runs with a persisted-operations file
 * holding the cached queries; for each, a GET of the persisted operation answered in full (200) and the
 * same GET with If-None-Match (304, no Cypher) take turns in rounds, like the contenders do.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { getSlice, type LoadResult, type LoadSettings, type Slice, summarise } from './load.ts';
import type { FixedQuery } from './queries.ts';

/** The queries whose GETs are measured: a small answer and a large one. */
export const CACHED_QUERIES = ['lookup', 'nested'];

export interface CachingResult {
  query: string;
  etag: string;
  cacheControl: string;
  full: LoadResult;
  notModified: LoadResult;
}

const hashOf = (query: string) => createHash('sha256').update(query).digest('hex');

/** Writes the persisted-operations file (hash → query) our server is started with. */
export function writePersistedOperations(file: string, queries: FixedQuery[]): void {
  const operations = Object.fromEntries(
    queries.filter((q) => CACHED_QUERIES.includes(q.name)).map((q) => [hashOf(q.ours.query), q.ours.query]),
  );
  writeFileSync(file, JSON.stringify(operations));
}

function getUrl(graphqlUrl: string, q: FixedQuery): string {
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hashOf(q.ours.query) } });
  const params = new URLSearchParams({ extensions, variables: JSON.stringify(q.ours.variables) });
  return `${graphqlUrl}?${params}`;
}

export async function measureCaching(
  graphqlUrl: string,
  queries: FixedQuery[],
  settings: LoadSettings,
  progress: (m: string) => void,
): Promise<CachingResult[]> {
  const out: CachingResult[] = [];
  const headers = { accept: 'application/json' };
  for (const q of queries.filter((x) => CACHED_QUERIES.includes(x.name))) {
    const url = getUrl(graphqlUrl, q);
    const first = await fetch(url, { headers });
    const body = (await first.json()) as { data?: unknown; errors?: unknown };
    const etag = first.headers.get('etag');
    if (first.status !== 200 || body.errors || !etag)
      throw new Error(
        `caching ${q.name}: GET answered ${first.status}, ETag ${etag}: ${JSON.stringify(body)}`,
      );
    const revalidated = await fetch(url, { headers: { ...headers, 'if-none-match': etag } });
    if (revalidated.status !== 304)
      throw new Error(`caching ${q.name}: If-None-Match got ${revalidated.status}`);
    const conditional = { ...headers, 'if-none-match': etag };
    const run = {
      full: (s: number) => getSlice(url, headers, 200, s, settings.concurrency),
      notModified: (s: number) => getSlice(url, conditional, 304, s, settings.concurrency),
    };
    await run.full(settings.warmup);
    await run.notModified(settings.warmup);
    const slices: { full: Slice[]; notModified: Slice[] } = { full: [], notModified: [] };
    for (let round = 0; round < settings.rounds; round++) {
      const order = round % 2 ? (['notModified', 'full'] as const) : (['full', 'notModified'] as const);
      for (const which of order) {
        const slice = await run[which](settings.duration / settings.rounds);
        if (slice.errors > 0)
          throw new Error(`caching ${q.name} ${which}: ${slice.errors} unexpected answers`);
        slices[which].push(slice);
      }
    }
    const result: CachingResult = {
      query: q.name,
      etag,
      cacheControl: first.headers.get('cache-control') ?? '',
      full: summarise(slices.full),
      notModified: summarise(slices.notModified),
    };
    progress(
      `caching ${q.name}: 200 ${Math.round(result.full.throughput)} req/s (p50 ${result.full.p50.toFixed(2)} ms), ` +
        `304 ${Math.round(result.notModified.throughput)} req/s (p50 ${result.notModified.p50.toFixed(2)} ms)`,
    );
    out.push(result);
  }
  return out;
}
