/**
 * Starts the real server the way `npm start` does (node scripts/start.mjs: build the bundle, run it), in its own data
 * folder and on a free port, and reads its structured logs.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort } from '../../src/neo4j/local-neo4j.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  dataDir: string;
  output: () => string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
}

export async function startServer(env: Record<string, string | undefined> = {}): Promise<ServerProcess> {
  const port = await freeLoopbackPort();
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-e2e-'));
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    // An undefined value removes the variable (e.g. NEO4J_URI: undefined).
    env: withoutUndefined({
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, url: `http://127.0.0.1:${port}`, dataDir, output: () => output, exited };
}

/** Waits until the server logs that it is ready, or fails with what it printed. */
export async function waitForReady(server: ServerProcess, timeoutMs = 200_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let done = false;
  void server.exited.then(() => {
    done = true;
  });
  while (Date.now() < deadline) {
    if (server.output().includes('hitech-kg is ready')) return;
    if (done) throw new Error(`The server exited before it was ready:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server was not ready within ${timeoutMs / 1000} s:\n${server.output()}`);
}

/** Processes whose command line mentions `text` (e.g. a data folder): JVMs left behind show up here. */
export function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', '-a', text], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() && !line.includes('pgrep'));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

export async function graphql(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
