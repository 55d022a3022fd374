/**
 * Attack corpus for the analyst `cypher` field (issue 12, items 6, 7, 8 and 12): each class is tried
 * in more than one spelling, through the API with an analyst key, against the shared seeded Neo4j.
 * Checks of the generated neo4j.conf and of the JVM's environment need the local provider (our own
 * JVM, found by its Bolt port); against a container or NEO4J_URI they do not apply.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPlan } from '../../../src/graph/cypher-guard.ts';
import { createApp } from '../../../src/http/yoga.ts';
import { createLogger } from '../../../src/logger.ts';
import { schema } from '../../../src/schema/index.ts';
import { TEST_KEYS } from '../../support/graphql.ts';
import { useExecutor } from '../../support/neo4j.ts';
import { sharedNeo4j } from '../../support/shared-neo4j.ts';

const executor = useExecutor();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  data?: { cypher: { columns: string[]; rows: any[]; truncated: boolean } | null } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function analystApp(cypher: Record<string, number> = {}) {
  const app = createApp({
    schema,
    executor,
    log: createLogger('silent'),
    apiKeys: [{ scope: 'analyst', key: TEST_KEYS.analyst }],
    cypher: { timeoutMs: 2_000, maxRows: 1_000, ...cypher },
  });
  async function run(query: string, params?: unknown): Promise<Answer> {
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KEYS.analyst}` },
      body: JSON.stringify({
        query: 'query($q: String!, $p: JSON) { cypher(query: $q, params: $p) { columns rows truncated } }',
        variables: { q: query, p: params },
      }),
    });
    return (await response.json()) as Answer;
  }
  return { app, run };
}

const { app, run } = analystApp();

function expectRefused(answer: Answer, message: RegExp, what = ''): void {
  expect(answer.data?.cypher ?? null, `${what}: ${JSON.stringify(answer.data)?.slice(0, 200)}`).toBeNull();
  expect(answer.errors?.[0]?.message, what).toMatch(message);
  expect(answer.errors?.[0]?.extensions?.code, what).toBe('BAD_USER_INPUT');
}

/** The pid of our local Neo4j JVM serving the shared test database, or null (container, NEO4J_URI). */
function localJvmPid(): number | null {
  const port = new URL(sharedNeo4j().uri).port;
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  for (const pid of entries) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('hitechkg.ParentWatchdog')) continue;
      const confDir = /--config-dir=([^\0]+)/.exec(cmdline)?.[1];
      const conf = readFileSync(path.join(confDir ?? '', 'neo4j.conf'), 'utf8');
      if (conf.includes(`server.bolt.listen_address=127.0.0.1:${port}\n`)) return Number(pid);
    } catch {}
  }
  return null;
}
const jvmPid = localJvmPid();

/** Analyst transactions Neo4j still lists that run `query` (other files share this Neo4j). */
async function analystTransactions(query: string): Promise<string[]> {
  const rows = await executor.read(
    "SHOW TRANSACTIONS YIELD currentQuery, metaData WHERE metaData.kind = 'analyst-cypher' AND currentQuery = $query RETURN currentQuery",
    { query },
  );
  return rows.map((r) => String(r.currentQuery));
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await sleep(200);
  }
}

/** An HTTP server that counts requests: LOAD CSV must never reach it. */
let hits = 0;
let server: Server;
let csvUrl = '';
beforeAll(async () => {
  server = createServer((_request, response) => {
    hits++;
    response.end('a,b\n1,2\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  csvUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.csv`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('LOAD CSV never reads a file or a URL (item 6)', () => {
  it('is refused through the API however it is spelt or hidden', async () => {
    const cases = [
      "WITH 'file:///etc/passwd' AS u LOAD CSV FROM u AS l RETURN l",
      "LOAD\u001cCSV FROM 'file:///etc/passwd' AS l RETURN l",
      "LOAD\u000bCSV FROM 'file:///etc/passwd' AS l RETURN l",
      "LOAD\u00a0CSV FROM 'file:///etc/passwd' AS l RETURN l",
      "WITH '/*' AS a LOAD CSV FROM 'file:///proc/self/environ' AS l RETURN l, '*/' AS b",
      "WITH 1 AS `'` LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l, '' AS x",
      `WITH '//' AS a LOAD CSV FROM '${csvUrl}' AS l RETURN l`,
      `WITH '${csvUrl}' AS u LOAD CSV WITH HEADERS FROM u AS l RETURN l`,
    ];
    for (const query of cases) {
      const answer = await run(query);
      expectRefused(answer, /LOAD CSV is not allowed/, JSON.stringify(query));
      expect(JSON.stringify(answer)).not.toMatch(/root:|API_KEYS/);
    }
    expect(hits).toBe(0);
  });

  it('is refused by the plan check whatever the text looked like (Neo4j’s own EXPLAIN)', async () => {
    for (const query of [
      "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
      `WITH $u AS u LOAD CSV WITH HEADERS FROM u AS l RETURN l.a`,
    ]) {
      const { plan } = await executor.explain(query, { u: csvUrl });
      expect(() => checkPlan(plan), query).toThrow(/LOAD CSV is not allowed/);
    }
  });

  describe.runIf(jvmPid !== null)('and the local Neo4j refuses it on its own (neo4j.conf)', () => {
    it('allows no file URL and connects nowhere', async () => {
      await expect(executor.read("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l")).rejects.toThrow(
        /allow_csv_import_from_file_urls/,
      );
      await expect(executor.read("LOAD CSV FROM 'file:///proc/self/environ' AS l RETURN l")).rejects.toThrow(
        /allow_csv_import_from_file_urls/,
      );
      await expect(executor.read(`LOAD CSV FROM '${csvUrl}' AS l RETURN l`)).rejects.toThrow(/blocklist/);
      await expect(executor.read("LOAD CSV FROM 'http://[::1]:9/x' AS l RETURN l")).rejects.toThrow(
        /blocklist/,
      );
      expect(hits).toBe(0);
    });

    it('confines imports to an empty folder', () => {
      const cmdline = readFileSync(`/proc/${jvmPid}/cmdline`, 'utf8');
      const conf = readFileSync(
        path.join(/--config-dir=([^\0]+)/.exec(cmdline)?.[1] ?? '', 'neo4j.conf'),
        'utf8',
      );
      const importDir = /^server\.directories\.import=(.+)$/m.exec(conf)?.[1];
      expect(importDir).toBeTruthy();
      expect(readdirSync(importDir as string)).toEqual([]);
    });

    it('runs the JVM with a scrubbed environment: nothing of ours, no API keys, no password', () => {
      const names = readFileSync(`/proc/${jvmPid}/environ`, 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((entry) => entry.slice(0, entry.indexOf('=')));
      expect(names).not.toContain('API_KEYS');
      expect(names).not.toContain('NEO4J_PASSWORD');
      const unexpected = names.filter((n) => !/^(PATH|JAVA_HOME|HOME|LANG|LC_\w+|TZ|TMPDIR)$/.test(n));
      expect(unexpected).toEqual([]);
    });
  });
});

describe('an answer is capped in bytes and values while streaming, off the event loop (item 7)', () => {
  /** Runs the query while probing /healthz; returns the answer and each probe's delay in ms. */
  async function whileProbing(query: string, params?: unknown, send = run): Promise<[Answer, number[]]> {
    let done = false;
    const pending = send(query, params).finally(() => {
      done = true;
    });
    const probes: number[] = [];
    while (!done) {
      const started = performance.now();
      const response = await app.fetch('http://yoga/healthz');
      expect(response.status).toBe(200);
      // The probe's own latency plus how late its timer fired: both stall when the loop is blocked.
      const pause = performance.now();
      await sleep(20);
      probes.push(Math.max(pause - started, performance.now() - pause - 20));
    }
    return [await pending, probes];
  }

  /**
   * /healthz answered within 200 ms. A blocked event loop stalls every probe for seconds (2 M
   * elements froze it for 7 s before); what a machine with two cores, a busy Neo4j and other test
   * runs can add is a rare scheduling delay, so one probe in twenty may be late, none by a second.
   */
  function expectResponsive(probes: number[]): void {
    const sorted = [...probes].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    expect(p95, `probes: ${sorted.map(Math.round).join(' ')}`).toBeLessThan(200);
    expect(sorted.at(-1) ?? 0, `probes: ${sorted.map(Math.round).join(' ')}`).toBeLessThan(1_000);
  }

  // Time enough for a cold Neo4j to build the lists: the answer must be a cap, not the timeout.
  const patient = analystApp({ timeoutMs: 15_000 });
  // A stopped run keeps its slot until Neo4j has dropped its transaction: start each test with free
  // slots. The apps of this file share their executor's slots, so the probe allows one run at a time: it
  // passes only when no slot is held. (A probe with the default limit passed with a slot still held by
  // the previous test's stopped run, and the one-slot test below then found its slot taken: at a load
  // of 20, Neo4j took that long to drop it.)
  const onlyRun = analystApp({ maxConcurrent: 1 });
  beforeEach(() =>
    until('free analyst slots', 180_000, async () =>
      (await onlyRun.run('RETURN 1 AS x')).data?.cypher ? true : undefined,
    ),
  );

  it('stops one huge record at CYPHER_MAX_BYTES while /healthz keeps answering within 200 ms', async () => {
    const [answer, probes] = await whileProbing('RETURN range(1, 2000000) AS r', undefined, patient.run);
    expectRefused(answer, /passed the 4 MB cap \(CYPHER_MAX_BYTES\) in its first row/);
    expectResponsive(probes);
  });

  it('RETURN range(1, 20000000) answers with a typed limit, /healthz within 200 ms throughout', async () => {
    const [answer, probes] = await whileProbing('RETURN range(1, 20000000) AS r', undefined, patient.run);
    // Over the byte cap, or (with the local server's configuration) over the transaction memory limit first.
    expectRefused(answer, /CYPHER_MAX_BYTES|db\.memory\.transaction\.max/);
    expectResponsive(probes);
  });

  it('stops many rows of big strings from params at CYPHER_MAX_BYTES, saying after how many rows', async () => {
    const big = 'x'.repeat(8_000);
    const answer = await run('UNWIND range(1, 1000) AS i RETURN i, $big AS s', { big });
    expectRefused(answer, /4 MB cap \(CYPHER_MAX_BYTES\) after \d{3} rows/);
  });

  it('stops many rows of lists built in Cypher at CYPHER_MAX_BYTES, /healthz free meanwhile', async () => {
    // Patient: on a busy Neo4j (other files share it) building 4 MB of lists took over the 2 s limit.
    const [answer, probes] = await whileProbing(
      "UNWIND range(1, 1000) AS i RETURN i, [x IN range(1, 5000) | 'abcdefghij'] AS strings",
      undefined,
      patient.run,
    );
    expectRefused(answer, /4 MB cap \(CYPHER_MAX_BYTES\) after \d+ rows/);
    expectResponsive(probes);
  });

  it('stops an answer of too many values at CYPHER_MAX_VALUES', async () => {
    expectRefused(
      await run('UNWIND range(1, 1000) AS i RETURN range(1, 600) AS r'),
      /cap of 500,000 values \(CYPHER_MAX_VALUES\) after \d+ rows/,
    );
    const small = analystApp({ maxValues: 1_000 });
    expectRefused(
      await small.run('UNWIND range(1, 100) AS i RETURN [i, i, i, i, i, i, i, i, i, i, i, i] AS r'),
      /cap of 1,000 values \(CYPHER_MAX_VALUES\)/,
    );
    // Under the caps nothing changes.
    const { data } = await small.run('UNWIND range(1, 3) AS i RETURN i');
    expect(data?.cypher?.rows).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
  });

  it('bounds the analyst queries at once (CYPHER_MAX_CONCURRENT) with a clear error', async () => {
    const one = analystApp({ maxConcurrent: 1, timeoutMs: 3_000 });
    const slow = 'MATCH (a), (b) WHERE a.key < b.key RETURN count(*) AS n';
    const answers = await Promise.all([one.run(slow), one.run(slow)]);
    const busy = answers.filter((a) => a.errors?.[0]?.extensions?.code === 'TOO_MANY_REQUESTS');
    expect(busy).toHaveLength(1);
    expect(busy[0]?.errors?.[0]?.message).toMatch(/CYPHER_MAX_CONCURRENT=1/);
    await until('a slot is free again', 20_000, async () =>
      (await one.run('RETURN 1 AS x')).data?.cypher ? true : undefined,
    );
  });
});

describe('a timeout stops the work (item 8)', () => {
  it('a CPU-heavy query times out, and Neo4j stops running its transaction within seconds', async () => {
    const started = Date.now();
    const heavy = 'MATCH (a), (b), (c) WHERE a.key < b.key AND b.key < c.key RETURN count(*)';
    const answer = await run(heavy);
    expectRefused(answer, /ran past the 2 s limit \(CYPHER_TIMEOUT_MS\)/);
    expect(Date.now() - started).toBeLessThan(15_000);
    // Bounds generous enough for a busy 2-core machine, and far below the 117 s it once ran on.
    await until('no analyst transaction left', 30_000, async () =>
      (await analystTransactions(heavy)).length === 0 ? true : undefined,
    );
    // SHOW TRANSACTIONS lists a terminated transaction until Neo4j has stopped running it (the 117 s
    // it once ran on showed there), so the poll above is the proof that the work stopped. The JVM's own
    // CPU is no measure here: the graph test files share this Neo4j and run beside this one.
  }, 120_000);

  it('a query Neo4j cannot interrupt keeps its slot until Neo4j has dropped it', async () => {
    // Neo4j checks for termination between rows, not inside reduce(): this one runs on past its
    // timeout, and no new analyst query may start beside it until it has gone. 200 million steps take
    // about 6 s on a quiet 2-core machine (600 million took 19 s and, on a busy one, over a minute):
    // still several times the 1 s limit on a machine much faster than ours.
    const one = analystApp({ maxConcurrent: 1, timeoutMs: 1_000 });
    const endless = 'RETURN reduce(s = 0, x IN range(1, 200000000) | s + x) AS r';
    const answer = await one.run(endless);
    expectRefused(answer, /ran past the 1 s limit \(CYPHER_TIMEOUT_MS\)/);
    const next = await one.run('RETURN 1 AS x');
    expect(next.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    await until('the slot is released once Neo4j has dropped the transaction', 180_000, async () =>
      (await one.run('RETURN 1 AS x')).data?.cypher ? true : undefined,
    );
    expect(await analystTransactions(endless)).toEqual([]);
  });

  it.runIf(jvmPid !== null)(
    'the local Neo4j bounds every transaction in time and memory itself',
    async () => {
      const rows = await executor.read(
        "SHOW SETTINGS YIELD name, value WHERE name IN ['db.transaction.timeout', 'db.memory.transaction.max', 'db.memory.transaction.total.max', 'db.transaction.bookmark_ready_timeout'] RETURN name, value",
      );
      const settings = Object.fromEntries(rows.map((r) => [r.name, r.value]));
      expect(settings['db.transaction.timeout']).toBe('1m');
      expect(settings['db.transaction.bookmark_ready_timeout']).toBe('2s');
      expect(settings['db.memory.transaction.max']).toMatch(/MiB$/);
      expect(settings['db.memory.transaction.total.max']).toMatch(/MiB$/);
    },
  );
});

describe('expected input errors are typed and explained (item 12)', () => {
  it('refuses CALL … IN TRANSACTIONS', async () => {
    for (const query of [
      'CALL { MATCH (n) RETURN count(n) AS c } IN TRANSACTIONS RETURN c',
      'UNWIND [1, 2] AS x CALL (x) { RETURN x AS y } IN/* batch */TRANSACTIONS OF 1 ROW RETURN y',
    ]) {
      expectRefused(await run(query), /IN TRANSACTIONS is not allowed/, query);
    }
  });

  it.runIf(jvmPid !== null)('explains the transaction memory limit', async () => {
    // Patient: on a busy machine the 2 s timeout could come before the memory limit.
    const patient = analystApp({ timeoutMs: 15_000 });
    for (const query of [
      'UNWIND range(1, 10000000) AS x RETURN collect(x) AS all',
      'UNWIND range(1, 5000000) AS x WITH collect(toString(x)) AS l RETURN size(l) AS n',
    ]) {
      expectRefused(
        await patient.run(query),
        /more memory than one query may use.*db\.memory\.transaction\.max/,
        query,
      );
    }
  });

  it('refuses params that are too large or too deep, and a query that is too long', async () => {
    expectRefused(
      await run('RETURN size($big) AS n', { big: 'x'.repeat(100_000) }),
      /64 KB \(CYPHER_MAX_PARAMS_BYTES\)/,
    );
    expectRefused(
      await run('RETURN size($list) AS n', { list: Array.from({ length: 20_000 }, (_, i) => i) }),
      /CYPHER_MAX_PARAMS_BYTES/,
    );
    let deep: unknown = 1;
    for (let i = 0; i < 2_000; i++) deep = { a: deep };
    expectRefused(await run('RETURN $deep AS d', { deep }), /nested more than 32 levels/);
    expectRefused(
      await run(`RETURN 1 AS x ${'/* padding */ '.repeat(1_000)}`),
      /over the limit of 10,000 \(CYPHER_MAX_QUERY_LENGTH\)/,
    );
  });
});
