/**
 * `npm run bench:search`: how well search puts the right entity first, and how fast it answers.
 *
 * Questions come from the seed data (bench/search-questions.ts). Each is sent over HTTP as a client
 * sends it (`search(text:, types:, first: 10)`), one at a time, and the rank of the first expected
 * entity is kept: hit@1, hit@3 and MRR per kind of question and per label, and the latency p50/p99.
 *
 *   npm run bench:search                          # our server, spawned on a fresh seeded Neo4j
 *   npm run bench:search -- --url URL             # a server already running (seeded)
 *   npm run bench:search -- --baseline-dir DIR    # and another version of the code (e.g. main's:
 *                                                 # git archive main | tar -x -C DIR), spawned on the
 *                                                 # same Neo4j; the questions alternate between the two
 *   npm run bench:search -- --url URL --baseline-url URL   # two servers already running
 *   --passes N (3: measured passes after one warm-up pass), --sample K (every K-th question only),
 *   --no-write (print only)
 *
 * Without --url, Neo4j comes from provisionNeo4j (NEO4J_URI, a testcontainer or a local Neo4j in a
 * temporary DATA_DIR, deleted afterwards), is seeded, and `src/main.ts` is spawned on it. The report
 * goes between the search markers of docs/benchmarks.md and, in full, to bench/results/search-*.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { LABELS } from '../src/graph/ontology.ts';
import { seed, seedFacts } from '../src/graph/seed.ts';
import { createLogger } from '../src/logger.ts';
import { Executor } from '../src/neo4j/executor.ts';
import { provisionNeo4j } from '../src/neo4j/provision.ts';
import { type ServerProcess, spawnServer } from './contenders/server-process.ts';
import {
  type Answer,
  buildQuestions,
  EXACT_KINDS,
  enumOf,
  type Figures,
  figures,
  ownRankOf,
  QUESTION_KINDS,
  type Question,
  rankOf,
  SEARCH_QUESTION_QUERY,
} from './search-questions.ts';

const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- search-bench:start -->';
const END = '<!-- search-bench:end -->';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'baseline-url': { type: 'string' },
    'baseline-dir': { type: 'string' },
    'baseline-label': { type: 'string', default: 'baseline' },
    passes: { type: 'string', default: '3' },
    sample: { type: 'string', default: '1' },
    'no-write': { type: 'boolean', default: false },
  },
});

const log = (message: string) => process.stderr.write(`${message}\n`);

async function ask(url: string, question: Question): Promise<{ hits: string[]; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: SEARCH_QUESTION_QUERY,
      variables: { text: question.text, types: question.types?.map(enumOf) ?? null, first: 10 },
    }),
  });
  const body = (await response.json()) as {
    data?: { search: { entity: { __typename: string; key: string } }[] };
    errors?: { message: string }[];
  };
  const ms = performance.now() - started;
  if (body.errors) return { hits: [], ms };
  return { hits: (body.data?.search ?? []).map((h) => `${h.entity.__typename}:${h.entity.key}`), ms };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Run {
  name: string;
  answers: Answer[];
  latencies: number[];
}

async function main() {
  const passes = Number(args.passes);
  // --sample k: every k-th question only (a quick look; the report says so).
  const sample = Math.max(1, Number(args.sample));
  const questions = buildQuestions(seedFacts()).filter((_, i) => i % sample === 0);
  log(`${questions.length} questions from the seed data`);

  let server: ServerProcess | undefined;
  let cleanup = async () => {};
  let url = args.url;
  if (!url) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-bench-search-'));
    const config = loadConfig();
    const neo4j = await provisionNeo4j({ ...config.neo4j, dataDir, log: createLogger('warn', 'stderr') });
    const executor = new Executor({ ...neo4j, queryTimeoutMs: 120_000 });
    log('seeding');
    await seed(executor);
    await executor.close();
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password ?? '',
      NEO4J_DATABASE: neo4j.database,
      SEED_ON_START: 'false',
    };
    const spawn = (name: string, root: string) =>
      spawnServer({
        name,
        args: ['--import', 'tsx', path.join(root, 'src', 'main.ts')],
        env,
        readyPath: '/readyz',
        timeoutMs: 120_000,
      });
    server = await spawn('ours', ROOT);
    url = server.url;
    // The other version reads the same Neo4j (its search needs only what both versions index).
    const baseline = args['baseline-dir']
      ? await spawn('baseline', path.resolve(args['baseline-dir']))
      : undefined;
    if (baseline) args['baseline-url'] = baseline.url;
    cleanup = async () => {
      await baseline?.stop();
      await server?.stop();
      await neo4j.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  try {
    const targets = [{ name: 'this branch', url }];
    if (args['baseline-url'])
      targets.unshift({ name: args['baseline-label'] as string, url: args['baseline-url'] });
    const runs: Run[] = targets.map((t) => ({ name: t.name, answers: [], latencies: [] }));

    log('warm-up pass');
    for (const question of questions) for (const target of targets) await ask(target.url, question);
    for (let pass = 1; pass <= passes; pass++) {
      log(`pass ${pass} of ${passes}`);
      for (const question of questions) {
        // Alternating, in an order that rotates, so background load falls on all alike.
        const order = pass % 2 ? targets.map((_, i) => i) : targets.map((_, i) => targets.length - 1 - i);
        for (const i of order) {
          const target = targets[i] as (typeof targets)[number];
          const run = runs[i] as Run;
          const { hits, ms } = await ask(target.url, question);
          run.latencies.push(ms);
          if (pass === 1)
            run.answers.push({
              question,
              rank: rankOf(question, hits),
              ownRank: ownRankOf(question, hits),
              top: hits[0] ?? null,
              ms,
            });
        }
      }
    }
    const report = render(runs, questions.length, passes, sample);
    process.stdout.write(`${report}\n`);
    const resultsDir = path.join(ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    writeFileSync(
      path.join(resultsDir, `search-${stamp}.json`),
      JSON.stringify(
        runs.map((r) => ({ name: r.name, latencies: r.latencies, answers: r.answers })),
        null,
        1,
      ),
    );
    if (!args['no-write']) {
      const doc = readFileSync(DOC, 'utf8');
      const at = doc.indexOf(START);
      const end = doc.indexOf(END);
      const section = `${START}\n${report}\n${END}`;
      writeFileSync(
        DOC,
        at >= 0 && end > at
          ? doc.slice(0, at) + section + doc.slice(end + END.length)
          : `${doc}\n${section}\n`,
      );
      log(`wrote ${path.relative(process.cwd(), DOC)}`);
    }
  } finally {
    await cleanup();
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const row = (name: string, f: Figures) =>
  `| ${name} | ${f.questions} | ${f.shared} | ${pct(f.hit1)} | ${pct(f.hit3)} | ${f.mrr.toFixed(3)} | ${f.strictMrr.toFixed(3)} |`;
const HEAD =
  '| | questions | shared | hit@1 | hit@3 | MRR | strict MRR |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |';

function render(runs: Run[], questionCount: number, passes: number, sample: number): string {
  const ours = runs[runs.length - 1] as Run;
  const lines: string[] = [];
  lines.push(
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}: ${questionCount} questions${sample > 1 ? ` (every ${sample}th of them)` : ''}, ${passes} measured passes after a warm-up, \`first: 10\`.`,
    '',
    '**Latency of one search** (HTTP on loopback, one request at a time, every question of every pass):',
    '',
    '| server | requests | p50 | p99 |',
    '| --- | ---: | ---: | ---: |',
    ...runs.map(
      (r) =>
        `| ${r.name} | ${r.latencies.length} | ${percentile(r.latencies, 50).toFixed(2)} ms | ${percentile(r.latencies, 99).toFixed(2)} ms |`,
    ),
  );
  if (runs.length > 1) {
    const base = runs[0] as Run;
    lines.push(
      '',
      `p50 ratio this branch / ${base.name}: ${(percentile(ours.latencies, 50) / percentile(base.latencies, 50)).toFixed(2)}×`,
    );
  }
  for (const run of [...runs].reverse()) {
    lines.push('', `**Relevance by kind of question — ${run.name}**`, '', HEAD);
    for (const kind of QUESTION_KINDS) {
      const answers = run.answers.filter((a) => a.question.kind === kind);
      if (answers.length)
        lines.push(row(`${kind}${EXACT_KINDS.includes(kind) ? ' (must be 100 %)' : ''}`, figures(answers)));
    }
    lines.push(row('all', figures(run.answers)));
    if (run === ours) {
      lines.push('', `**Relevance by label — ${run.name}**`, '', HEAD);
      for (const label of LABELS) {
        const answers = run.answers.filter((a) => a.question.label === label);
        if (answers.length) lines.push(row(label, figures(answers)));
      }
    }
  }
  const misses = ours.answers.filter((a) => a.rank !== 1);
  lines.push('', `**Not first — ${ours.name}** (${misses.length}; at most 25 shown)`, '');
  if (misses.length === 0) lines.push('None.');
  else {
    lines.push('| kind | text | expected | rank | first hit |', '| --- | --- | --- | ---: | --- |');
    for (const a of misses.slice(0, 25)) {
      lines.push(
        `| ${a.question.kind} | ${a.question.text.replaceAll('|', '\\|')} | ${a.question.expected.join(', ')} | ${a.rank ?? '–'} | ${a.top ?? '–'} |`,
      );
    }
  }
  return lines.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
