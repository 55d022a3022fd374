/**
 * `npm run import -- --bulk` measured as users run it: the synthetic graph written as a fact file
 * (facts-file.ts) and imported by the command, as a child process, into the empty bench database. The
 * rate is the one the command prints (loading and schema, after parsing and validation); the
 * process's whole wall time is kept too.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProvisionedNeo4j } from '../src/neo4j/provision.ts';
import { writeFactFile } from './facts-file.ts';
import type { Dataset } from './generate.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BulkResult {
  nodes: number;
  relationships: number;
  /** Loading and schema, as the command reports it. */
  seconds: number;
  relationshipsPerSecond: number;
  /** The command's process from spawn to exit (parsing, validation, connection included). */
  wallSeconds: number;
}

export async function measureBulkImport(neo4j: ProvisionedNeo4j, data: Dataset): Promise<BulkResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-bench-bulk-'));
  try {
    const file = path.join(dir, 'graph.json');
    await writeFactFile(file, data);
    const started = performance.now();
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NEO4J_PROVIDER: 'uri',
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_DATABASE: neo4j.database,
      LOG_LEVEL: 'warn',
    };
    if (neo4j.password === undefined) delete env.NEO4J_PASSWORD;
    else env.NEO4J_PASSWORD = neo4j.password;
    const child = spawn(process.execPath, ['--import', 'tsx', `${ROOT}src/cli/import.ts`, file, '--bulk'], {
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
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    const wallSeconds = (performance.now() - started) / 1000;
    const line =
      /Imported .* \((\d+) nodes and \d+ relations\) in ([\d.]+) s; ([\d,]+) relationships\/s/.exec(stdout);
    const evidence = /^evidence\s+(\d+) created/m.exec(stdout);
    const relations = /^relations\s+(\d+) created/m.exec(stdout);
    if (code !== 0 || !line || !evidence || !relations)
      throw new Error(`npm run import -- --bulk failed (${code}):\n${stdout}\n${stderr.slice(-3000)}`);
    const relationships = Number(evidence[1]) + Number(relations[1]);
    const seconds = Number(line[2]);
    return {
      nodes: Number(line[1]),
      relationships,
      seconds,
      relationshipsPerSecond: relationships / seconds,
      wallSeconds,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
