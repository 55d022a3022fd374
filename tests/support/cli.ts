/**
 * The command-line tools as processes, the way `npm run import` and `npm run export` run them, on the
 * shared Neo4j unless told another Bolt URI (a file's second, empty Neo4j: useEmptyNeo4j).
 */
import { spawn } from 'node:child_process';
import { ROOT } from './server-process.ts';
import { sharedNeo4j } from './shared-neo4j.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run <tool> -- <args>` on the Neo4j at `uri` (the shared one by default). */
export function runCli(tool: 'import' | 'export', args: string[], uri?: string): Promise<CliRun> {
  const shared = sharedNeo4j();
  const target = uri ?? shared.uri;
  const neo4jEnv: Record<string, string> = {
    NEO4J_PROVIDER: 'uri',
    NEO4J_URI: target,
    NEO4J_USER: shared.user,
    NEO4J_DATABASE: shared.database,
  };
  // Without a password the executor connects without authentication (the local test servers).
  if (shared.password !== undefined && target === shared.uri) neo4jEnv.NEO4J_PASSWORD = shared.password;
  return runTool(tool, args, neo4jEnv);
}

/**
 * Runs `npm run <tool> -- <args>` with only the given Neo4j variables (and DATA_DIR): none of this
 * process's NEO4J_* or DATA_DIR leak in. E.g. `{ NEO4J_PROVIDER: 'local', DATA_DIR: dir }`.
 */
export function runTool(
  tool: 'import' | 'export',
  args: string[],
  neo4jEnv: Record<string, string>,
): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('NEO4J_') && name !== 'DATA_DIR') env[name] = value;
  }
  Object.assign(env, neo4jEnv, { LOG_LEVEL: 'warn' });
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${tool}.ts`, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The created/updated/unchanged counts the import prints. */
export function importSummary(stdout: string): Record<'nodes' | 'evidence' | 'relations', number[]> {
  const tally = (part: string) => {
    const match = new RegExp(`^${part}\\s+(\\d+) created\\s+(\\d+) updated\\s+(\\d+) unchanged$`, 'm').exec(
      stdout,
    );
    if (!match) throw new Error(`no ${part} line in:\n${stdout}`);
    return match.slice(1).map(Number);
  };
  return { nodes: tally('nodes'), evidence: tally('evidence'), relations: tally('relations') };
}
