/**
 * Runs analyst queries in worker threads (analyst-worker.ts) so that no answer, however large, can
 * hold the event loop that serves every other request and /healthz. Each run has a slot (at most
 * CYPHER_MAX_CONCURRENT), a deadline after which its worker is terminated, and a worker heap bound.
 *
 * A slot is released only when Neo4j no longer lists the run's transaction: a timed-out query can
 * keep a Neo4j thread busy long after it was marked terminated (Neo4j checks for termination between
 * rows, not inside one long expression such as reduce over a huge range), and holding its slot until
 * then bounds how much of the database analysts can keep busy.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AnalystQueryError, type CypherLimits, formatBytes } from './analyst-limits.ts';
import type { WorkerConnection, WorkerReply, WorkerRequest } from './analyst-worker.ts';
import type { Plain } from './values.ts';

export interface CypherAnswer {
  columns: string[];
  rows: Record<string, Plain>[];
  truncated: boolean;
}

/** Runs an auto-commit statement on the server's own driver (SHOW / TERMINATE TRANSACTIONS). */
export type AdminStatement = (query: string, params: Record<string, unknown>) => Promise<unknown[]>;

/** Past the transaction timeout, how long the worker may take to report it before it is terminated. */
const DEADLINE_GRACE_MS = 1_500;
/** How long a stopped run's transaction is waited for (and its slot held) at most. */
const SETTLE_MAX_MS = 10 * 60_000;
const SETTLE_POLL_MS = 250;

// Beside this module: the TypeScript source through tsx, or the bundle's own entry in dist/ (scripts/build.ts).
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './analyst-worker.ts' : './analyst-worker.mjs',
  import.meta.url,
);

/** The worker's entry: the project runs TypeScript through tsx, whose hooks a worker must register itself. */
function workerSource(): string {
  const worker = JSON.stringify(WORKER_URL.href);
  if (!WORKER_URL.pathname.endsWith('.ts')) return `import(${worker})`;
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(
    path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  );
  return `import(${JSON.stringify(tsx.href)}).then((tsx) => { tsx.register(); return import(${worker}); })`;
}

export class AnalystRunner {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  /** Runs holding a slot: running, or stopped but still listed by Neo4j. */
  private active = 0;

  constructor(
    private readonly connection: WorkerConnection,
    private readonly admin: AdminStatement,
  ) {}

  get running(): number {
    return this.active;
  }

  async run(query: string, params: Record<string, unknown>, limits: CypherLimits): Promise<CypherAnswer> {
    if (this.active >= limits.maxConcurrent) {
      throw new AnalystQueryError(
        'busy',
        `The most analyst queries allowed at once (CYPHER_MAX_CONCURRENT=${limits.maxConcurrent}) are running; try again when one has finished.`,
      );
    }
    this.active++;
    const runId = randomUUID();
    let finished = false;
    try {
      const reply = await this.ask({ query, params, limits, runId }, limits);
      if ('ok' in reply) {
        finished = true;
        return reply.ok;
      }
      if ('refused' in reply) {
        finished = true;
        throw new AnalystQueryError('refused', reply.refused);
      }
      if ('cap' in reply) throw capError(reply.cap, reply.rows, limits);
      if ('neo4jError' in reply) throw Object.assign(new Error(reply.neo4jError.message), reply.neo4jError);
      throw new Error(`The analyst query failed: ${reply.failed}`);
    } finally {
      if (finished) this.active--;
      else void this.settle(runId).finally(() => this.active--);
    }
  }

  /** Terminates every worker; runs in progress fail. */
  async close(): Promise<void> {
    await Promise.all([...this.all].map((worker) => worker.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private spawn(limits: CypherLimits): Worker {
    const worker = new Worker(workerSource(), {
      eval: true,
      workerData: this.connection,
      // Room for a few copies of an answer at the byte cap, and for the driver and tsx themselves.
      resourceLimits: { maxOldGenerationSizeMb: 96 + 16 * Math.ceil(limits.maxBytes / (1024 * 1024)) },
      // The worker inherits nothing of our environment (API keys included): it needs none of it.
      env: {},
      stdout: false,
      stderr: false,
    });
    this.all.add(worker);
    worker.once('exit', () => {
      this.all.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }

  /** Sends the request to an idle (or new) worker; terminates it on the deadline or when it fails. */
  private ask(request: WorkerRequest, limits: CypherLimits): Promise<WorkerReply> {
    const worker = this.idle.pop() ?? this.spawn(limits);
    worker.ref();
    return new Promise<WorkerReply>((resolve, reject) => {
      const done = (reuse: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
        if (reuse && this.idle.length < limits.maxConcurrent) this.idle.push(worker);
        else void worker.terminate();
      };
      const onMessage = (reply: WorkerReply) => {
        done(true);
        resolve(reply);
      };
      const onError = (error: Error & { code?: string }) => {
        done(false);
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AnalystQueryError(
                'memory',
                'The answer needed more memory than an analyst query may use here (bounded with CYPHER_MAX_BYTES): return fewer or smaller values.',
              )
            : error,
        );
      };
      const onExit = (code: number) => {
        done(false);
        reject(new Error(`The analyst worker exited (code ${code}) before answering.`));
      };
      const timer = setTimeout(() => {
        done(false);
        reject(timeoutError(limits));
      }, limits.timeoutMs + DEADLINE_GRACE_MS);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(request);
    });
  }

  /** Terminates the run's transaction if Neo4j still lists it, and waits until it no longer does. */
  private async settle(runId: string): Promise<void> {
    const deadline = Date.now() + SETTLE_MAX_MS;
    let terminated = false;
    try {
      while (Date.now() < deadline) {
        const ids = (
          (await this.admin(
            'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.run = $run RETURN transactionId',
            { run: runId },
          )) as { transactionId: string }[]
        ).map((row) => row.transactionId);
        if (!ids.length) return;
        if (!terminated) {
          await this.admin('TERMINATE TRANSACTIONS $ids', { ids });
          terminated = true;
        }
        await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
      }
    } catch {
      // Neo4j unreachable: its transactions are gone with it, or will be by its own timeout.
    }
  }
}

export function timeoutError(limits: Pick<CypherLimits, 'timeoutMs'>): AnalystQueryError {
  return new AnalystQueryError(
    'timeout',
    `The query ran past the ${limits.timeoutMs / 1000} s limit (CYPHER_TIMEOUT_MS) and was stopped: narrow it or add a LIMIT.`,
  );
}

function capError(cap: 'bytes' | 'values' | 'depth', rows: number, limits: CypherLimits): AnalystQueryError {
  const after = rows ? ` after ${rows} row${rows === 1 ? '' : 's'}` : ' in its first row';
  const message =
    cap === 'bytes'
      ? `The answer passed the ${formatBytes(limits.maxBytes)} cap (CYPHER_MAX_BYTES)${after} and was stopped: return fewer rows or smaller values (add a LIMIT, select properties, or aggregate in Cypher).`
      : cap === 'values'
        ? `The answer passed the cap of ${limits.maxValues.toLocaleString('en')} values (CYPHER_MAX_VALUES)${after} and was stopped: return fewer rows or shorter lists.`
        : `The answer is nested too deeply to send${after}: return flatter values.`;
  return new AnalystQueryError('cap', message);
}
