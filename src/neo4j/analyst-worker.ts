/**
 * Runs one analyst query at a time, off the server's event loop, with its own driver. Decoding a
 * record is synchronous and cannot be cut short, so a single huge record (RETURN range(1, 20000000))
 * would freeze whatever thread decodes it: here that is this worker, which the runner can terminate,
 * never the thread that answers /healthz. Bytes are counted as they arrive from the socket, so an
 * answer over CYPHER_MAX_BYTES is cut off there, before the driver has a record to decode.
 */
import net from 'node:net';
import tls from 'node:tls';
import { parentPort, workerData } from 'node:worker_threads';
import neo4j, { type Driver } from 'neo4j-driver';
import { CypherRefusedError, checkPlan } from '../graph/cypher-guard.ts';
import type { CypherLimits } from './analyst-limits.ts';
import { toDriverParams } from './executor.ts';
import { type Plain, toPlainObject } from './values.ts';

export interface WorkerConnection {
  uri: string;
  user: string;
  password: string | undefined;
  database: string;
}

export interface WorkerRequest {
  query: string;
  params: Record<string, unknown>;
  limits: CypherLimits;
  /** Tagged on the transaction (metaData.run), so the runner can find and terminate it. */
  runId: string;
}

export type WorkerReply =
  | { ok: { columns: string[]; rows: Record<string, Plain>[]; truncated: boolean } }
  | { refused: string }
  | { cap: 'bytes' | 'values' | 'depth'; rows: number }
  | { neo4jError: { code: string; message: string } }
  | { failed: string };

class OverCap extends Error {}

/** Bytes received from Neo4j for the current query; a socket that passes the budget is destroyed. */
const wire = { received: 0, budget: Number.POSITIVE_INFINITY, over: false };

// The driver opens its sockets with net.connect (tls.connect for +s URIs); this thread has no other
// sockets, so wrapping both counts exactly this worker's traffic.
for (const module of [net, tls] as { connect: (...args: unknown[]) => net.Socket }[]) {
  const connect = module.connect;
  module.connect = function (this: unknown, ...args: unknown[]) {
    const socket = connect.apply(this, args);
    socket.on('data', (chunk: Buffer) => {
      wire.received += chunk.length;
      if (wire.received > wire.budget && !wire.over) {
        wire.over = true;
        socket.destroy(new OverCap('over CYPHER_MAX_BYTES'));
      }
    });
    return socket;
  };
}

const connection = workerData as WorkerConnection;
const driver: Driver = neo4j.driver(
  connection.uri,
  connection.password === undefined
    ? { scheme: 'none', principal: '', credentials: '' }
    : neo4j.auth.basic(connection.user, connection.password),
  { connectionTimeout: 2_000, connectionAcquisitionTimeout: 3_000, maxConnectionPoolSize: 2 },
);

/** Scalars, list elements and map entries of a plain value. */
function countValues(value: Plain): number {
  if (value === null || typeof value !== 'object') return 1;
  let count = 1;
  for (const item of Array.isArray(value) ? value : Object.values(value)) count += countValues(item);
  return count;
}

async function run({ query, params, limits, runId }: WorkerRequest): Promise<WorkerReply> {
  const driverParams = toDriverParams(params);
  const explainSession = driver.session({
    database: connection.database,
    defaultAccessMode: neo4j.session.READ,
  });
  try {
    const { summary } = await explainSession.run(`EXPLAIN ${query}`, driverParams, {
      timeout: limits.timeoutMs,
    });
    if (summary.queryType !== 'r') {
      return {
        refused: `Only read-only queries are allowed; Neo4j classifies this one as ${summary.queryType === 's' ? 'a schema change' : 'a write'} (${summary.queryType}).`,
      };
    }
    checkPlan(summary.plan);
  } catch (error) {
    if (error instanceof CypherRefusedError) return { refused: error.message };
    throw error;
  } finally {
    await explainSession.close();
  }

  const session = driver.session({
    database: connection.database,
    defaultAccessMode: neo4j.session.READ,
    // Small batches: Neo4j sends no more than this ahead of what we have read.
    fetchSize: Math.min(limits.maxRows + 1, 100),
  });
  const tx = session.beginTransaction({
    timeout: limits.timeoutMs,
    metadata: { app: 'hitech-kg', kind: 'analyst-cypher', run: runId },
  });
  Object.assign(wire, { received: 0, budget: limits.maxBytes, over: false });
  const rows: Record<string, Plain>[] = [];
  let bytes = 0;
  let values = 0;
  try {
    const result = tx.run(query, driverParams);
    const columns = [...(await result.keys())];
    for await (const record of result) {
      if (rows.length === limits.maxRows) return { ok: { columns, rows, truncated: true } };
      const row = toPlainObject(record.toObject());
      bytes += JSON.stringify(row).length;
      values += countValues(row);
      if (bytes > limits.maxBytes) return { cap: 'bytes', rows: rows.length };
      if (values > limits.maxValues) return { cap: 'values', rows: rows.length };
      rows.push(row);
    }
    return { ok: { columns, rows, truncated: false } };
  } catch (error) {
    if (wire.over) return { cap: 'bytes', rows: rows.length };
    // Lists nested thousands deep overflow the decoder's (or our) recursion.
    if (error instanceof RangeError) return { cap: 'depth', rows: rows.length };
    throw error;
  } finally {
    wire.budget = Number.POSITIVE_INFINITY;
    // A destroyed connection cannot roll back; Neo4j drops its transaction when the runner terminates it.
    await tx.rollback().catch(() => {});
    await session.close().catch(() => {});
  }
}

parentPort?.on('message', async (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = await run(request);
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    reply =
      // Neo4j's codes and the driver's own (ServiceUnavailable …) travel on, for the server to classify.
      typeof e.code === 'string'
        ? { neo4jError: { code: e.code, message: String(e.message ?? '') } }
        : { failed: String(e.message ?? error) };
  }
  parentPort?.postMessage(reply);
});
