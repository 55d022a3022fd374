/**
 * A GraphQL server as a child process on a free loopback port: spawned, timed until its readiness URL
 * answers 200 (its cold start), sampled for memory (RSS from /proc) and stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freeLoopbackPort } from '../../src/neo4j/local-neo4j.ts';

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from the readiness URL. */
  coldStartMs: number;
  /** Resident memory now, in MiB (Linux /proc). */
  rssMiB(): number | null;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  /** Node arguments after the executable, e.g. ['--import', 'tsx', 'src/main.ts']. */
  args: string[];
  env: Record<string, string>;
  /** Path answered with 200 once the server can serve (e.g. /readyz). */
  readyPath: string;
  timeoutMs?: number;
  /** Every chunk of the child's stdout, as it comes (e.g. to read its log lines). */
  onStdout?: (chunk: string) => void;
}

export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const port = await freeLoopbackPort();
  const base = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    env: { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (options.onStdout) child.stdout?.on('data', (chunk: Buffer) => options.onStdout?.(chunk.toString()));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const deadline = started + (options.timeoutMs ?? 60_000);
  let coldStartMs = -1;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${base}${options.readyPath}`);
      await response.arrayBuffer();
      if (response.status === 200) {
        coldStartMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const stop = () => stopChild(child, killOnExit);
  if (coldStartMs < 0) {
    await stop();
    throw new Error(
      `${options.name} did not become ready at ${base}${options.readyPath}:\n${output.join('').slice(-3000)}`,
    );
  }
  return {
    name: options.name,
    url: `${base}/graphql`,
    pid: child.pid ?? -1,
    coldStartMs,
    rssMiB: () => rssMiB(child.pid ?? -1),
    stop,
  };
}

async function stopChild(child: ChildProcess, killOnExit: () => void): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  process.off('exit', killOnExit);
}

export function rssMiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** POSTs a GraphQL request; throws on HTTP errors and GraphQL errors. */
export async function postGraphQL(
  url: string,
  request: { query: string; variables: Record<string, unknown> },
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  let body: { data?: Record<string, unknown>; errors?: unknown[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url} answered ${response.status} with no JSON: ${text.slice(0, 500)}`);
  }
  if (response.status !== 200 || body.errors?.length || !body.data) {
    throw new Error(
      `${url} answered ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 2000)}`,
    );
  }
  return body.data;
}
