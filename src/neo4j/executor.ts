/**
 * The one place that talks to Neo4j: it owns the driver, opens a session per unit of work, picks read
 * or write access, bounds every transaction with a timeout, and reports each statement to listeners
 * (metrics, and tests that count round trips). Nothing else imports the driver's session API.
 *
 * Faults: a Neo4j that stops answering (a frozen JVM, a dead host behind an open port) makes the driver
 * wait without end on a pooled connection. With `failFast` on (the server, once started), every
 * statement that runs longer than half the ping timeout has Neo4j pinged (`RETURN 1` on a small driver
 * of its own, bounded by the ping timeout), and is abandoned with a ServiceUnavailable error when the
 * ping gets no answer: a slow query on a live server goes on, a frozen server fails requests within
 * about two seconds. Off for bulk work (seeding, imports), where a busy server may well pause a second.
 *
 * Scale-out: sessions share one bookmark manager (this process reads its own writes on any cluster
 * member) and start after the bookmarks of the request's causal scope (causal.ts), so a client reads
 * its writes through any instance.
 */
import neo4j, {
  type BookmarkManager,
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type Session,
  type SessionConfig,
} from 'neo4j-driver';
import type { CypherLimits } from './analyst-limits.ts';
import { AnalystRunner, type CypherAnswer } from './analyst-runner.ts';
import { causalScope } from './causal.ts';
import { Neo4jNotAnsweringError } from './failures.ts';
import { type Plain, toPlainObject } from './values.ts';

export interface ExecutorOptions {
  uri: string;
  user: string;
  password: string | undefined;
  database: string;
  queryTimeoutMs: number;
  /** How long Neo4j may take to answer `RETURN 1` before it counts as unavailable; default 1 s. */
  pingTimeoutMs?: number;
  /** How long a statement waits for a pooled connection; default 2 s. */
  acquisitionTimeoutMs?: number;
}

// Kept importable from here: the executor is where callers meet Neo4j's failures.
export { isUnavailable, Neo4jNotAnsweringError } from './failures.ts';

export type Row = { [column: string]: Plain };
export type Params = Record<string, unknown>;

export interface StatementEvent {
  query: string;
  params: Params;
  mode: 'READ' | 'WRITE';
  ms: number;
  error?: unknown;
}

/** A transaction handed to a unit of work: several statements, one commit. */
export interface Tx {
  run(query: string, params?: Params): Promise<Row[]>;
}

/**
 * JavaScript numbers reach Cypher as floats, which LIMIT and SKIP refuse: whole numbers go as Cypher
 * integers. (Cypher compares 1988 and 1988.0 as equal, so filters are unaffected.)
 */
function toDriverValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toDriverValue);
  // GraphQL hands input objects over without a prototype; they are plain maps too.
  const proto = value && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (value && typeof value === 'object' && (proto === Object.prototype || proto === null)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toDriverValue(v)]));
  }
  return value;
}

export function toDriverParams(params: Params): Params {
  return toDriverValue(params) as Params;
}

/** Neo4j's codes for bookmarks it cannot use (InvalidBookmark, InvalidBookmarkMixture). */
const INVALID_BOOKMARK = 'Neo.ClientError.Transaction.InvalidBookmark';

/** For a server without authentication (the local one: loopback only, owned by this process). */
export const NO_AUTH = { scheme: 'none', principal: '', credentials: '' };

/**
 * Runs `start` (a driver call that creates a Result) with no stack frames captured. neo4j-driver
 * captures and formats a stack trace for every Result, to add to a failure later; here it would only
 * ever point into this file, and formatting it cost about 4 % of a lookup's server CPU. Safe because
 * the capture happens synchronously inside `start`.
 */
function withoutStackCapture<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Past the transaction timeout, how long a statement may still take to answer before it is abandoned. */
const DEADLINE_GRACE_MS = 3_000;

export class Executor {
  readonly driver: Driver;
  /** Pings only: its own small pool, so that busy or hung request connections never delay a ping. */
  private readonly pingDriver: Driver;
  /** One per process: every session waits for this process's latest write (read your own writes). */
  private readonly bookmarks: BookmarkManager = neo4j.bookmarkManager();
  private readonly pingTimeoutMs: number;
  private pinging: Promise<boolean> | undefined;
  private readonly listeners = new Set<(event: StatementEvent) => void>();
  /** Created on the first analyst query: its workers cost nothing until then. */
  private analyst: AnalystRunner | undefined;
  /**
   * The timeout of each statement (NEO4J_QUERY_TIMEOUT_MS). The start raises it for its own work
   * (seed, schema, migration) on a JVM just started, which a busy machine makes slow.
   */
  queryTimeoutMs: number;

  /** Abandon statements when Neo4j stops answering pings (see the header). */
  failFast = false;

  constructor(private readonly options: ExecutorOptions) {
    this.queryTimeoutMs = options.queryTimeoutMs;
    const auth = options.password === undefined ? NO_AUTH : neo4j.auth.basic(options.user, options.password);
    this.pingTimeoutMs = options.pingTimeoutMs ?? 1_000;
    const acquisition = options.acquisitionTimeoutMs ?? 2_000;
    this.driver = neo4j.driver(options.uri, auth, {
      disableLosslessIntegers: false,
      // Fail fast when Neo4j is away instead of retrying for the driver's default 30 s.
      connectionAcquisitionTimeout: acquisition,
      connectionTimeout: Math.min(1_500, acquisition),
      maxTransactionRetryTime: 500,
      logging: undefined,
    });
    this.pingDriver = neo4j.driver(options.uri, auth, {
      maxConnectionPoolSize: 2,
      connectionAcquisitionTimeout: this.pingTimeoutMs,
      connectionTimeout: this.pingTimeoutMs,
      maxTransactionRetryTime: 0,
      logging: undefined,
    });
  }

  get database(): string {
    return this.options.database;
  }

  /**
   * Runs one read-only statement, as an auto-commit transaction in a READ session: a third fewer round
   * trips than a managed transaction for the single statement most requests are made of.
   */
  async read(query: string, params: Params = {}): Promise<Row[]> {
    const started = performance.now();
    try {
      const result = await this.inSession('READ', {}, (session) =>
        withoutStackCapture(() =>
          session.run(query, toDriverParams(params), {
            timeout: this.queryTimeoutMs,
            metadata: { app: 'hitech-kg' },
          }),
        ),
      );
      this.emit({ query, params, mode: 'READ', ms: performance.now() - started });
      return result.records.map((record) => toPlainObject(record.toObject()));
    } catch (error) {
      this.emit({ query, params, mode: 'READ', ms: performance.now() - started, error });
      throw error;
    }
  }

  /** Runs one statement that may write. */
  write(query: string, params: Params = {}): Promise<Row[]> {
    return this.writeTx((tx) => tx.run(query, params));
  }

  writeTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.unitOfWork('WRITE', work);
  }

  /** EXPLAIN of a statement: its query type ('r', 'rw', 'w', 's') and plan, without running it. */
  async explain(query: string, params: Params = {}): Promise<{ queryType: string; plan: unknown }> {
    const result = await this.inSession('READ', {}, (session) =>
      session.run(`EXPLAIN ${query}`, toDriverParams(params), { timeout: this.queryTimeoutMs }),
    );
    return { queryType: result.summary.queryType, plan: result.summary.plan };
  }

  /**
   * Runs an analyst's statement in a READ transaction (the database refuses any write in it) after
   * its EXPLAIN passes checkPlan, in a worker thread (analyst-runner.ts), within the limits: rows,
   * bytes, values, time, concurrency. The transaction is always rolled back.
   */
  async readCapped(query: string, params: Params, limits: CypherLimits): Promise<CypherAnswer> {
    // The worker's own driver waits on a frozen Neo4j until the query's timeout, and would blame the
    // query: ask first, within the ping timeout, as every other statement does.
    if (this.failFast && !(await this.ping()))
      throw new Neo4jNotAnsweringError('Neo4j did not answer a ping before the analyst query.');
    this.analyst ??= new AnalystRunner(
      {
        uri: this.options.uri,
        user: this.options.user,
        password: this.options.password,
        database: this.options.database,
      },
      (statement, values) => this.read(statement, values),
    );
    const started = performance.now();
    try {
      const answer = await this.analyst.run(query, params, limits);
      this.emit({ query, params, mode: 'READ', ms: performance.now() - started });
      return answer;
    } catch (error) {
      this.emit({ query, params, mode: 'READ', ms: performance.now() - started, error });
      throw error;
    }
  }

  /** Subscribes to every statement run; returns the unsubscribe function. */
  onStatement(listener: (event: StatementEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * True when Neo4j answers `RETURN 1` within the ping timeout. A round trip, not a pool check: a frozen
   * server keeps its pooled connections open. Concurrent callers share one ping in flight.
   */
  ping(): Promise<boolean> {
    this.pinging ??= this.pingOnce().finally(() => {
      this.pinging = undefined;
    });
    return this.pinging;
  }

  async close(): Promise<void> {
    await this.analyst?.close();
    await Promise.all([this.driver.close(), this.pingDriver.close()]);
  }

  private async pingOnce(): Promise<boolean> {
    const session = this.pingDriver.session({
      database: this.options.database,
      defaultAccessMode: neo4j.session.READ,
    });
    let timer: NodeJS.Timeout | undefined;
    const answered = session.run('RETURN 1').then(
      () => true,
      () => false,
    );
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.pingTimeoutMs);
    });
    const ok = await Promise.race([answered, timedOut]);
    clearTimeout(timer);
    // Not awaited after a timeout: closing waits for an answer that may never come.
    const closed = session.close().catch(() => {});
    if (ok) await closed;
    return ok;
  }

  /**
   * Opens a session in the request's causal scope, runs `work` under the stall watch (see the header),
   * and closes it; after a write, the scope keeps the new bookmark for the client.
   */
  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    extra: Partial<SessionConfig>,
    work: (session: Session) => Promise<T>,
  ): Promise<T> {
    const scope = causalScope();
    try {
      return await this.inSessionOnce(mode, extra, work);
    } catch (error) {
      // A client's bookmark this database never issued (another database, a forgery) orders nothing:
      // drop it for the rest of the request rather than fail it.
      const code = (error as { code?: unknown }).code;
      if (!scope?.given.length || typeof code !== 'string' || !code.startsWith(INVALID_BOOKMARK)) throw error;
      scope.given = [];
      return this.inSessionOnce(mode, extra, work);
    }
  }

  private async inSessionOnce<T>(
    mode: 'READ' | 'WRITE',
    extra: Partial<SessionConfig>,
    work: (session: Session) => Promise<T>,
  ): Promise<T> {
    const scope = causalScope();
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
      ...(scope?.given.length ? { bookmarks: [...scope.given] } : {}),
      ...extra,
    });
    let abandoned = false;
    try {
      const running = work(session);
      const result = await (this.failFast
        ? this.watched(running, () => {
            abandoned = true;
          })
        : running);
      if (mode === 'WRITE' && scope) scope.written = session.lastBookmarks();
      return result;
    } finally {
      // An abandoned session's close would wait for the frozen server; let it finish whenever it can.
      if (abandoned) void session.close().catch(() => {});
      else await session.close();
    }
  }

  /**
   * `work`, unless Neo4j stops answering first: while it runs, Neo4j is pinged every half ping timeout
   * (one shared ping at a time), and a failed ping rejects it as unavailable.
   */
  private watched<T>(work: Promise<T>, abandon: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        settled = true;
        clearInterval(timer);
        clearTimeout(deadline);
      };
      const giveUp = (message: string) => {
        settle();
        abandon();
        reject(new Neo4jNotAnsweringError(message));
      };
      const timer = setInterval(async () => {
        if (settled || (await this.ping()) || settled) return;
        giveUp(`Neo4j did not answer a ping within ${this.pingTimeoutMs} ms.`);
      }, this.pingTimeoutMs / 2);
      // A live Neo4j can still leave one statement unanswered (a failure it cannot report, such as a
      // stack overflow while planning): the transaction timeout plus a grace is the longest we wait.
      const deadline = setTimeout(() => {
        if (!settled)
          giveUp(`Neo4j did not answer within the transaction timeout (${this.queryTimeoutMs} ms).`);
      }, this.queryTimeoutMs + DEADLINE_GRACE_MS);
      deadline.unref();
      work.then(
        (value) => {
          if (settled) return;
          settle();
          resolve(value);
        },
        (error) => {
          if (settled) return;
          settle();
          reject(error);
        },
      );
    });
  }

  private unitOfWork<T>(mode: 'READ' | 'WRITE', work: (tx: Tx) => Promise<T>): Promise<T> {
    const config = { timeout: this.queryTimeoutMs, metadata: { app: 'hitech-kg' } };
    const body = (tx: ManagedTransaction) =>
      work({ run: (query, params = {}) => this.runIn(tx, mode, query, params) });
    return this.inSession(mode, {}, (session) =>
      mode === 'READ' ? session.executeRead(body, config) : session.executeWrite(body, config),
    );
  }

  private async runIn(
    tx: ManagedTransaction,
    mode: 'READ' | 'WRITE',
    query: string,
    params: Params,
  ): Promise<Row[]> {
    const started = performance.now();
    let result: QueryResult | undefined;
    try {
      result = await withoutStackCapture(() => tx.run(query, toDriverParams(params)));
      return result.records.map((record) => toPlainObject(record.toObject()));
    } catch (error) {
      this.emit({ query, params, mode, ms: performance.now() - started, error });
      throw error;
    } finally {
      if (result) this.emit({ query, params, mode, ms: performance.now() - started });
    }
  }

  private emit(event: StatementEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
