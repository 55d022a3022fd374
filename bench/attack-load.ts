/**
 * `npm run loadtest -- --attack`: does one attacker hurt everybody else? The ordinary query mix runs
 * twice at the same concurrency, alone and then beside an attacker who sends each request of
 * bench/attacks.ts in turn, in a loop, while /healthz is probed every 100 ms. Loopback only, bounded
 * in time; the server is a child process run as `npm start` runs it (unless --url is given).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ATTACKS, type Attack } from './attacks.ts';
import { spawnServer } from './contenders/server-process.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface AttackLoadOptions {
  url?: string | undefined;
  connections: number;
  seconds: number;
  out?: string | undefined;
  keys: { analyst?: string | undefined; editor?: string | undefined };
  mix: string[];
}

interface LoadResult {
  p50: number;
  p99: number;
  max: number;
  rps: number;
  failed: number;
}

interface AttackTally {
  sent: number;
  statuses: Map<number | string, number>;
  maxMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) : 0;

async function ordinaryLoad(
  url: string,
  mix: string[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  let failed = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    requests: mix.map((query) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      onResponse: (_status: number, body: string) => {
        if (body.includes('"errors"')) failed++;
      },
    })),
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: result.requests.average,
    failed: failed + result.non2xx + result.errors + result.timeouts,
  };
}

/** Sends the attacks in turn until `stop()`; each answer's status (or the failure) is tallied. */
function attacker(url: string, keys: AttackLoadOptions['keys']) {
  const tallies = new Map<string, AttackTally>(
    ATTACKS.map((a) => [a.name, { sent: 0, statuses: new Map(), maxMs: 0 }]),
  );
  let running = true;
  const send = async (attack: Attack) => {
    const key = attack.key ? keys[attack.key] : undefined;
    const tally = tallies.get(attack.name) as AttackTally;
    const started = performance.now();
    let outcome: number | string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': attack.contentType ?? 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...attack.headers,
        },
        body: attack.body(),
        signal: AbortSignal.timeout(120_000),
      });
      const text = await response.text();
      // The status, and the code of the first error: what the attacker was told.
      let code = '';
      try {
        code =
          (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions
            ?.code ?? '';
      } catch {
        code = 'no JSON';
      }
      outcome = code ? `${response.status} ${code}` : response.status;
    } catch (error) {
      outcome = (error as Error).name === 'TimeoutError' ? 'timeout' : 'connection failed';
    }
    tally.sent++;
    tally.maxMs = Math.max(tally.maxMs, performance.now() - started);
    tally.statuses.set(outcome, (tally.statuses.get(outcome) ?? 0) + 1);
  };
  const loop = (async () => {
    while (running) for (const attack of ATTACKS) if (running) await send(attack);
  })();
  return {
    tallies,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** GET /healthz every 100 ms; each answer's time, or Infinity when it failed. */
function healthProbe(base: string) {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        times.push(response.ok ? performance.now() - started : Number.POSITIVE_INFINITY);
      } catch {
        times.push(Number.POSITIVE_INFINITY);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    times,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

export async function runAttackLoadTest(options: AttackLoadOptions): Promise<number> {
  const keys = {
    analyst: options.keys.analyst ?? `analyst-${randomBytes(12).toString('hex')}`,
    editor: options.keys.editor ?? `editor-${randomBytes(12).toString('hex')}`,
  };
  let dataDir: string | undefined;
  let server: { url: string; pid: number; stop(): Promise<void> };
  if (options.url) {
    server = { url: options.url, pid: -1, stop: async () => {} };
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hitech-kg-attack-'));
    process.stderr.write('starting the server as npm start does (its own Neo4j, seeded)…\n');
    server = await spawnServer({
      name: 'hitech-kg',
      args: ['--import', 'tsx', `${ROOT}src/main.ts`],
      env: {
        LOG_LEVEL: 'warn',
        DATA_DIR: dataDir,
        NEO4J_PROVIDER: 'local',
        API_KEYS: `analyst:${keys.analyst},editor:${keys.editor}`,
      },
      readyPath: '/readyz',
      timeoutMs: 300_000,
    });
  }
  const base = new URL(server.url).origin;
  try {
    process.stderr.write(`warming up (${server.url})…\n`);
    await ordinaryLoad(server.url, options.mix, 2, 3);
    process.stderr.write(`ordinary load alone: ${options.connections} connections, ${options.seconds} s…\n`);
    const alone = await ordinaryLoad(server.url, options.mix, options.connections, options.seconds);

    process.stderr.write(`the same load beside an attacker (${ATTACKS.length} requests in a loop)…\n`);
    const health = healthProbe(base);
    const attack = attacker(server.url, keys);
    const attacked = await ordinaryLoad(server.url, options.mix, options.connections, options.seconds);
    await attack.stop();
    await health.stop();

    const stillUp = await fetch(`${base}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    const stillReady = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    const healthTimes = [...health.times].sort((a, b) => a - b);
    const healthMax = healthTimes.at(-1) ?? 0;
    const ratio = attacked.p99 / Math.max(alone.p99, 1);
    const verdicts = [
      [`ordinary p99 at most doubles`, ratio <= 2],
      [`/healthz always within 200 ms`, healthMax <= 200],
      [`no ordinary request failed`, attacked.failed === 0 && alone.failed === 0],
      [`the server is up and ready at the end`, stillUp && stillReady],
    ] as const;

    const lines = [
      `# Load beside an attacker`,
      '',
      `Command: \`npm run loadtest -- --attack --connections ${options.connections} --seconds ${options.seconds}\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores. The server ran as \`npm start\` runs it, with its own local Neo4j; the load generator and the attacker ran in another process on the same machine.`,
      '',
      '| ordinary load | requests/s | p50 ms | p99 ms | max ms | failed |',
      '| --- | --- | --- | --- | --- | --- |',
      `| alone | ${alone.rps.toFixed(0)} | ${alone.p50} | ${alone.p99} | ${alone.max} | ${alone.failed} |`,
      `| beside the attacker | ${attacked.rps.toFixed(0)} | ${attacked.p50} | ${attacked.p99} | ${attacked.max} | ${attacked.failed} |`,
      '',
      `p99 ratio ${ratio.toFixed(2)}; /healthz probed ${healthTimes.length} times: p50 ${percentile(healthTimes, 50).toFixed(1)} ms, p99 ${percentile(healthTimes, 99).toFixed(1)} ms, max ${healthMax.toFixed(1)} ms.`,
      '',
      '| attack | sent | answers | slowest ms |',
      '| --- | --- | --- | --- |',
      ...[...attack.tallies].map(
        ([name, t]) =>
          `| ${name} | ${t.sent} | ${[...t.statuses].map(([s, n]) => `${s} × ${n}`).join(', ')} | ${t.maxMs.toFixed(0)} |`,
      ),
      '',
      ...verdicts.map(([what, ok]) => `- ${ok ? 'holds' : '**misses**'}: ${what}`),
      '',
    ];
    const report = lines.join('\n');
    process.stdout.write(report);
    if (options.out) writeFileSync(options.out, report);
    return verdicts.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    await server.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}
