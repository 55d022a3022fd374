/**
 * The bookkeeping of the local Neo4j's class-data archive and of its unsigned jars, on files alone.
 * The same with a real JVM: tests/e2e/local-neo4j-start.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import {
  archiveKey,
  KEPT_ARCHIVES,
  newestUsableArchive,
  planClassDataArchive,
} from '../../src/neo4j/class-data-archive.ts';
import { withoutSignature } from '../../src/neo4j/unsigned-jars.ts';

const log = createLogger('silent');
const key = { javaVersion: 'openjdk version "17.0.15"', classpath: '/a.jar:/b.jar', jvmArgs: ['-Xmx512m'] };
/** What a JVM writes: the dynamic archive's magic number, then anything. */
const ARCHIVE = Buffer.concat([Buffer.from([0xa8, 0xab, 0x0b, 0xf0]), Buffer.alloc(1000, 7)]);
const cleanExit = { code: 143, signal: null };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-cds-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Plays the JVM of a 'record' plan: writes the archive where -XX:ArchiveClassesAtExit says. */
function writeLikeTheJvm(args: string[], bytes = ARCHIVE): void {
  const file = args[0]?.replace('-XX:ArchiveClassesAtExit=', '') ?? '';
  writeFileSync(file, bytes);
}

describe('class-data archive', () => {
  it('is recorded by a first start that exits cleanly, then used by the next', async () => {
    const first = await planClassDataArchive(dir, key, log);
    expect(first.mode).toBe('record');
    expect(first.args[0]).toMatch(/^-XX:ArchiveClassesAtExit=.*\.tmp$/);
    writeLikeTheJvm(first.args);
    await first.settle(cleanExit);

    const second = await planClassDataArchive(dir, key, log);
    expect(second.mode).toBe('use');
    expect(second.args).toEqual([`-XX:SharedArchiveFile=${second.archiveFile}`]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('drops what a JVM killed while writing left, and records again next time', async () => {
    const first = await planClassDataArchive(dir, key, log);
    writeLikeTheJvm(first.args, ARCHIVE.subarray(0, 100));
    await first.settle({ code: null, signal: 'SIGKILL' });
    expect(readdirSync(dir)).toEqual([]);
    expect((await planClassDataArchive(dir, key, log)).mode).toBe('record');
  });

  it('is made afresh for another Java, classpath or JVM flags; the last KEPT_ARCHIVES used are kept', async () => {
    const recordFor = async (k: typeof key) => {
      const plan = await planClassDataArchive(dir, k, log);
      expect(plan.mode).toBe('record');
      writeLikeTheJvm(plan.args);
      await plan.settle(cleanExit);
      return path.basename(plan.archiveFile ?? '');
    };
    const archives = () =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.jsa'))
        .sort();
    const first = await recordFor(key);
    const changed = [
      { ...key, javaVersion: 'openjdk version "21.0.2"' },
      { ...key, classpath: '/a.jar:/c.jar' },
      { ...key, jvmArgs: ['-Xmx1g'] },
    ];
    const others: string[] = [];
    for (const k of changed) {
      expect(archiveKey(k)).not.toBe(archiveKey(key));
      others.push(await recordFor(k));
    }
    // Servers with other heaps (the suite's kinds of JVM) keep their archives side by side.
    expect(archives()).toEqual([first, ...others].sort());
    expect((await planClassDataArchive(dir, key, log)).mode).toBe('use');
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(KEPT_ARCHIVES);

    // One more key: the least recently used archive goes (not `first`, which was just used).
    await new Promise((r) => setTimeout(r, 20));
    const fifth = await recordFor({ ...key, jvmArgs: ['-Xmx2g'] });
    expect(archives()).toHaveLength(KEPT_ARCHIVES);
    expect(archives()).toContain(first);
    expect(archives()).toContain(fifth);
    expect(archives()).not.toContain(others[0]);
  });

  it('deletes a truncated or foreign archive instead of handing it to the JVM (which crashes on a truncated one)', async () => {
    for (const damage of [
      (file: string) => writeFileSync(file, readFileSync(file).subarray(0, 500)),
      (file: string) => writeFileSync(file, Buffer.alloc(ARCHIVE.length, 1)),
      (file: string) => rmSync(`${file}.json`),
    ]) {
      const first = await planClassDataArchive(dir, key, log);
      writeLikeTheJvm(first.args);
      await first.settle(cleanExit);
      damage(first.archiveFile ?? '');
      const next = await planClassDataArchive(dir, key, log);
      expect(next.mode).toBe('record');
      expect(existsSync(first.archiveFile ?? '')).toBe(false);
      await next.discard('test');
    }
  });

  it('lets one process record at a time: another live recorder means a plain start', async () => {
    const name = `neo4j-${archiveKey(key)}.jsa`;
    writeFileSync(path.join(dir, `${name}.${process.ppid}.tmp`), 'in progress');
    expect((await planClassDataArchive(dir, key, log)).mode).toBe('none');
    // A recorder that died left its file behind: removed, and this start records.
    rmSync(path.join(dir, `${name}.${process.ppid}.tmp`));
    writeFileSync(path.join(dir, `${name}.999999999.tmp`), 'stale');
    expect((await planClassDataArchive(dir, key, log)).mode).toBe('record');
    expect(existsSync(path.join(dir, `${name}.999999999.tmp`))).toBe(false);
  });

  it("lends the most recently used sound archive to a JVM that only borrows one (the importer's)", async () => {
    expect(await newestUsableArchive(dir)).toBeNull();
    expect(await newestUsableArchive(null)).toBeNull();
    expect(await newestUsableArchive(path.join(dir, 'none'))).toBeNull();
    const recordFor = async (k: typeof key) => {
      const plan = await planClassDataArchive(dir, k, log);
      writeLikeTheJvm(plan.args);
      await plan.settle(cleanExit);
      return plan.archiveFile ?? '';
    };
    const older = await recordFor(key);
    const newer = await recordFor({ ...key, jvmArgs: ['-Xmx2g'] });
    const { utimesSync } = await import('node:fs');
    utimesSync(older, new Date(1_000), new Date(1_000));
    expect(await newestUsableArchive(dir)).toBe(newer);
    // A damaged one (not the size written beside it) is passed over, never handed to a JVM.
    writeFileSync(newer, ARCHIVE.subarray(0, 10));
    expect(await newestUsableArchive(dir)).toBe(older);
  });

  it('is off with no folder, and never fails a start when its folder cannot be made', async () => {
    expect((await planClassDataArchive(null, key, log)).mode).toBe('none');
    writeFileSync(path.join(dir, 'file'), '');
    expect((await planClassDataArchive(path.join(dir, 'file', 'sub'), key, log)).mode).toBe('none');
  });
});

/** A stored (uncompressed) zip of these entries, as a jar tool writes one. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(header, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Name → content of each entry of a stored zip, read through its central directory. */
function unzip(jar: Buffer): Record<string, string> {
  const end = jar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries: Record<string, string> = {};
  let at = jar.readUInt32LE(end + 16);
  for (let i = 0; i < jar.readUInt16LE(end + 10); i++) {
    const nameLength = jar.readUInt16LE(at + 28);
    const name = jar.toString('utf8', at + 46, at + 46 + nameLength);
    const local = jar.readUInt32LE(at + 42);
    const start = local + 30 + jar.readUInt16LE(local + 26) + jar.readUInt16LE(local + 28);
    entries[name] = jar.toString('utf8', start, start + jar.readUInt32LE(at + 20));
    at += 46 + nameLength + jar.readUInt16LE(at + 30) + jar.readUInt16LE(at + 32);
  }
  return entries;
}

describe('unsigned jars', () => {
  it('drops the signature files of a signed jar and keeps every other entry intact', () => {
    const signed = zip({
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n',
      'META-INF/ECLIPSE_.SF': 'signature',
      'META-INF/ECLIPSE_.RSA': 'certificate',
      'org/example/A.class': 'class A',
      'META-INF/services/x.Y': 'x.Z\n',
    });
    expect(unzip(withoutSignature(signed) ?? Buffer.alloc(0))).toEqual({
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n',
      'org/example/A.class': 'class A',
      'META-INF/services/x.Y': 'x.Z\n',
    });
  });

  it('leaves an unsigned jar alone', () => {
    expect(withoutSignature(zip({ 'org/example/A.class': 'class A' }))).toBeNull();
    expect(withoutSignature(Buffer.from('not a zip'))).toBeNull();
  });
});
