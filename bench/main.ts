/**
 * `npm run bench [-- --sf 0.01]`: generate and load the synthetic graph into a Neo4j of its own, time
 * the server's cold start, start the three contenders (our server and @neo4j/graphql over HTTP, the raw
 * driver in-process), check that they answer every query alike, profile what each asks Neo4j, load each
 * query on each contender, and write bench/results/<timestamp>.json and docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureBulkImport } from './bulk.ts';
import { measureCaching, writePersistedOperations } from './caching.ts';
import { type CheckedAnswer, checkAnswers } from './check.ts';
import { floorRequest, startFloorServer } from './contenders/floor.ts';
import { startOurServer } from './contenders/ours.ts';
import { startPeerServer } from './contenders/peer.ts';
import { RawContender } from './contenders/raw.ts';
import type { ServerProcess } from './contenders/server-process.ts';
import { summariseCpuProfile } from './cpu-profile.ts';
import { applySchema, startDatabase, wipe } from './database.ts';
import { generate, load } from './generate.ts';
import { httpSlice, type LoadSettings, rawSlice, type Slice, sampleMemory, summarise } from './load.ts';
import { parseOptions, progress } from './options.ts';
import { profileQueries } from './profile.ts';
import { type FixedQuery, fixedQueries } from './queries.ts';
import {
  type BenchResults,
  evaluateTargets,
  median,
  type QueryResult,
  RESULTS_DIR,
  ROOT,
  writeResults,
} from './report.ts';
import { measureLocalStartup, measureSeed } from './startup.ts';

function versionOf(pkg: string): string {
  const file =
    pkg === 'hitech-kg'
      ? path.join(ROOT, 'package.json')
      : path.join(ROOT, 'node_modules', pkg, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** `java -version` prints on stderr. */
function javaVersionLine(): string {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return `${out.stderr ?? ''}${out.stdout ?? ''}`.split('\n')[0]?.trim() || 'unknown';
}

type Who = 'raw' | 'floor' | 'ours' | 'peer';

/**
 * One query on every contender: a warm-up each, then `rounds` slices in which the contenders take
 * turns (the order rotating), so that the machine's background load falls on all of them alike.
 */
async function measureQuery(
  q: FixedQuery,
  c: { ours: ServerProcess; peer: ServerProcess; floor: ServerProcess; raw: RawContender },
  settings: LoadSettings,
  answers: CheckedAnswer[],
): Promise<QueryResult> {
  const slice: Partial<Record<Who, (seconds: number) => Promise<Slice>>> = {
    raw: (seconds) => rawSlice(c.raw, q, seconds, settings.concurrency),
    floor: (seconds) => httpSlice(c.floor.url, floorRequest(q), seconds, settings.concurrency),
    ours: (seconds) => httpSlice(c.ours.url, q.ours, seconds, settings.concurrency),
  };
  const peerRequest = q.peer;
  if (peerRequest)
    slice.peer = (seconds) => httpSlice(c.peer.url, peerRequest, seconds, settings.concurrency);
  const who = Object.keys(slice) as Who[];
  for (const w of who) await slice[w]?.(settings.warmup);
  const slices: Partial<Record<Who, Slice[]>> = {};
  for (let round = 0; round < settings.rounds; round++) {
    for (let k = 0; k < who.length; k++) {
      const w = who[(round + k) % who.length] as Who;
      const measured = await (slice[w] as (seconds: number) => Promise<Slice>)(
        settings.duration / settings.rounds,
      );
      if (measured.errors > 0)
        throw new Error(`${w} ${q.name}: ${measured.errors} failed requests under load`);
      const list = slices[w] ?? [];
      list.push(measured);
      slices[w] = list;
    }
  }
  const r = summarise(slices.raw ?? []);
  const f = summarise(slices.floor ?? []);
  const o = summarise(slices.ours ?? []);
  const p = slices.peer ? summarise(slices.peer) : null;
  progress(
    `${q.name}: p50 raw ${r.p50.toFixed(2)} floor ${f.p50.toFixed(2)} ours ${o.p50.toFixed(2)} peer ${p ? p.p50.toFixed(2) : 'n/a'} ms; ` +
      `req/s raw ${Math.round(r.throughput)} floor ${Math.round(f.throughput)} ours ${Math.round(o.throughput)} peer ${p ? Math.round(p.throughput) : 'n/a'}`,
  );
  return {
    query: q.name,
    title: q.title,
    targeted: q.targeted,
    peerNote: q.peerNote ?? null,
    answer: answers.find((a) => a.query === q.name)?.size ?? '',
    ours: o,
    peer: p,
    raw: r,
    floor: f,
  };
}

const countBy = <T>(items: T[], key: (t: T) => string, size: (t: T) => number) => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + size(item);
  return out;
};

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const loadAverageBefore = os.loadavg();
  const settings: LoadSettings = {
    concurrency: options.concurrency,
    duration: options.duration,
    warmup: options.warmup,
    rounds: options.rounds,
  };

  progress(`generating SF ${options.sf} (seed ${options.seed})`);
  const data = generate(options.sf, options.seed);
  progress(
    `${data.nodeCount.toLocaleString('en')} nodes, ${data.relationshipCount.toLocaleString('en')} relationships`,
  );
  const queries = fixedQueries(data.picks).filter(
    (q) => !options.only.length || options.only.includes(q.name),
  );
  if (!queries.length) throw new Error(`--only ${options.only.join(',')} names no query`);

  let startup: BenchResults['startup'] = null;
  if (!process.env.NEO4J_URI && !options.only.length) {
    progress('start-up with a local Neo4j: an empty store, then the store it left');
    // A start that fails (on a machine too busy for the server's timeouts) is reported, not fatal.
    startup = await measureLocalStartup(progress).catch((error: Error) => {
      progress(`start-up not measured: ${error.message.slice(0, 2000)}`);
      return null;
    });
  }

  const db = await startDatabase(options, progress);
  try {
    // On the empty database, first: the seed (as the first `npm start` runs it), then the bulk import
    // of the synthetic graph; each is deleted again, schema and all, before the online load.
    let seeding: BenchResults['seeding'] = null;
    let bulk: BenchResults['bulk'] = null;
    if (!options.only.length) {
      seeding = await measureSeed(db.executor);
      progress(
        `seed: ${Math.round(seeding.ms)} ms (${seeding.nodes} nodes, ${seeding.relationships} relationships)`,
      );
      await wipe(db.executor, true);
      bulk = await measureBulkImport(db.neo4j, data);
      progress(
        `bulk import: ${bulk.relationships.toLocaleString('en')} relationships in ${bulk.seconds.toFixed(1)} s = ` +
          `${Math.round(bulk.relationshipsPerSecond).toLocaleString('en')} relationships/s (${bulk.path}; command: ${bulk.wallSeconds.toFixed(1)} s)`,
      );
      await wipe(db.executor, true);
    }
    await applySchema(db.executor);
    const loadStats = await load(db.executor, data, progress);
    progress(`loaded: ${Math.round(loadStats.relationshipsPerSecond).toLocaleString('en')} relationships/s`);

    const coldMs: number[] = [];
    for (let i = 0; i < options.coldStarts; i++) {
      const server = await startOurServer(db.neo4j);
      coldMs.push(server.coldStartMs);
      progress(`cold start ${i + 1}/${options.coldStarts}: ${Math.round(server.coldStartMs)} ms`);
      await server.stop();
    }

    const stamp = startedAt.replace(/[:.]/g, '-');
    const cpuDir = options.cpuProf ? path.join(RESULTS_DIR, `cpu-${stamp}`) : null;
    let ours: ServerProcess | undefined;
    let peer: ServerProcess | undefined;
    let floor: ServerProcess | undefined;
    const raw = new RawContender(db.neo4j);
    const results: QueryResult[] = [];
    let memory: BenchResults['memory'] = {};
    let caching: BenchResults['caching'] = null;
    let answers: Awaited<ReturnType<typeof checkAnswers>> = [];
    let profiles: Awaited<ReturnType<typeof profileQueries>> = [];
    let peerColdMs = Number.NaN;
    const persisted = path.join(os.tmpdir(), `hitech-kg-bench-persisted-${process.pid}.json`);
    try {
      writePersistedOperations(persisted, fixedQueries(data.picks));
      ours = await startOurServer(db.neo4j, cpuDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuDir}`] : [], {
        PERSISTED_OPERATIONS: persisted,
      });
      peer = await startPeerServer(db.neo4j);
      floor = await startFloorServer(db.neo4j, data.picks);
      peerColdMs = peer.coldStartMs;
      progress(`servers up: ours ${ours.url}, peer ${peer.url}, HTTP floor ${floor.url}`);

      answers = await checkAnswers(queries, { ours, peer, floor, raw });
      progress(
        `answers equal on ${answers.length} queries: ${answers.map((a) => `${a.query} (${a.size})`).join('; ')}`,
      );
      profiles = await profileQueries(queries, db.neo4j);
      progress('profiled the statements of each contender');

      const servers = { ours, peer, floor };
      // Every server is its own process, sampled alike through the whole load phase.
      memory = await sampleMemory(servers, async () => {
        for (const q of queries) results.push(await measureQuery(q, { ...servers, raw }, settings, answers));
      });
      if (!options.only.length)
        caching = await measureCaching(ours.url, fixedQueries(data.picks), settings, progress);
    } finally {
      await ours?.stop();
      await peer?.stop();
      await floor?.stop();
      await raw.close();
      await rm(persisted, { force: true });
    }

    const partial = {
      startedAt,
      seconds: (performance.now() - started) / 1000,
      command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
      options,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: os.totalmem() / 2 ** 30,
        os: `${os.type()} ${os.release()}`,
        node: process.version,
        java: javaVersionLine(),
        neo4j: db.version,
        neo4jProvider: db.neo4j.kind,
        loadAverageBefore,
        loadAverageAfter: os.loadavg(),
      },
      versions: Object.fromEntries(
        [
          'hitech-kg',
          'graphql',
          'graphql-yoga',
          '@pothos/core',
          'neo4j-driver',
          '@neo4j/graphql',
          'autocannon',
        ].map((p) => [p, versionOf(p)]),
      ),
      data: {
        sf: options.sf,
        seed: options.seed,
        nodes: data.nodeCount,
        relationships: data.relationshipCount,
        byLabel: countBy(
          data.nodes,
          (g) => g.label,
          (g) => g.rows.length,
        ),
        byType: countBy(
          data.relations,
          (g) => g.type,
          (g) => g.rows.length,
        ),
        load: loadStats,
      },
      coldStart: { oursMs: coldMs, oursMedianMs: median(coldMs), peerMs: peerColdMs },
      memory,
      caching,
      startup,
      seeding,
      bulk,
      answers,
      results,
      profiles,
      cpuProfile: cpuDir ? summariseCpuProfile(cpuDir) : null,
    };
    const report: BenchResults = { ...partial, targets: evaluateTargets(partial) };
    const written = await writeResults(report);
    for (const t of report.targets) progress(`${t.holds ? 'holds  ' : 'MISSED '} ${t.target}: ${t.detail}`);
    progress(
      `wrote ${path.relative(ROOT, written.json)}${written.doc ? ` and ${path.relative(ROOT, written.doc)}` : ' (--only: docs/benchmarks.md left as it was)'}`,
    );
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    progress(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
