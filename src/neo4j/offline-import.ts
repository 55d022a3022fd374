/**
 * Neo4j's offline importer (`neo4j-admin database import full`, the class org.neo4j.cli.AdminTool of
 * the neo4j-command-line and neo4j-import-tool artifacts the local Neo4j already has on its classpath)
 * run on the local store in DATA_DIR: it writes the store files directly from CSV files
 * (src/graph/bulk/import-files.ts), far faster than transactions over Bolt, but only into a database
 * that is offline, on this machine. Hence what this module checks first: no server runs on the store,
 * and the store is new, or the caller has made sure it may be replaced.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImportFiles } from '../graph/bulk/import-files.ts';
import { ARRAY_DELIMITER } from '../graph/bulk/import-files.ts';
import type { Logger } from '../logger.ts';
import { newestUsableArchive } from './class-data-archive.ts';
import { isAlive, javaCommand, jvmEnvironment, resolveClasspath } from './local-neo4j.ts';
import { withUnsignedJars } from './unsigned-jars.ts';

/** The local server's database (config.ts gives the local provider no other). */
const DATABASE = 'neo4j';

export class OfflineImportError extends Error {
  override name = 'OfflineImportError';
}

/** The store files of the local Neo4j whose folder is `neo4jDir` (DATA_DIR/neo4j). */
export function storeDirectory(neo4jDir: string): string {
  return path.join(neo4jDir, 'data', 'databases', DATABASE);
}

/** Whether the local store has been created (by a start or an earlier import). */
export function storeExists(neo4jDir: string): boolean {
  return existsSync(storeDirectory(neo4jDir));
}

/** The pid of a live process of ours that runs a Neo4j on this store (local-neo4j.ts's pid file), or null. */
export async function serverOnStore(neo4jDir: string): Promise<number | null> {
  const pidFile = path.join(neo4jDir, 'neo4j.pid');
  if (!existsSync(pidFile)) return null;
  try {
    const { ownerPid, javaPid } = JSON.parse(await readFile(pidFile, 'utf8')) as Record<string, number>;
    if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid)) return ownerPid;
    if (javaPid && isAlive(javaPid)) return javaPid;
  } catch {
    // An unreadable pid file is no server.
  }
  return null;
}

export interface OfflineImportOptions {
  /** The local Neo4j's folder: DATA_DIR/neo4j. */
  neo4jDir: string;
  files: ImportFiles;
  /** Where the importer's configuration and report go (the CSV files' folder will do). */
  workDir: string;
  /** Delete an existing store first; the caller has checked it may go. */
  overwrite: boolean;
  javaHome: string | undefined;
  environment: NodeJS.ProcessEnv;
  log: Logger;
  /** The importer JVM's heap; its off-heap caches get as much. */
  memory?: string;
  /** Where the importer's output (import.log) and a crashed JVM's hs_err file go; default neo4jDir/logs. */
  logDir?: string;
  /** Aborting it stops the importer (SIGTERM, SIGKILL after 5 s); the run then throws OfflineImportError. */
  signal?: AbortSignal;
}

export interface OfflineImportResult {
  /** The importer's JVM from spawn to exit. */
  seconds: number;
  /** The CPU time (user and system) the importer's JVM used; null where the system does not say. */
  cpuSeconds: number | null;
  /** What the importer says it wrote. */
  nodes: number;
  relationships: number;
}

/** The importer's arguments for these files (each label and type from the ontology, each file ours). */
export function importerArguments(
  files: ImportFiles,
  options: { overwrite: boolean; report: string; memory: string },
): string[] {
  return [
    'database',
    'import',
    'full',
    // Before the file lists, whose options take any number of values.
    DATABASE,
    `--array-delimiter=U+${ARRAY_DELIMITER.codePointAt(0)?.toString(16).padStart(4, '0').toUpperCase()}`,
    // The files are validated: any entry the importer finds bad is a bug, and must stop it.
    '--bad-tolerance=0',
    // Nodes are numbered in the files (import-files.ts); the numbers are not stored.
    '--id-type=integer',
    '--skip-bad-relationships=false',
    '--skip-duplicate-nodes=false',
    '--ignore-empty-strings=false',
    '--trim-strings=false',
    `--multiline-fields=${files.multiline}`,
    `--overwrite-destination=${options.overwrite}`,
    `--report-file=${options.report}`,
    `--max-off-heap-memory=${options.memory}`,
    ...files.nodes.map((n) => `--nodes=${n.labels.join(':')}=${n.file}`),
    ...files.relationships.map((r) => `--relationships=${r.type}=${r.file}`),
  ];
}

/**
 * The importer JVM's flags. Up to a few million items the JIT's optimising compiler costs more CPU
 * than it saves: C1 only with the serial GC took half the CPU time at SF 0.1 (120k items), and at
 * SF 1 (1.14M items) 13.4 s against 16.0 s with G1 and the full JIT (and 14.2 s with the parallel
 * GC), also less wall time. Above C1_ONLY_ITEMS, untested, the JVM's defaults as Neo4j ships them.
 * `archive`: the local server's class-data archive, borrowed (the importer runs the same unsigned
 * classpath): Neo4j's classes mapped instead of loaded and verified.
 */
export const C1_ONLY_ITEMS = 2_000_000;

export function importerJvmArguments(options: {
  items: number;
  memory: string;
  logDir: string;
  archive: string | null;
}): string[] {
  const small = options.items < C1_ONLY_ITEMS;
  return [
    `-Xmx${options.memory}`,
    ...(small ? ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] : ['-XX:+UseG1GC']),
    ...(options.archive ? [`-XX:SharedArchiveFile=${options.archive}`] : []),
    // A JVM that crashes writes its report beside the import's log, not into the working folder.
    `-XX:ErrorFile=${path.join(options.logDir, 'hs_err_pid%p.log')}`,
    '-Dfile.encoding=UTF-8',
  ];
}

/** Output of a JVM that died starting on its class-data archive (not of a failed import). */
const ARCHIVE_FAILURE =
  /Could not create the Java Virtual Machine|\[cds|shared archive|SharedArchiveFile|hs_err_pid/i;

/** Runs the importer on the local store; throws OfflineImportError with the importer's last words. */
export async function runOfflineImport(options: OfflineImportOptions): Promise<OfflineImportResult> {
  const { neo4jDir, files, workDir, log } = options;
  const memory = options.memory ?? '1g';
  const resolved = await resolveClasspath(log, options.javaHome);
  // The server's classpath (signed jars' classes cannot be archived, and their signatures are checked
  // at every start), so that the server's class-data archive applies to the importer too.
  const classpath = await withUnsignedJars(resolved.classpath, resolved.cacheDir, log);
  const archive = await newestUsableArchive(resolved.cacheDir);
  const home = path.join(neo4jDir, 'home');
  const conf = path.join(workDir, 'conf');
  const logDir = options.logDir ?? path.join(neo4jDir, 'logs');
  await Promise.all([
    mkdir(home, { recursive: true }),
    mkdir(conf, { recursive: true }),
    mkdir(logDir, { recursive: true }),
  ]);
  // The same folders as the server's configuration (local-neo4j.ts neo4jConf), nothing else.
  await writeFile(
    path.join(conf, 'neo4j.conf'),
    [`server.directories.data=${path.join(neo4jDir, 'data')}`, `server.directories.logs=${logDir}`, ''].join(
      '\n',
    ),
  );
  const importer = [
    '-cp',
    classpath,
    'org.neo4j.cli.AdminTool',
    ...importerArguments(files, {
      overwrite: options.overwrite,
      report: path.join(workDir, 'import.report'),
      memory,
    }),
  ];
  const items = files.nodeCount + files.relationshipCount;
  log.info(
    { nodes: files.nodeCount, relationships: files.relationshipCount, classData: archive ? 'use' : 'none' },
    'running neo4j-admin database import full',
  );
  const started = performance.now();
  const cpuBefore = await childrenCpuSeconds();
  const run = (withArchive: string | null) =>
    collect(
      spawn(
        javaCommand(options.javaHome),
        [...importerJvmArguments({ items, memory, logDir, archive: withArchive }), ...importer],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          cwd: workDir,
          env: { ...jvmEnvironment(options.environment), NEO4J_HOME: home, NEO4J_CONF: conf },
        },
      ),
      options.signal,
    );
  let output = await run(archive);
  // A JVM that could not start on the borrowed archive is run once more without it (before the
  // importer wrote anything): an archive may never cost the import.
  if (
    archive &&
    output.code !== 0 &&
    !options.signal?.aborted &&
    !/Import starting/.test(output.text) &&
    ARCHIVE_FAILURE.test(output.text)
  ) {
    log.warn({ archive }, 'neo4j-admin did not start with the class-data archive: running it without');
    output = await run(null);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await childrenCpuSeconds();
  const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  await writeFile(path.join(logDir, 'import.log'), output.text).catch(() => {});
  const imported = /Imported:\s+(\d+) nodes\s+(\d+) relationships/.exec(output.text);
  if (output.code !== 0 || !imported) {
    throw new OfflineImportError(
      `neo4j-admin database import full failed (${output.code === null ? 'killed' : `exit code ${output.code}`}); ` +
        `nothing usable was written to ${storeDirectory(neo4jDir)}. Its output is in ${path.join(logDir, 'import.log')}; its last lines:\n` +
        output.text.trimEnd().split('\n').slice(-25).join('\n'),
    );
  }
  return { seconds, cpuSeconds, nodes: Number(imported[1]), relationships: Number(imported[2]) };
}

/**
 * The CPU seconds of this process's ended children (Linux: /proc/self/stat's cutime and cstime, in
 * clock ticks of 1/100 s), or null elsewhere. Around the importer's run, that is the importer's: on a
 * machine shared with other work its wall time says little, its CPU time is what to compare.
 */
async function childrenCpuSeconds(): Promise<number | null> {
  try {
    const fields = (await readFile('/proc/self/stat', 'utf8')).split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}

/**
 * The child's stdout and stderr together, and its exit code; killed if we exit first, stopped when
 * `signal` aborts (SIGTERM, then SIGKILL if it still runs 5 s later).
 */
function collect(child: ChildProcess, signal?: AbortSignal): Promise<{ code: number | null; text: string }> {
  const chunks: string[] = [];
  const keep = (chunk: Buffer) => chunks.push(chunk.toString('utf8'));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const kill = () => child.kill('SIGKILL');
  process.on('exit', kill);
  let killer: NodeJS.Timeout | undefined;
  const stop = () => {
    child.kill('SIGTERM');
    killer = setTimeout(kill, 5_000);
  };
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  const done = () => {
    process.off('exit', kill);
    signal?.removeEventListener('abort', stop);
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      done();
      reject(error);
    });
    child.once('close', (code) => {
      done();
      resolve({ code, text: chunks.join('') });
    });
  });
}
