/**
 * A class-data-sharing archive (AppCDS) of the local Neo4j's classes: the JVM maps Neo4j's ~200 jars'
 * classes already parsed and verified instead of loading them one by one, which halves the JVM's part
 * of a start (docs/benchmarks.md, "Start on an existing store").
 *
 * - One archive per Java build, classpath and JVM flags (a hash of the three names the file), kept
 *   in `dir` (next to the cached classpath). The KEPT_ARCHIVES last used are kept (about 125 MiB each):
 *   servers with different heaps (the test suite starts three kinds) would otherwise replace each
 *   other's archive at every start, and every start would record one.
 * - A start without an archive records one: the JVM runs with -XX:ArchiveClassesAtExit and writes the
 *   archive when it exits normally (our SIGTERM). It writes to a temporary file of this process, which
 *   becomes the archive only after a clean exit, so a killed JVM never leaves half an archive. Only one
 *   process records at a time (a live temporary file of another process means: start plainly).
 * - An archive is used only when its size is the one recorded beside it and it starts with the
 *   archive's magic number: a truncated archive makes the JVM crash (SIGBUS) rather than ignore it.
 *   A damaged one is deleted, and the start runs without it (and records a new one).
 * Nothing here ever fails a start: any error means a plain start, logged with its reason.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';

/** The first four bytes of a dynamic (top-layer) CDS archive, little-endian 0xf00baba8. */
const DYNAMIC_ARCHIVE_MAGIC = Buffer.from([0xa8, 0xab, 0x0b, 0xf0]);
const PREFIX = 'neo4j-';
/** Archives kept in `dir`, the most recently used first; older ones are removed. */
export const KEPT_ARCHIVES = 4;

export interface ClassDataArchiveKey {
  /** What `java -version` prints: another Java build needs another archive. */
  javaVersion: string;
  classpath: string;
  /** The JVM's other flags (heap size, GC…), which the archive must agree with. */
  jvmArgs: string[];
}

export interface ClassDataArchivePlan {
  /** 'use': the JVM loads the archive; 'record': it writes one at exit; 'none': a plain start. */
  mode: 'use' | 'record' | 'none';
  /** The JVM flags for this mode (none for 'none'). */
  args: string[];
  archiveFile: string | null;
  /** After the JVM exited: keeps a recorded archive (or drops a failed one). Never throws. */
  settle(exit: { code: number | null; signal: NodeJS.Signals | null }): Promise<void>;
  /** The JVM could not start with this archive: delete it, so that the next start goes without. */
  discard(reason: string): Promise<void>;
}

export function archiveKey(key: ClassDataArchiveKey): string {
  return createHash('sha256')
    .update(key.javaVersion)
    .update('\0')
    .update(key.classpath)
    .update('\0')
    .update(key.jvmArgs.join('\n'))
    .digest('hex')
    .slice(0, 16);
}

/** The plan for one JVM start; `dir` null means class-data sharing is off. */
export async function planClassDataArchive(
  dir: string | null,
  key: ClassDataArchiveKey,
  log: Logger,
): Promise<ClassDataArchivePlan> {
  if (!dir) return plain();
  try {
    await mkdir(dir, { recursive: true });
    const name = `${PREFIX}${archiveKey(key)}.jsa`;
    const archiveFile = path.join(dir, name);
    const problem = await archiveProblem(archiveFile);
    if (problem === null) {
      // Its time of use, by which the least recently used archives are removed (keepRecording).
      const now = new Date();
      await utimes(archiveFile, now, now).catch(() => {});
      return {
        mode: 'use',
        args: [`-XX:SharedArchiveFile=${archiveFile}`],
        archiveFile,
        settle: async () => {},
        discard: async (reason) => {
          log.warn({ archiveFile, reason }, 'Neo4j did not start with its class-data archive: deleting it');
          await removeArchive(archiveFile);
        },
      };
    }
    if (problem !== 'missing') {
      log.warn({ archiveFile, problem }, 'the class-data archive is damaged (%s): deleting it', problem);
      await removeArchive(archiveFile);
    }
    if (await anotherRecording(dir, name)) {
      log.info('another process is recording the class-data archive: starting Neo4j without one');
      return plain();
    }
    const recording = `${archiveFile}.${process.pid}.tmp`;
    await rm(recording, { force: true });
    log.info(
      { archiveFile },
      'no class-data archive for this Java and Neo4j yet: this start records one when Neo4j stops ' +
        '(that stop takes a few seconds longer, once); later starts load its classes from it',
    );
    return {
      mode: 'record',
      args: [`-XX:ArchiveClassesAtExit=${recording}`],
      archiveFile,
      settle: (exit) => keepRecording(recording, archiveFile, dir, exit, log),
      discard: async (reason) => {
        log.warn(
          { reason },
          'Neo4j did not start while recording its class-data archive: starting it without',
        );
        await rm(recording, { force: true });
      },
    };
  } catch (error) {
    log.warn({ err: error, dir }, 'class-data archive unavailable: starting Neo4j without one');
    return plain();
  }
}

/**
 * The most recently used sound archive in `dir`, whichever JVM flags it was recorded with, or null.
 * For a JVM that only borrows one (the offline importer, neo4j/offline-import.ts): it runs the same
 * classpath with other flags, and a dynamic archive maps under other heap and GC flags; one made for
 * another Java or classpath is ignored by the JVM (a warning, then a plain start). Never throws.
 */
export async function newestUsableArchive(dir: string | null): Promise<string | null> {
  if (!dir) return null;
  try {
    for (const file of await archivesByUse(dir)) if ((await archiveProblem(file)) === null) return file;
  } catch {
    // No folder, or one being cleaned up: no archive.
  }
  return null;
}

function plain(): ClassDataArchivePlan {
  return { mode: 'none', args: [], archiveFile: null, settle: async () => {}, discard: async () => {} };
}

/** Why `file` cannot be used, or null when it can. */
async function archiveProblem(file: string): Promise<string | null> {
  if (!existsSync(file)) return 'missing';
  let recorded: number | undefined;
  try {
    recorded = (JSON.parse(await readFile(`${file}.json`, 'utf8')) as { size?: number }).size;
  } catch {
    return 'no record of its size beside it';
  }
  const { size } = await stat(file);
  if (size !== recorded) return `${size} bytes, ${recorded} when it was written`;
  return (await archiveHead(file)) ? null : 'not a class-data archive';
}

/** Whether a live process other than us is recording the archive `name` now (stale files are removed). */
async function anotherRecording(dir: string, name: string): Promise<boolean> {
  let busy = false;
  for (const entry of await readdir(dir)) {
    if (!entry.startsWith(`${name}.`) || !entry.endsWith('.tmp')) continue;
    const pid = Number(entry.slice(name.length + 1, -'.tmp'.length));
    if (pid !== process.pid && isAlive(pid)) busy = true;
    else await rm(path.join(dir, entry), { force: true });
  }
  return busy;
}

/** The archive files in `dir`, most recently used first (their use touches them). */
async function archivesByUse(dir: string): Promise<string[]> {
  const archives: { file: string; used: number }[] = [];
  for (const entry of await readdir(dir)) {
    if (!entry.startsWith(PREFIX) || !entry.endsWith('.jsa')) continue;
    const file = path.join(dir, entry);
    archives.push({ file, used: (await stat(file)).mtimeMs });
  }
  return archives.sort((a, b) => b.used - a.used).map((a) => a.file);
}

/** Removes the archives past the KEPT_ARCHIVES most recently used. */
async function removeLeastRecentlyUsed(dir: string): Promise<void> {
  for (const file of (await archivesByUse(dir)).slice(KEPT_ARCHIVES)) await removeArchive(file);
}

async function keepRecording(
  recording: string,
  archiveFile: string,
  dir: string,
  exit: { code: number | null; signal: NodeJS.Signals | null },
  log: Logger,
): Promise<void> {
  try {
    // A JVM ended by SIGTERM exits 143 after its shutdown hooks (and the dump); a signal it did not
    // handle (SIGKILL) leaves a partial file at best.
    const clean = exit.signal === null && (exit.code === 0 || exit.code === 143);
    if (!clean || !existsSync(recording)) {
      if (existsSync(recording))
        log.warn({ exit }, 'Neo4j did not exit cleanly: its class-data archive is dropped');
      await rm(recording, { force: true });
      return;
    }
    const { size } = await stat(recording);
    if (size === 0 || !(await archiveHead(recording))) {
      log.warn({ size }, 'the recorded class-data archive is not one: dropped');
      await rm(recording, { force: true });
      return;
    }
    await rename(recording, archiveFile);
    await writeFile(`${archiveFile}.json`, JSON.stringify({ size, writtenAt: new Date().toISOString() }));
    await removeLeastRecentlyUsed(dir);
    log.info(
      { archiveFile, mebibytes: Math.round(size / 2 ** 20) },
      'class-data archive written: later starts of Neo4j load its classes from it',
    );
  } catch (error) {
    log.warn({ err: error }, 'could not keep the class-data archive');
    await rm(recording, { force: true }).catch(() => {});
  }
}

async function archiveHead(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(DYNAMIC_ARCHIVE_MAGIC);
  } finally {
    await handle.close();
  }
}

async function removeArchive(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.json`, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
