/**
 * The run's results: bench/results/<timestamp>.json (everything measured) and the generated part of
 * docs/benchmarks.md — between the `bench:begin` and `bench:end` markers, so that the hand-written
 * analysis around it survives a new run.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BulkResult } from './bulk.ts';
import type { CachingResult } from './caching.ts';
import type { CheckedAnswer } from './check.ts';
import type { CpuSummary } from './cpu-profile.ts';
import type { LoadStats } from './generate.ts';
import type { LoadResult, MemoryUse } from './load.ts';
import type { BenchOptions } from './options.ts';
import type { QueryProfile } from './profile.ts';
import type { StartupResult } from './startup.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:end -->';

export interface QueryResult {
  query: string;
  title: string;
  targeted: boolean;
  peerNote: string | null;
  answer: string;
  ours: LoadResult;
  peer: LoadResult | null;
  raw: LoadResult;
  /** The same Cypher behind a minimal node:http + JSON server (contenders/floor-server.ts). */
  floor: LoadResult;
}

export interface Target {
  target: string;
  holds: boolean;
  detail: string;
}

export interface BenchResults {
  startedAt: string;
  seconds: number;
  command: string;
  options: BenchOptions;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    os: string;
    node: string;
    java: string;
    neo4j: string;
    neo4jProvider: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
  };
  versions: Record<string, string>;
  data: {
    sf: number;
    seed: number;
    nodes: number;
    relationships: number;
    byLabel: Record<string, number>;
    byType: Record<string, number>;
    load: LoadStats;
  };
  coldStart: { oursMs: number[]; oursMedianMs: number; peerMs: number };
  /** RSS per server process (ours, peer, floor), sampled alike through the load phase. */
  memory: Record<string, MemoryUse>;
  caching: CachingResult[] | null;
  /** Null when the bench runs on NEO4J_URI (no local Neo4j to start) or with --only. */
  startup: StartupResult | null;
  seeding: { ms: number; nodes: number; relationships: number } | null;
  bulk: BulkResult | null;
  answers: CheckedAnswer[];
  results: QueryResult[];
  profiles: QueryProfile[];
  cpuProfile: CpuSummary | null;
  targets: Target[];
}

export const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : '–');
const rps = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en') : '–');
const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–');
const int = (v: number) => Math.round(v).toLocaleString('en');

export function evaluateTargets(r: Omit<BenchResults, 'targets'>): Target[] {
  const targeted = r.results.filter((q) => q.targeted);
  const floorRatios = targeted.map((q) => ({ q: q.query, v: q.ours.p50 / q.floor.p50 }));
  const overFloor = floorRatios.filter((x) => x.v > 1.3);
  const withPeer = targeted.filter((q) => q.peer);
  const tput = withPeer.map((q) => ({
    q: q.query,
    v: q.ours.throughput / (q.peer as LoadResult).throughput,
  }));
  const LIST_QUERIES = ['page', 'nested', 'zoneCompanies', 'perProvince', 'relationCount'];
  const lists = tput.filter((x) => LIST_QUERIES.includes(x.q));
  const weakLists = lists.filter((x) => x.v < 1.5);
  const belowPeer = tput.filter((x) => x.v < 1);
  const list = (xs: { q: string; v: number }[]) => xs.map((x) => `${x.q} ${ratio(x.v)}`).join(', ');
  const targets: Target[] = [
    {
      target: 'ours ≤ 1.3 × the HTTP floor at p50 on every query',
      holds: overFloor.length === 0,
      detail: overFloor.length
        ? `over on ${list(overFloor)}`
        : `worst ${list([...floorRatios].sort((a, b) => b.v - a.v).slice(0, 1))}`,
    },
    {
      target: 'ours ≥ 1.5 × peer throughput on every list query',
      holds: weakLists.length === 0 && lists.length > 0,
      detail: weakLists.length ? `below on ${list(weakLists)}` : list(lists),
    },
    {
      target: 'ours ≥ peer throughput on every query',
      holds: belowPeer.length === 0,
      detail: belowPeer.length
        ? `below on ${list(belowPeer)}`
        : `lowest ${list([...tput].sort((a, b) => a.v - b.v).slice(0, 1))}`,
    },
  ];
  const ours = r.memory.ours;
  const peer = r.memory.peer;
  if (ours?.peakMiB && peer?.peakMiB)
    targets.push({
      target: "server RSS under load ≤ the peer's",
      holds: ours.peakMiB <= peer.peakMiB,
      detail: `peak ${int(ours.peakMiB)} MiB vs ${int(peer.peakMiB)} MiB (median ${int(ours.medianMiB ?? Number.NaN)} vs ${int(peer.medianMiB ?? Number.NaN)})`,
    });
  targets.push({
    target: 'cold start < 2 s (Neo4j up)',
    holds: r.coldStart.oursMedianMs < 2000,
    detail: `median ${int(r.coldStart.oursMedianMs)} ms of ${r.coldStart.oursMs.map(int).join(', ')} ms`,
  });
  if (r.seeding) {
    // What a first `npm start` pays, when measured: its seeding on the JVM it had just started.
    const onFirstStart = r.startup?.seedOnFirstStartMs ?? null;
    // A first local start that began from the shipped seeded store ran no seed(): the target is then
    // what it paid (the unpack), and seed()'s figure is what NEO4J_URI or a container still pay.
    const shipped = r.startup?.firstStartSeededFrom === 'shipped store' && onFirstStart !== null;
    targets.push({
      target: 'seeding ≤ 2 s',
      holds: (shipped ? (onFirstStart ?? 0) : Math.max(r.seeding.ms, onFirstStart ?? 0)) <= 2000,
      detail:
        `${int(r.seeding.ms)} ms (\`seed()\` on a Neo4j started moments before${shipped ? ': what a first start on NEO4J_URI or a container pays' : ''})` +
        (onFirstStart === null
          ? ''
          : `; ${int(onFirstStart)} ms in the first \`npm start\` (${r.startup?.firstStartSeededFrom === 'shipped store' ? `the shipped seeded store, unpacked in ${int(r.startup.shippedStoreUnpackMs ?? Number.NaN)} ms before the JVM` : 'seed() on its new JVM'}; class-data archive: ${r.startup?.firstStartClassData ?? 'unknown'})`),
    });
  }
  if (r.startup)
    targets.push({
      target: 'start on an existing store ready ≤ 10 s',
      holds: r.startup.existingStoreStartMs <= 10_000,
      detail: `${int(r.startup.existingStoreStartMs)} ms (first start on an empty store: ${int(r.startup.firstStartMs)} ms)`,
    });
  if (r.bulk)
    targets.push({
      target: 'bulk load ≥ 50,000 relationships/s',
      holds: r.bulk.relationshipsPerSecond >= 50_000,
      detail: `${int(r.bulk.relationshipsPerSecond)} relationships/s (${r.bulk.path}; the whole command ${r.bulk.wallSeconds.toFixed(1)} s)`,
    });
  if (r.caching?.length)
    targets.push({
      target: '304 of a persisted GET: no Cypher, faster than the full answer',
      holds: r.caching.every((c) => c.notModified.throughput > c.full.throughput),
      detail: r.caching
        .map((c) => `${c.query} ${ratio(c.notModified.throughput / c.full.throughput)}`)
        .join(', '),
    });
  return targets;
}

export function markdown(r: BenchResults): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push(`Run of ${r.startedAt} (${Math.round(r.seconds)} s): \`${r.command}\``, '');
  lines.push('| machine | |', '| --- | --- |');
  lines.push(`| CPUs | ${m.cpus} × ${m.cpuModel} |`);
  lines.push(`| memory | ${m.memoryGiB.toFixed(1)} GiB |`);
  lines.push(`| OS | ${m.os} |`);
  lines.push(`| Node.js | ${m.node} |`);
  lines.push(`| Java | ${m.java} |`);
  lines.push(`| Neo4j | ${m.neo4j} (${m.neo4jProvider}) |`);
  lines.push(
    `| load average before / after | ${m.loadAverageBefore.map((v) => v.toFixed(2)).join(' ')} / ${m.loadAverageAfter.map((v) => v.toFixed(2)).join(' ')} |`,
  );
  lines.push('', '| contender | versions |', '| --- | --- |');
  lines.push(
    `| ours | hitech-kg ${r.versions['hitech-kg']}: graphql-yoga ${r.versions['graphql-yoga']}, @pothos/core ${r.versions['@pothos/core']}, graphql ${r.versions.graphql}, neo4j-driver ${r.versions['neo4j-driver']} |`,
  );
  lines.push(
    `| peer | @neo4j/graphql ${r.versions['@neo4j/graphql']} on graphql-yoga ${r.versions['graphql-yoga']}, graphql ${r.versions.graphql}, neo4j-driver ${r.versions['neo4j-driver']} |`,
  );
  lines.push(`| raw | neo4j-driver ${r.versions['neo4j-driver']} (in the bench process, no HTTP) |`);
  lines.push(
    `| HTTP floor | the raw Cypher behind node:http + JSON, neo4j-driver ${r.versions['neo4j-driver']} (a process of its own) |`,
  );
  lines.push(`| load generator | autocannon ${r.versions.autocannon} |`);

  const d = r.data;
  lines.push(
    '',
    `**Data**: SF ${d.sf} (seed ${d.seed}): ${int(d.nodes)} nodes, ${int(d.relationships)} relationships. `,
  );
  lines.push(
    `${Object.entries(d.byLabel)
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(', ')}.  `,
  );
  lines.push(
    `Relationships: ${Object.entries(d.byType)
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(', ')}.  `,
  );
  lines.push(
    `**Load** (UNWIND batches of 10,000, CREATE, one transaction each; relationship ends by element id): nodes in ${d.load.nodeSeconds.toFixed(1)} s, relationships in ${d.load.relationshipSeconds.toFixed(1)} s = **${int(d.load.relationshipsPerSecond)} relationships/s**.`,
  );

  const o = r.options;
  lines.push(
    '',
    `**Load test**: concurrency ${o.concurrency} for every contender, ${o.warmup} s warm-up then ${o.duration} s measured per query and contender; HTTP contenders driven by autocannon (${o.concurrency} connections, no pipelining), raw by ${o.concurrency} async workers in a bounded loop. Latencies in ms, throughput in requests/s. Ratios: ours/raw and ours/HTTP floor at p50 (lower is better), ours/peer in throughput (higher is better).`,
    '',
  );
  lines.push(
    '| query | answer | raw p50 | raw req/s | floor p50 | floor p99 | floor req/s | ours p50 | ours p99 | ours req/s | peer p50 | peer p99 | peer req/s | ours/raw p50 | ours/floor p50 | ours/peer req/s |',
  );
  lines.push(
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const q of r.results) {
    const p = q.peer;
    lines.push(
      `| ${q.title}${q.peerNote ? ` — peer: ${q.peerNote}` : ''} | ${q.answer} | ${ms(q.raw.p50)} | ${rps(q.raw.throughput)} | ${ms(q.floor.p50)} | ${ms(q.floor.p99)} | ${rps(q.floor.throughput)} | ${ms(q.ours.p50)} | ${ms(q.ours.p99)} | ${rps(q.ours.throughput)} | ${p ? ms(p.p50) : 'n/a'} | ${p ? ms(p.p99) : 'n/a'} | ${p ? rps(p.throughput) : 'n/a'} | ${ratio(q.ours.p50 / q.raw.p50)} | ${ratio(q.ours.p50 / q.floor.p50)} | ${p ? ratio(q.ours.throughput / p.throughput) : 'n/a'} |`,
    );
  }
  lines.push(
    '',
    `**Cold start** (spawn of \`node scripts/start.mjs\` (\`npm start\`: build, then run the bundle) with Neo4j up → first 200 from /readyz): median **${int(r.coldStart.oursMedianMs)} ms** (${r.coldStart.oursMs.map(int).join(', ')} ms). Peer, for reference: ${int(r.coldStart.peerMs)} ms.  `,
  );
  if (r.startup) {
    const classes =
      r.startup.firstStartClassData === 'use'
        ? 'mapped from the class-data archive'
        : r.startup.firstStartClassData === 'record'
          ? "loaded from the jars while the class-data archive is recorded, as on a machine's very first start"
          : 'loaded from the jars';
    const seeding =
      r.startup.seedOnFirstStartMs === null
        ? ''
        : r.startup.firstStartSeededFrom === 'shipped store'
          ? ` (of which the seeding, as its log reports it: ${int(r.startup.seedOnFirstStartMs)} ms — the shipped seeded store unpacked before the JVM in ${int(r.startup.shippedStoreUnpackMs ?? Number.NaN)} ms, nothing seeded on the JVM; Neo4j's classes ${classes})`
          : ` (of which the seeding, from Neo4j answering to the store seeded, as its log reports it: ${int(r.startup.seedOnFirstStartMs)} ms; Neo4j's classes ${classes})`;
    lines.push(
      `**Start with a local Neo4j** (\`npm start\`'s default; spawn → first 200 from /readyz, JVM start included): on an empty store (its first start), **${int(r.startup.firstStartMs)} ms**${seeding}; on the store that start left, **${int(r.startup.existingStoreStartMs)} ms**.  `,
    );
  }
  if (r.startup?.classData) {
    const c = r.startup.classData;
    lines.push(
      `**Class-data archive** (the local Neo4j alone on that store, spawn → Bolt answers): without an archive ${int(c.withoutArchiveStartMs)} ms; the start that records it ${int(c.recordingStartMs)} ms and its stop, writing it, ${int(c.recordingStopMs)} ms (once per Java and classpath); with it ${int(c.withArchiveStartMs)} ms.  `,
    );
  }
  if (r.seeding)
    lines.push(
      `**Seed** (\`seed()\` on the empty bench database, a Neo4j started moments before: ${int(r.seeding.nodes)} nodes, ${int(r.seeding.relationships)} relationships): **${int(r.seeding.ms)} ms**.  `,
    );
  if (r.bulk)
    lines.push(
      r.bulk.path === 'offline importer'
        ? `**Bulk import** (\`npm run import -- <file> --bulk\` of this graph as a fact file, into a new local store: the offline importer, neo4j-admin database import full): ${int(r.bulk.nodes)} nodes and ${int(r.bulk.relationships)} relationships; the importer's phase (CSV files and neo4j-admin) ${r.bulk.seconds.toFixed(1)} s = **${int(r.bulk.relationshipsPerSecond)} relationships/s**; then the server's start on the new store, schema and claims ${(r.bulk.finishSeconds ?? 0).toFixed(1)} s; the command from spawn to exit, parsing and validation included: ${r.bulk.wallSeconds.toFixed(1)} s = ${int(r.bulk.relationships / r.bulk.wallSeconds)} relationships/s.  `
        : `**Bulk import** (\`npm run import -- <file> --bulk\` of this graph as a fact file, into the empty database: batched CREATE over Bolt, as with NEO4J_URI): ${int(r.bulk.nodes)} nodes and ${int(r.bulk.relationships)} relationships in ${r.bulk.seconds.toFixed(1)} s = **${int(r.bulk.relationshipsPerSecond)} relationships/s** (the command from spawn to exit, parsing and validation included: ${r.bulk.wallSeconds.toFixed(1)} s).  `,
    );
  lines.push(
    '',
    '**Memory** (RSS of each server process, sampled every 200 ms through the whole load phase):',
    '',
  );
  lines.push('| server | idle MiB | median MiB | peak MiB |', '| --- | ---: | ---: | ---: |');
  const mib = (v: number | null | undefined) => (v === null || v === undefined ? '–' : int(v));
  for (const [name, m] of Object.entries(r.memory))
    lines.push(`| ${name} | ${mib(m.idleMiB)} | ${mib(m.medianMiB)} | ${mib(m.peakMiB)} |`);
  if (r.caching?.length) {
    lines.push(
      '',
      `**HTTP caching** (GET of a persisted operation; ${o.concurrency} connections; a full answer and the same GET with If-None-Match taking turns):`,
      '',
    );
    lines.push(
      '| query | Cache-Control | 200 p50 | 200 req/s | 304 p50 | 304 req/s | 304 / 200 req/s |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const c of r.caching)
      lines.push(
        `| ${c.query} | ${c.cacheControl} | ${ms(c.full.p50)} | ${rps(c.full.throughput)} | ${ms(c.notModified.p50)} | ${rps(c.notModified.throughput)} | ${ratio(c.notModified.throughput / c.full.throughput)} |`,
      );
  }

  lines.push('', '**Database work per request** (statements; PROFILE db hits summed):', '');
  lines.push(
    '| query | ours: statements | ours: db hits | peer: statements | peer: db hits | raw: db hits |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const p of r.profiles) {
    const hits = (s: { dbHits: number }[]) => int(s.reduce((a, b) => a + b.dbHits, 0));
    lines.push(
      `| ${p.query} | ${p.ours.length} | ${hits(p.ours)} | ${p.peer ? p.peer.length : 'n/a'} | ${p.peer ? hits(p.peer) : 'n/a'} | ${hits(p.raw)} |`,
    );
  }
  if (r.cpuProfile) {
    lines.push(
      '',
      `**CPU profile of our server under load** (${r.cpuProfile.file}), self time by package:`,
      '',
    );
    lines.push('| where | share |', '| --- | ---: |');
    for (const row of r.cpuProfile.byPackage.slice(0, 12))
      lines.push(`| ${row.name} | ${(row.share * 100).toFixed(1)} % |`);
  }
  lines.push('', '**Targets**:', '');
  lines.push('| target | holds | measured |', '| --- | --- | --- |');
  for (const t of r.targets) lines.push(`| ${t.target} | ${t.holds ? 'yes' : '**no**'} | ${t.detail} |`);
  return lines.join('\n');
}

const TEMPLATE = (generated: string) => `# Benchmarks

\`npm run bench\` measures our GraphQL server against the floor (the same questions as hand-written
Cypher on neo4j-driver) and against a peer (@neo4j/graphql serving equivalent type definitions on
graphql-yoga), on one Neo4j and one synthetic graph, in one run. See bench/ for the code.

${BEGIN}
${generated}
${END}
`;

/** Writes the JSON; the document only for a run of every query (an --only run is partial). */
export async function writeResults(r: BenchResults): Promise<{ json: string; doc: string | null }> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const json = path.join(RESULTS_DIR, `${r.startedAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(json, `${JSON.stringify(r, null, 2)}\n`);
  if (r.options.only.length) return { json, doc: null };
  const generated = markdown(r);
  let doc = TEMPLATE(generated);
  if (existsSync(DOC)) {
    const current = await readFile(DOC, 'utf8');
    const start = current.indexOf(BEGIN);
    const end = current.indexOf(END);
    if (start >= 0 && end > start)
      doc = `${current.slice(0, start + BEGIN.length)}\n${generated}\n${current.slice(end)}`;
  }
  await writeFile(DOC, doc);
  return { json, doc: DOC };
}
