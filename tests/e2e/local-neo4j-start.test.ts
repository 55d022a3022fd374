/**
 * The local Neo4j's class-data archive with a real JVM: the first start records it (written when Neo4j
 * stops), the next maps it, and a damaged one neither fails a start nor is handed to the JVM (a
 * truncated archive crashes it); it is recorded again instead. Unit-level cases (key changes, killed
 * writers, one recorder at a time): tests/unit/class-data-archive.test.ts.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startLocalNeo4j } from '../../src/neo4j/local-neo4j.ts';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-start-'));
const archiveDir = path.join(workDir, 'class-data');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Starts Neo4j on the test's store, runs a query, stops it; returns what it logged. */
async function startAndStop(
  javaHome = loadConfig().neo4j.javaHome,
): Promise<{ msg: string; classData?: string }[]> {
  const lines: { msg: string; classData?: string }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line)),
      );
      done();
    },
  });
  const server = await startLocalNeo4j({
    dataDir: path.join(workDir, 'neo4j'),
    heap: '384m',
    pageCache: '64m',
    startupTimeoutMs: 300_000,
    log: pino({ level: 'info' }, sink),
    javaHome,
    environment: process.env,
    classDataDir: archiveDir,
  });
  const driver = neo4j.driver(server.uri, neo4j.auth.basic('', ''));
  try {
    const { records } = await driver.executeQuery('RETURN 1 + 1 AS two');
    expect(records[0]?.get('two').toNumber()).toBe(2);
  } finally {
    await driver.close();
    await server.stop();
  }
  return lines;
}

const modeOf = (lines: { msg: string; classData?: string }[]) =>
  lines.find((line) => line.msg.startsWith('starting local Neo4j'))?.classData;
const archives = () =>
  existsSync(archiveDir) ? readdirSync(archiveDir).filter((f) => f.endsWith('.jsa')) : [];

describe('class-data archive of a real local Neo4j', () => {
  it('is recorded by the first start, used by the next, and replaced when damaged', {
    timeout: 900_000,
  }, async () => {
    const first = await startAndStop();
    expect(modeOf(first)).toBe('record');
    expect(first.map((line) => line.msg)).toContain(
      'class-data archive written: later starts of Neo4j load its classes from it',
    );
    expect(archives()).toHaveLength(1);
    const archive = path.join(archiveDir, archives()[0] ?? '');

    expect(modeOf(await startAndStop())).toBe('use');

    // Truncated, as by a full disk: the JVM would die of SIGBUS mapping it.
    writeFileSync(archive, readFileSync(archive).subarray(0, 1_000_000));
    const afterDamage = await startAndStop();
    expect(afterDamage.some((line) => line.msg.startsWith('the class-data archive is damaged'))).toBe(true);
    expect(modeOf(afterDamage)).toBe('record');
    expect(readFileSync(archive).length).toBeGreaterThan(1_000_000);
  });

  it('starts Neo4j without an archive the JVM refuses, and deletes that archive', {
    timeout: 900_000,
  }, async () => {
    // An archive that passes our checks (its magic number, its recorded size) but not the JVM's; the
    // JVM is made strict (-Xshare:on), so that it exits instead of ignoring it.
    const [archive] = archives();
    const file = path.join(archiveDir, archive ?? 'neo4j-missing.jsa');
    const bytes = Buffer.alloc(readFileSync(file).length);
    readFileSync(file).copy(bytes, 0, 0, 4);
    writeFileSync(file, bytes);
    const javaHome = path.join(workDir, 'strict-java');
    mkdirSync(path.join(javaHome, 'bin'), { recursive: true });
    const configured = loadConfig().neo4j.javaHome;
    const java = configured
      ? path.join(configured, 'bin', 'java')
      : execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(javaHome, 'bin', 'java'), `#!/bin/sh\nexec "${java}" -Xshare:on "$@"\n`);
    chmodSync(path.join(javaHome, 'bin', 'java'), 0o755);

    const lines = await startAndStop(javaHome);
    expect(modeOf(lines)).toBe('use');
    expect(lines.map((line) => line.msg)).toContain(
      'Neo4j did not start with its class-data archive: deleting it',
    );
    expect(
      lines.filter((line) => line.msg.startsWith('starting local Neo4j')).map((line) => line.classData),
    ).toEqual(['use', 'none']);
    expect(existsSync(file)).toBe(false);
  });
});
