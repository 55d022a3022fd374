/**
 * A real Neo4j community server for machines without Docker, run from Maven Central artifacts with the
 * machine's Java and Maven (see neo4j/pom.xml).
 *
 * - The classpath is resolved once and cached under ~/.cache/hitech-kg (the jars stay in ~/.m2), and
 *   beside it a class-data-sharing archive of Neo4j's classes, recorded by the first start and mapped
 *   by the later ones (class-data-archive.ts).
 * - The JVM is our child and never outlives us: ParentWatchdog exits when our end of its stdin pipe
 *   closes, which the OS does when this process ends in any way, SIGKILL included. On a normal stop we
 *   send SIGTERM and wait, so Neo4j closes its store cleanly.
 * - A pid file in the data folder refuses a second server on the same store with a clear message.
 * - Supervised (maxRestarts > 0): a JVM that dies (kill -9, a crash, an out-of-memory exit) is started
 *   again on the same port and store, with a doubling backoff; when it cannot come back, onGiveUp says
 *   so and the server exits rather than answering 503 forever.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../logger.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { type ClassDataArchivePlan, planClassDataArchive } from './class-data-archive.ts';
import { withUnsignedJars } from './unsigned-jars.ts';
import { NEO4J_VERSION } from './versions.ts';

const run = promisify(execFile);
// The same as executor.ts's; not imported from there, so that the JVM is spawned before neo4j-driver
// (about half a second of module loading) is loaded: it loads while the JVM starts.
const NO_AUTH = { scheme: 'none', principal: '', credentials: '' };
const loadDriver = async () => (await import('neo4j-driver')).default;
/** How often the start loop asks Neo4j whether it is up: a refused connection costs next to nothing. */
const READY_POLL_MS = 50;
const POM = path.join(PROJECT_ROOT, 'neo4j', 'pom.xml');

export interface LocalNeo4jOptions {
  /** Folder for the store, logs and config; kept between runs. */
  dataDir: string;
  heap: string;
  pageCache: string;
  startupTimeoutMs: number;
  log: Logger;
  /** JAVA_HOME (config.ts): its bin/java runs Neo4j when there is one, else `java` on PATH. */
  javaHome: string | undefined;
  /** The caller's environment; the JVM sees only the part jvmEnvironment keeps. */
  environment: NodeJS.ProcessEnv;
  /**
   * When another process of ours already runs Neo4j on this store (a running `npm start`), use it
   * instead of refusing: for the command-line tools (seed, import, export).
   */
  reuseRunning?: boolean;
  /** Bolt port; a free one when not given (a restart on the same port lets clients reconnect). */
  port?: number;
  /** Consecutive restarts tried after the JVM dies; 0 (the default) never restarts it. */
  maxRestarts?: number;
  /** Wait before the first restart; doubles with each failed attempt, up to 30 s. */
  restartBackoffMs?: number;
  /** Called once when the JVM died and could not be brought back: the owner should exit. */
  onGiveUp?: (reason: string) => void;
  /**
   * Where the class-data-sharing archive of Neo4j's classes lives: undefined for beside the cached
   * classpath (~/.cache/hitech-kg/neo4j-…), null for none (every start loads the classes afresh).
   */
  classDataDir?: string | null | undefined;
  /**
   * Run once the store is this process's (claimStore) and before its JVM is first spawned, with its
   * folder (DATA_DIR/neo4j): where a first start puts the shipped seeded store in place
   * (seeded-store.ts). Local only: NEO4J_URI and containers never call it.
   */
  beforeLocalStart?: (dataDir: string) => Promise<unknown>;
  /** Called when a JVM process is spawned (before it is ready), so that other work can overlap its start. */
  onSpawn?: () => void;
}

export interface LocalNeo4j {
  uri: string;
  /** The current JVM's pid (it changes with each restart). */
  readonly pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/** A JVM that stayed up this long starts the count of consecutive restarts afresh. */
const STABLE_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

export class Neo4jUnavailableError extends Error {
  override name = 'Neo4jUnavailableError';
}

/**
 * What is missing for a local Neo4j, or null when Java 17+ and Maven are both there. Maven is needed
 * only to resolve the classpath: once it is cached, its check (a JVM start of its own) is skipped.
 */
export async function localNeo4jPrerequisites(javaHome: string | undefined): Promise<string | null> {
  const missing: string[] = [];
  const [java, maven] = await Promise.all([
    javaMajorVersion(javaHome),
    cachedClasspath().then((cached) => cached !== null || commandWorks('mvn', ['--version'])),
  ]);
  if (java === null) missing.push('Java 17 or newer (no `java` on PATH or in JAVA_HOME)');
  else if (java < 17) missing.push(`Java 17 or newer (found Java ${java})`);
  if (!maven) missing.push('Maven (no `mvn` on PATH)');
  return missing.length ? missing.join(' and ') : null;
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const { dataDir, log } = options;
  await mkdir(dataDir, { recursive: true });
  const pidFile = path.join(dataDir, 'neo4j.pid');
  const running = options.reuseRunning ? await runningNeo4j(pidFile) : null;
  if (running) {
    log.info(
      { uri: running.uri, owner: running.ownerPid },
      'using the Neo4j of the running server on this store',
    );
    return {
      uri: running.uri,
      pid: running.javaPid,
      logFile: path.join(dataDir, 'logs', 'neo4j.log'),
      stop: async () => {},
    };
  }
  await refuseIfAlreadyRunning(pidFile, dataDir);
  await claimStore(dataDir);
  try {
    await options.beforeLocalStart?.(dataDir);
  } catch (error) {
    await rm(pidFile, { force: true });
    throw error;
  }
  const port = options.port ?? (await freeLoopbackPort());
  const uri = `bolt://127.0.0.1:${port}`;

  let child: ChildProcess | undefined;
  let settled: Promise<void> = Promise.resolve();
  let recording = false;
  const launchOnce = () =>
    launch(options, port, (spawned, archive) => {
      child = spawned;
      recording = archive.mode === 'record';
      // When the JVM exits, a recorded class-data archive is kept; stop() waits for that.
      settled = new Promise((resolve) =>
        spawned.once('exit', (code, signal) => void archive.settle({ code, signal }).then(resolve)),
      );
      options.onSpawn?.();
    });
  let readyAt = Date.now();
  let { logFile } = await launchOnce();
  let stopping: Promise<void> | undefined;
  let failures = 0; // consecutive restarts of a JVM that did not stay up STABLE_MS

  const maxRestarts = options.maxRestarts ?? 0;
  const backoff = options.restartBackoffMs ?? 1_000;
  const recover = async (died: ChildProcess, why: string) => {
    if (Date.now() - readyAt > STABLE_MS) failures = 0;
    const last = existsSync(logFile) ? lastLines(await readFile(logFile, 'utf8'), 10) : '';
    log.error(
      { pid: died.pid, reason: why, neo4jLog: last },
      'the local Neo4j exited unexpectedly (%s)',
      why,
    );
    while (!stopping) {
      if (failures >= maxRestarts) {
        const reason = `the local Neo4j exited (${why}) and ${maxRestarts} restart(s) did not bring it back`;
        log.fatal({ reason }, 'gave up on the local Neo4j: %s', reason);
        await rm(pidFile, { force: true });
        options.onGiveUp?.(reason);
        return;
      }
      failures += 1;
      const delay = Math.min(backoff * 2 ** (failures - 1), MAX_BACKOFF_MS);
      log.warn(
        { attempt: failures, maxRestarts, delayMs: delay, reason: why, port },
        'restarting the local Neo4j in %d ms (attempt %d of %d) because %s',
        delay,
        failures,
        maxRestarts,
        why,
      );
      await sleep(delay);
      if (stopping) return;
      try {
        ({ logFile } = await launchOnce());
        readyAt = Date.now();
        watch();
        log.info({ uri, pid: child?.pid, attempt: failures }, 'the local Neo4j is back');
        return;
      } catch (error) {
        why = `its restart failed: ${((error as Error).message.split('\n')[0] ?? '').trim()}`;
      }
    }
  };
  // Watch the running JVM: an exit we did not ask for is a crash, whatever its code.
  const watch = () => {
    const running = child;
    running?.once('exit', (code, signal) => {
      if (stopping || running !== child) return;
      void recover(running, signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  };
  watch();

  return {
    uri,
    get pid() {
      return child?.pid ?? -1;
    },
    get logFile() {
      return logFile;
    },
    stop() {
      stopping ??= (async () => {
        if (child) {
          if (recording) log.info('stopping Neo4j and writing its class-data archive (once)');
          // Writing the archive after Neo4j closed its store takes seconds (a minute on a busy
          // machine): a SIGKILL then would only lose the archive, but give it time.
          await stopChild(child, recording ? 300_000 : 30_000);
          await settled;
        }
        await rm(pidFile, { force: true });
        log.info('local Neo4j stopped');
      })();
      return stopping;
    },
  };
}

/**
 * Starts one JVM on `port` with the store in options.dataDir and waits until it answers; on failure it
 * is stopped again and the error says why. `spawned` learns of the child as soon as it exists, so that
 * a stop during start-up can end it. A JVM that dies while starting with a class-data archive (mapping
 * or recording one) is started once more without it, the archive deleted: it may never cost a start.
 */
async function launch(
  options: LocalNeo4jOptions,
  port: number,
  spawned: (child: ChildProcess, archive: ClassDataArchivePlan) => void,
  withArchive = true,
): Promise<{ logFile: string }> {
  const { dataDir, log } = options;
  const pidFile = path.join(dataDir, 'neo4j.pid');
  // A JVM on a port another process holds fails only once it has started (seconds; twice when an
  // archive is tried): a restart onto a taken port, or a configured one, is refused at once instead.
  if (await portTaken(port)) {
    throw new Neo4jUnavailableError(
      `the Bolt port ${port} on 127.0.0.1 is taken by another process, so the local Neo4j cannot listen on it: stop that process (or start this server again: a first start picks a free port)`,
    );
  }
  const resolved = await resolveClasspath(log, options.javaHome);
  const { cacheDir } = resolved;
  const classpath = await withUnsignedJars(resolved.classpath, cacheDir, log);
  const dirs = {
    home: path.join(dataDir, 'home'),
    conf: path.join(dataDir, 'conf'),
    data: path.join(dataDir, 'data'),
    logs: path.join(dataDir, 'logs'),
  };
  await Promise.all(Object.values(dirs).map((d) => mkdir(d, { recursive: true })));
  await writeFile(path.join(dirs.conf, 'neo4j.conf'), neo4jConf(port, dirs, options.pageCache, options.heap));
  const logFile = path.join(dirs.logs, 'neo4j.log');
  await rm(logFile, { force: true });

  const jvmFlags = [
    `-Xms${options.heap}`,
    `-Xmx${options.heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Dfile.encoding=UTF-8',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  ];
  const archiveDir = options.classDataDir === undefined ? cacheDir : options.classDataDir;
  const archive = await planClassDataArchive(
    withArchive ? archiveDir : null,
    { javaVersion: (await javaVersionText(options.javaHome)) ?? '', classpath, jvmArgs: jvmFlags },
    log,
  );
  const args = [
    ...jvmFlags,
    ...archive.args,
    '-cp',
    classpath,
    'hitechkg.ParentWatchdog',
    `--home-dir=${dirs.home}`,
    `--config-dir=${dirs.conf}`,
  ];
  log.info({ port, dataDir, classData: archive.mode }, 'starting local Neo4j %s', NEO4J_VERSION);
  // stdin stays an open pipe we never write to: its closing is how the JVM learns we are gone.
  const child = spawn(javaCommand(options.javaHome), args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    cwd: dataDir,
    env: jvmEnvironment(options.environment),
  });
  spawned(child, archive);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Last resort if we exit without stop(): SIGTERM lets Neo4j close its store; the watchdog would follow anyway.
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  await writeFile(pidFile, JSON.stringify({ ownerPid: process.pid, javaPid: child.pid, port }));

  const uri = `bolt://127.0.0.1:${port}`;
  const tail = async () => tailOf(logFile, output);
  try {
    await waitUntilReady(uri, child, options.startupTimeoutMs, tail);
  } catch (error) {
    await stopChild(child);
    await rm(pidFile, { force: true });
    // With an archive to map or to record, a JVM that died is tried once more without: a Java that
    // rejects the flags, or an archive it cannot map, must not cost the start.
    if (archive.mode !== 'none' && error instanceof JvmExitedError && archiveMayBeWhy(error, output)) {
      await archive.discard(error.message.split('\n')[0] ?? 'the JVM exited');
      return launch(options, port, spawned, false);
    }
    throw error;
  }
  log.info({ uri, pid: child.pid }, 'local Neo4j is ready');
  return { logFile };
}

/**
 * The configuration of the local server. Besides ports and folders, it is the last line of defence of
 * the analyst `cypher` field (the guard and the plan check come first): LOAD CSV can read no file
 * (file URLs off, and an import folder that is empty) and open no connection (every address
 * blocked), and every transaction is bounded in time and memory even if a client sets no timeout.
 */
export function neo4jConf(
  port: number,
  dirs: { data: string; logs: string },
  pageCache: string,
  heap = '512m',
): string {
  // Emptied and recreated at every start: nothing put there survives a restart.
  const importDir = path.join(path.dirname(dirs.data), 'import');
  rmSync(importDir, { recursive: true, force: true });
  mkdirSync(importDir, { recursive: true });
  const heapMb = megabytes(heap);
  return [
    '# Written by hitech-kg at every start; edits are overwritten.',
    `server.bolt.listen_address=127.0.0.1:${port}`,
    `server.bolt.advertised_address=127.0.0.1:${port}`,
    'server.http.enabled=false',
    'server.https.enabled=false',
    // Loopback only, started and owned by this process: no password to manage.
    'dbms.security.auth_enabled=false',
    'dbms.usage_report.enabled=false',
    `server.directories.data=${dirs.data}`,
    `server.directories.logs=${dirs.logs}`,
    `server.directories.import=${importDir}`,
    'dbms.security.allow_csv_import_from_file_urls=false',
    // LOAD CSV (and any other Cypher) may not connect anywhere: every IPv4 and IPv6 address.
    'internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0',
    // A default for transactions whose client sets no timeout; ours always set theirs
    // (NEO4J_QUERY_TIMEOUT_MS, CYPHER_TIMEOUT_MS), which take precedence.
    'db.transaction.timeout=60s',
    // A client's Neo4j-Bookmark header makes a request wait for that transaction; a forged one from the
    // future would hold a connection for the default 30 s.
    'db.transaction.bookmark_ready_timeout=2s',
    // One transaction may use a quarter of the heap, all of them together 60 %: a greedy query
    // fails with a memory-limit error instead of pushing the JVM into back-to-back GC.
    `db.memory.transaction.max=${Math.max(32, Math.floor(heapMb / 4))}m`,
    `db.memory.transaction.total.max=${Math.max(64, Math.floor(heapMb * 0.6))}m`,
    `server.memory.pagecache.size=${pageCache}`,
    'db.tx_log.rotation.retention_policy=2 files',
    // Netty's default quiet periods make a clean stop take ten seconds; we own the only client.
    'internal.dbms.bolt.netty_server_shutdown_quiet_period=0',
    'internal.dbms.bolt.netty_server_shutdown_timeout=2',
    '',
  ].join('\n');
}

/** 512m, 1g, 65536k as megabytes. */
function megabytes(size: string): number {
  const match = /^(\d+)([kmg])$/i.exec(size.trim());
  if (!match) return 512;
  const unit = (match[2] ?? 'm').toLowerCase();
  return Number(match[1]) * (unit === 'g' ? 1024 : unit === 'k' ? 1 / 1024 : 1);
}

/**
 * What the JVM may see of our environment: only what Java and the OS need. Never API keys, the Neo4j
 * password or any other variable of ours, which LOAD CSV or a plugin could otherwise read from
 * /proc/self/environ.
 */
export function jvmEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = Object.entries(env).filter(
    ([name, value]) =>
      value !== undefined && (/^(PATH|JAVA_HOME|HOME|LANG|TZ|TMPDIR)$/.test(name) || name.startsWith('LC_')),
  );
  return Object.fromEntries(kept);
}

/** The Neo4j another live process of ours runs on this store, if it answers. */
async function runningNeo4j(
  pidFile: string,
): Promise<{ uri: string; ownerPid: number; javaPid: number } | null> {
  if (!existsSync(pidFile)) return null;
  try {
    const { ownerPid, javaPid, port } = JSON.parse(await readFile(pidFile, 'utf8')) as Record<string, number>;
    if (!ownerPid || !javaPid || !port || !isAlive(ownerPid) || ownerPid === process.pid) return null;
    const uri = `bolt://127.0.0.1:${port}`;
    const neo4j = await loadDriver();
    const driver = neo4j.driver(uri, NO_AUTH, { connectionTimeout: 2000 });
    try {
      await driver.verifyConnectivity();
      return { uri, ownerPid, javaPid };
    } finally {
      await driver.close();
    }
  } catch {
    return null;
  }
}

const alreadyRunning = (dataDir: string, ownerPid?: number) =>
  new Neo4jUnavailableError(
    `Neo4j for ${dataDir} is already running, ${ownerPid ? `owned by process ${ownerPid}` : 'or another start is taking it just now'} (another \`npm start\`?). ` +
      'Stop that process first, or give this one its own store and port: DATA_DIR=.data-2 PORT=4001 npm start',
  );

/**
 * Makes the store this start's before anything is written to it: the pid file, created only if absent
 * (two starts at once both find none in refuseIfAlreadyRunning; one of them creates it, the other is
 * refused here). Its JVM's pid and port are added once it is spawned.
 */
export async function claimStore(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'neo4j.pid');
  const claim = JSON.stringify({ ownerPid: process.pid, claim: randomUUID() });
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(pidFile, claim, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === 2) throw error;
    }
    // Another start made it just now (this process's too: each claim is its own), or a dead one left it.
    let ownerPid: number;
    try {
      ownerPid = Number((JSON.parse(await readFile(pidFile, 'utf8')) as { ownerPid?: number }).ownerPid);
    } catch {
      // Not written yet: the start that created it is alive.
      throw alreadyRunning(dataDir);
    }
    if (ownerPid > 0 && isAlive(ownerPid)) throw alreadyRunning(dataDir, ownerPid);
    await rm(pidFile, { force: true });
  }
}

async function refuseIfAlreadyRunning(pidFile: string, dataDir: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  try {
    const { ownerPid, javaPid } = JSON.parse(await readFile(pidFile, 'utf8')) as {
      ownerPid: number;
      javaPid: number;
    };
    if (isAlive(ownerPid) && ownerPid !== process.pid) throw alreadyRunning(dataDir, ownerPid);
    // The owner died without cleaning up; its JVM exits on its own once it notices, so wait for it.
    if (isAlive(javaPid)) await waitForExit(javaPid, 30_000);
  } catch (error) {
    if (error instanceof Neo4jUnavailableError) throw error;
  }
  await rm(pidFile, { force: true });
}

/** The folder of the cached classpath (and class-data archive) of this pom and watchdog. */
async function classpathCacheDir(): Promise<string> {
  const pomHash = createHash('sha1')
    .update(await readFile(POM))
    .update(await readFile(path.join(PROJECT_ROOT, 'neo4j/src/main/java/hitechkg/ParentWatchdog.java')))
    .digest('hex')
    .slice(0, 12);
  return path.join(os.homedir(), '.cache', 'hitech-kg', `neo4j-${NEO4J_VERSION}-${pomHash}`);
}

/** The cached classpath when every jar of it is still there, else null. */
async function cachedClasspath(): Promise<string | null> {
  const cacheFile = path.join(await classpathCacheDir(), 'classpath.txt');
  if (!existsSync(cacheFile)) return null;
  const cached = (await readFile(cacheFile, 'utf8')).trim();
  return cached.split(path.delimiter).every((entry) => existsSync(entry)) ? cached : null;
}

export async function resolveClasspath(
  log: Logger,
  javaHome: string | undefined,
): Promise<{ classpath: string; cacheDir: string }> {
  const cacheDir = await classpathCacheDir();
  const cacheFile = path.join(cacheDir, 'classpath.txt');
  const cached = await cachedClasspath();
  if (cached) return { classpath: cached, cacheDir };
  const missing = await localNeo4jPrerequisites(javaHome);
  if (missing) throw new Neo4jUnavailableError(`A local Neo4j needs ${missing}.`);

  log.info(
    `First run: downloading Neo4j ${NEO4J_VERSION} Community (about 100 MB) from Maven Central with Maven, ` +
      'because no NEO4J_URI is set and no Docker engine answers. This happens once; later starts reuse it.',
  );
  await mkdir(cacheDir, { recursive: true });
  const buildDir = path.join(cacheDir, 'build');
  const outputFile = path.join(cacheDir, 'dependencies.txt');
  try {
    await run(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        POM,
        `-DbuildDirectory=${buildDir}`,
        'package',
        'dependency:build-classpath',
        `-Dmdep.outputFile=${outputFile}`,
      ],
      { maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000 },
    );
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Neo4jUnavailableError(
      `Maven could not resolve Neo4j ${NEO4J_VERSION} from ${POM}:\n${lastLines(`${e.stdout ?? ''}${e.stderr ?? ''}`, 30) || e.message}`,
    );
  }
  const jar = path.join(buildDir, 'local-neo4j-1.0.0.jar');
  const classpath = [jar, (await readFile(outputFile, 'utf8')).trim()].join(path.delimiter);
  await writeFile(cacheFile, classpath);
  log.info('Neo4j %s resolved and cached in %s', NEO4J_VERSION, cacheDir);
  return { classpath, cacheDir };
}

/** The JVM stopped before it answered (as opposed to a timeout). */
class JvmExitedError extends Neo4jUnavailableError {
  constructor(
    message: string,
    readonly bySignal: boolean,
  ) {
    super(message);
  }
}

/**
 * Whether a JVM's death during start may be the class-data archive's doing: a crash (a signal, as
 * the SIGBUS of a truncated archive) or the JVM refusing its flags; not a locked store or a bad port,
 * for which deleting a good archive would only cost the next start.
 */
function archiveMayBeWhy(error: JvmExitedError, output: string[]): boolean {
  return (
    error.bySignal ||
    /Could not create the Java Virtual Machine|\[cds|shared archive|SharedArchiveFile|ArchiveClassesAtExit|hs_err_pid/i.test(
      output.join(''),
    )
  );
}

async function waitUntilReady(
  uri: string,
  child: ChildProcess,
  timeoutMs: number,
  tail: () => Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | null = null;
  let bySignal = false;
  child.once('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `exit code ${code}`;
    // The JVM reports a fatal error (hs_err) by aborting: SIGABRT, or exit code 134 through a shell.
    bySignal = signal !== null || code === 134;
  });
  const neo4j = await loadDriver();
  const driver = neo4j.driver(uri, NO_AUTH, { connectionTimeout: 2000, logging: undefined });
  try {
    while (Date.now() < deadline) {
      if (exited) {
        throw new JvmExitedError(
          `The local Neo4j stopped during start-up (${exited}).\n${await tail()}`,
          bySignal,
        );
      }
      try {
        await driver.verifyConnectivity();
        return;
      } catch {
        await sleep(READY_POLL_MS);
      }
    }
    throw new Neo4jUnavailableError(
      `The local Neo4j did not answer on ${uri} within ${Math.round(timeoutMs / 1000)} s ` +
        `(raise NEO4J_STARTUP_TIMEOUT_MS on a slow machine).\n${await tail()}`,
    );
  } finally {
    await driver.close();
  }
}

async function stopChild(child: ChildProcess, killAfterMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(timer);
}

async function tailOf(logFile: string, output: string[]): Promise<string> {
  const fromLog = existsSync(logFile) ? lastLines(await readFile(logFile, 'utf8'), 25) : '';
  const fromConsole = lastLines(output.join(''), 15);
  return [
    fromLog && `Last lines of ${logFile}:\n${fromLog}`,
    fromConsole && `Last lines of the JVM's output:\n${fromConsole}`,
  ]
    .filter(Boolean)
    .join('\n');
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/** Whether another process listens on this loopback port (a bind fails with EADDRINUSE). */
async function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

export function javaCommand(home: string | undefined): string {
  return home && existsSync(path.join(home, 'bin', 'java')) ? path.join(home, 'bin', 'java') : 'java';
}

async function javaMajorVersion(javaHome: string | undefined): Promise<number | null> {
  const version = await javaVersionText(javaHome);
  const match = version && /version "(\d+)(?:\.(\d+))?/.exec(version);
  if (!match) return null;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

const javaVersions = new Map<string, Promise<string | null>>();

/** What `java -version` prints (asked once per process and Java), or null when it does not run. */
function javaVersionText(javaHome: string | undefined): Promise<string | null> {
  const command = javaCommand(javaHome);
  let version = javaVersions.get(command);
  if (!version) {
    version = run(command, ['-version']).then(
      ({ stderr, stdout }) => `${stderr}${stdout}`.trim(),
      () => null,
    );
    javaVersions.set(command, version);
  }
  return version;
}

async function commandWorks(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args, { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** Whether a process of this pid exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
