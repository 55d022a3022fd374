/**
 * The one place that talks to Neo4j: it owns the driver, opens a session per unit of work, picks read
 * or write access, bounds every transaction with a timeout, and reports each statement to listeners
 * (metrics, and tests that count round trips). Nothing else imports the driver's session API.
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import type { CypherLimits } from './analyst-limits.ts';
import { AnalystRunner, type CypherAnswer } from './analyst-runner.ts';
import { type Plain, toPlainObject } from './values.ts';

export interface ExecutorOptions {
  uri: string;
  user: string;
  password: string | undefined;
  database: string;
  queryTimeoutMs: number;
}

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

/** For a server without authentication (the local one: loopback only, owned by this process). */
export const NO_AUTH = { scheme: 'none', principal: '', credentials: '' };

export class Executor {
  readonly driver: Driver;
  private readonly listeners = new Set<(event: StatementEvent) => void>();
  /** Created on the first analyst query: its workers cost nothing until then. */
  private analyst: AnalystRunner | undefined;

  constructor(private readonly options: ExecutorOptions) {
    const auth = options.password === undefined ? NO_AUTH : neo4j.auth.basic(options.user, options.password);
    this.driver = neo4j.driver(options.uri, auth, {
      disableLosslessIntegers: false,
      // Fail fast when Neo4j is away instead of retrying for the driver's default 30 s.
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 1_500,
      maxTransactionRetryTime: 500,
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
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: neo4j.session.READ,
    });
    const started = performance.now();
    try {
      const result = await session.run(query, toDriverParams(params), {
        timeout: this.options.queryTimeoutMs,
        metadata: { app: 'hitech-kg' },
      });
      this.emit({ query, params, mode: 'READ', ms: performance.now() - started });
      return result.records.map((record) => toPlainObject(record.toObject()));
    } catch (error) {
      this.emit({ query, params, mode: 'READ', ms: performance.now() - started, error });
      throw error;
    } finally {
      await session.close();
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
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: neo4j.session.READ,
    });
    try {
      const result = await session.run(`EXPLAIN ${query}`, toDriverParams(params), {
        timeout: this.options.queryTimeoutMs,
      });
      return { queryType: result.summary.queryType, plan: result.summary.plan };
    } finally {
      await session.close();
    }
  }

  /**
   * Runs an analyst's statement in a READ transaction (the database refuses any write in it) after
   * its EXPLAIN passes checkPlan, in a worker thread (analyst-runner.ts), within the limits: rows,
   * bytes, values, time, concurrency. The transaction is always rolled back.
   */
  async readCapped(query: string, params: Params, limits: CypherLimits): Promise<CypherAnswer> {
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

  async ping(): Promise<boolean> {
    try {
      await this.driver.verifyConnectivity({ database: this.options.database });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.analyst?.close();
    await this.driver.close();
  }

  private async unitOfWork<T>(mode: 'READ' | 'WRITE', work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = { timeout: this.options.queryTimeoutMs, metadata: { app: 'hitech-kg' } };
    const body = (tx: ManagedTransaction) =>
      work({ run: (query, params = {}) => this.runIn(tx, mode, query, params) });
    try {
      return mode === 'READ'
        ? await session.executeRead(body, config)
        : await session.executeWrite(body, config);
    } finally {
      await session.close();
    }
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
      result = await tx.run(query, toDriverParams(params));
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
