/**
 * The run's results: bench/results/<timestamp>.json (everything measured) and the generated part of
 * docs/benchmarks.md — between the `bench:begin` and `bench:end` markers, so that the hand-written
 * analysis around it survives a new run.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckedAnswer } from './check.ts';
import type { CpuSummary } from './cpu-profile.ts';
import type { LoadStats } from './generate.ts';
import type { LoadResult } from './load.ts';
import type { BenchOptions } from './options.ts';
import type { QueryProfile } from './profile.ts';

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
  memory: {
    oursIdleMiB: number | null;
    oursPeakMiB: number | null;
    peerIdleMiB: number | null;
    peerPeakMiB: number | null;
  };
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
  const p50Ratios = targeted.map((q) => ({ q: q.query, v: q.ours.p50 / q.raw.p50 }));
  const overRaw = p50Ratios.filter((x) => x.v > 1.3);
  const withPeer = targeted.filter((q) => q.peer);
  const tput = withPeer.map((q) => ({
    q: q.query,
    v: q.ours.throughput / (q.peer as LoadResult).throughput,
  }));
  const belowPeer = tput.filter((x) => x.v < 1);
  const strong = tput.filter((x) => ['nested', 'relationCount'].includes(x.q));
  const weak = strong.filter((x) => x.v < 1.5);
  const list = (xs: { q: string; v: number }[]) => xs.map((x) => `${x.q} ${ratio(x.v)}`).join(', ');
  return [
    {
      target: 'ours ≤ 1.3 × raw at p50 on every query',
      holds: overRaw.length === 0,
      detail: overRaw.length
        ? `over on ${list(overRaw)}`
        : `worst ${list([...p50Ratios].sort((a, b) => b.v - a.v).slice(0, 1))}`,
    },
    {
      target: 'ours ≥ peer throughput on every query',
      holds: belowPeer.length === 0,
      detail: belowPeer.length
        ? `below on ${list(belowPeer)}`
        : `lowest ${list([...tput].sort((a, b) => a.v - b.v).slice(0, 1))}`,
    },
    {
      target: 'ours ≥ 1.5 × peer throughput on nested and relation-count',
      holds: strong.length === 2 && weak.length === 0,
      detail: list(strong),
    },
    {
      target: 'cold start < 2 s',
      holds: r.coldStart.oursMedianMs < 2000,
      detail: `median ${int(r.coldStart.oursMedianMs)} ms of ${r.coldStart.oursMs.map(int).join(', ')} ms`,
    },
    {
      target: 'load ≥ 50,000 relationships/s',
      holds: r.data.load.relationshipsPerSecond >= 50_000,
      detail: `${int(r.data.load.relationshipsPerSecond)} relationships/s`,
    },
  ];
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
    `**Load test**: concurrency ${o.concurrency} for every contender, ${o.warmup} s warm-up then ${o.duration} s measured per query and contender; HTTP contenders driven by autocannon (${o.concurrency} connections, no pipelining), raw by ${o.concurrency} async workers in a bounded loop. Latencies in ms, throughput in requests/s. Ratios: ours/raw at p50 (lower is better), ours/peer in throughput (higher is better).`,
    '',
  );
  lines.push(
    '| query | answer | raw p50 | raw p99 | raw req/s | ours p50 | ours p99 | ours req/s | peer p50 | peer p99 | peer req/s | ours/raw p50 | ours/peer req/s |',
  );
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const q of r.results) {
    const p = q.peer;
    lines.push(
      `| ${q.title}${q.peerNote ? ` — peer: ${q.peerNote}` : ''} | ${q.answer} | ${ms(q.raw.p50)} | ${ms(q.raw.p99)} | ${rps(q.raw.throughput)} | ${ms(q.ours.p50)} | ${ms(q.ours.p99)} | ${rps(q.ours.throughput)} | ${p ? ms(p.p50) : 'n/a'} | ${p ? ms(p.p99) : 'n/a'} | ${p ? rps(p.throughput) : 'n/a'} | ${ratio(q.ours.p50 / q.raw.p50)} | ${p ? ratio(q.ours.throughput / p.throughput) : 'n/a'} |`,
    );
  }
  const mem = r.memory;
  lines.push(
    '',
    `**Cold start** (spawn of \`node --import tsx src/main.ts\` with Neo4j up → first 200 from /readyz): median **${int(r.coldStart.oursMedianMs)} ms** (${r.coldStart.oursMs.map(int).join(', ')} ms). Peer, for reference: ${int(r.coldStart.peerMs)} ms.  `,
    `**Memory** (RSS): ours ${mem.oursIdleMiB?.toFixed(0) ?? '–'} MiB idle, peak **${mem.oursPeakMiB?.toFixed(0) ?? '–'} MiB** under load; peer ${mem.peerIdleMiB?.toFixed(0) ?? '–'} MiB idle, peak ${mem.peerPeakMiB?.toFixed(0) ?? '–'} MiB.`,
  );

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
