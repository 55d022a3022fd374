/**
 * `npm run import -- --bulk` measured as users run it: the synthetic graph written as a fact file
 * (facts-file.ts) and imported by the command, as a child process, into an empty database.
 *
 * - The bench's Neo4j is a local one (no NEO4J_URI): the offline path, Neo4j's offline importer
 *   (src/cli/bulk-offline.ts). It needs a stopped store, so the command gets a DATA_DIR of its own,
 *   new and empty — as a user's first import is — while the bench's own Neo4j stays up, idle, for the
 *   later phases. The rate is the one the command prints for the importer's phase (CSV files and
 *   neo4j-admin); the command's server start, schema and claims, and its whole wall time, are kept too.
 * - NEO4J_URI or a container: the batched path over Bolt into the bench's (empty) database; the rate
 *   is the one the command prints (loading and schema, after parsing and validation).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProvisionedNeo4j } from '../src/neo4j/provision.ts';
import { writeFactFile } from './facts-file.ts';
import { type Dataset, generate } from './generate.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BulkResult {
  /** Which path the command ran, as it names it. */
  path: 'offline importer' | 'batched CREATE over Bolt';
  nodes: number;
  relationships: number;
  /** The phase the rate is of, as the command reports it (offline: CSV files and neo4j-admin). */
  seconds: number;
  relationshipsPerSecond: number;
  /** Offline only: the phase's parts, writing the CSV files and neo4j-admin (spawn to exit). */
  filesSeconds?: number;
  importerSeconds?: number;
  /** Offline only: their CPU seconds (this process's, and neo4j-admin's JVM's where the system says). */
  filesCpuSeconds?: number;
  importerCpuSeconds?: number;
  /** Offline only: the server start on the new store, schema and claims, after the importer. */
  finishSeconds?: number;
  /** The command's process from spawn to exit (parsing, validation, connection included). */
  wallSeconds: number;
}

export async function measureBulkImport(neo4j: ProvisionedNeo4j, data: Dataset): Promise<BulkResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-bench-bulk-'));
  try {
    const file = path.join(dir, 'graph.json');
    await writeFactFile(file, data);
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env))
      if (value !== undefined && !name.startsWith('NEO4J_') && name !== 'DATA_DIR') env[name] = value;
    env.LOG_LEVEL = 'warn';
    if (neo4j.kind === 'local') {
      Object.assign(env, { NEO4J_PROVIDER: 'local', DATA_DIR: path.join(dir, 'data') });
    } else {
      Object.assign(env, {
        NEO4J_PROVIDER: 'uri',
        NEO4J_URI: neo4j.uri,
        NEO4J_USER: neo4j.user,
        NEO4J_DATABASE: neo4j.database,
      });
      if (neo4j.password !== undefined) env.NEO4J_PASSWORD = neo4j.password;
    }
    const started = performance.now();
    const { code, stdout, stderr } = await run(file, env);
    const wallSeconds = (performance.now() - started) / 1000;
    const evidence = /^evidence\s+(\d+) created/m.exec(stdout);
    const relations = /^relations\s+(\d+) created/m.exec(stdout);
    const nodes = /\((\d+) nodes and \d+ relations\)/.exec(stdout);
    const offline = /importer phase: (\d+) relationships in ([\d.]+) s = ([\d,]+) relationships\/s/.exec(
      stdout,
    );
    const parts = /\(CSV files ([\d.]+) s, neo4j-admin ([\d.]+) s\)/.exec(stdout);
    const cpu = /its CPU time: CSV files ([\d.]+) s, neo4j-admin (?:([\d.]+) s|not known)/.exec(stdout);
    const finish = /schema and claims: ([\d.]+) s/.exec(stdout);
    const batched = /\) in ([\d.]+) s; [\d,.]+ relationships\/s \(bulk: batched/.exec(stdout);
    const seconds = offline?.[2] ?? batched?.[1];
    if (code !== 0 || !nodes || !evidence || !relations || seconds === undefined)
      throw new Error(`npm run import -- --bulk failed (${code}):\n${stdout}\n${stderr.slice(-3000)}`);
    // Offline: the relationships the importer wrote (claims come after it, over Bolt).
    const relationships = offline ? Number(offline[1]) : Number(evidence[1]) + Number(relations[1]);
    return {
      path: offline ? 'offline importer' : 'batched CREATE over Bolt',
      nodes: Number(nodes[1]),
      relationships,
      seconds: Number(seconds),
      // The command's own rate where it prints one (of unrounded times); its seconds are rounded.
      relationshipsPerSecond: offline
        ? Number(offline[3]?.replaceAll(',', ''))
        : relationships / Number(seconds),
      ...(parts ? { filesSeconds: Number(parts[1]), importerSeconds: Number(parts[2]) } : {}),
      ...(cpu ? { filesCpuSeconds: Number(cpu[1]) } : {}),
      ...(cpu?.[2] ? { importerCpuSeconds: Number(cpu[2]) } : {}),
      ...(finish ? { finishSeconds: Number(finish[1]) } : {}),
      wallSeconds,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...importNodeArguments(), file, '--bulk'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Node's arguments of `npm run import` as package.json's script gives them (its V8 flags included),
 * so that the bench runs the command as users do: `node <these> <file> --bulk`.
 */
export function importNodeArguments(): string[] {
  const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >;
  const [node, ...args] = (scripts.import ?? '').trim().split(/\s+/);
  if (node !== 'node' || !args.includes('src/cli/import.ts'))
    throw new Error(`package.json's import script is not \`node … src/cli/import.ts\`: ${scripts.import}`);
  return args;
}

/**
 * The bulk import alone, as `npm run bench` measures it, without the rest of the bench:
 * `node --import tsx bench/bulk.ts [--sf 0.1] [--seed 42]`. Needs the local Neo4j (no NEO4J_URI):
 * prints the result and writes it to bench/results/bulk-<timestamp>.json (docs are left alone).
 */
async function main(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const at = argv.indexOf(`--${name}`);
    const value = at >= 0 ? Number(argv[at + 1]) : fallback;
    if (!(value > 0)) throw new Error(`--${name} needs a positive number`);
    return value;
  };
  if (process.env.NEO4J_URI)
    throw new Error('bench/bulk.ts alone measures the offline path: unset NEO4J_URI');
  const sf = option('sf', 0.1);
  const seed = option('seed', 42);
  const data = generate(sf, seed);
  const bulk = await measureBulkImport({ kind: 'local' } as ProvisionedNeo4j, data);
  const result = {
    sf,
    seed,
    at: new Date().toISOString(),
    loadAverage: os.loadavg(),
    cpus: os.cpus().length,
    bulk,
  };
  const dir = path.join(ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `bulk-${result.at.replaceAll(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
