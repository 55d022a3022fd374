/**
 * What the offline bulk path does around the importer (src/cli/bulk-offline.ts) that needs no Neo4j:
 * the crash reports a JVM leaves. The import itself, its interruption and its graph are tested in
 * tests/integration/bulk-import.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  collectJvmCrashReports,
  describeOfflineTimes,
  stagingDirectory,
} from '../../src/cli/bulk-offline.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-bulk-offline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('collectJvmCrashReports', () => {
  it("moves the hs_err_pid*.log files a JVM left in the store's folders into the logs folder, and names them", async () => {
    const neo4jDir = path.join(dir, 'neo4j');
    const staging = stagingDirectory(neo4jDir);
    mkdirSync(staging, { recursive: true });
    writeFileSync(path.join(neo4jDir, 'hs_err_pid123.log'), 'server');
    writeFileSync(path.join(staging, 'hs_err_pid456.log'), 'staging server');
    writeFileSync(path.join(neo4jDir, 'neo4j.pid'), '{}');
    const logs = path.join(neo4jDir, 'logs');
    const moved = await collectJvmCrashReports([neo4jDir, staging], logs);
    expect(moved.sort()).toEqual([
      path.join(logs, 'hs_err_pid123.log'),
      path.join(logs, 'hs_err_pid456.log'),
    ]);
    expect(existsSync(path.join(neo4jDir, 'hs_err_pid123.log'))).toBe(false);
    // Nothing else is touched; a folder that does not exist has none.
    expect(existsSync(path.join(neo4jDir, 'neo4j.pid'))).toBe(true);
    expect(await collectJvmCrashReports([path.join(dir, 'none')], logs)).toEqual([]);
  });
});

describe('describeOfflineTimes', () => {
  const times = { files: 1.25, importer: 3.75, finish: 10 };
  it("names the importer phase's rate and parts, and their CPU time when measured", () => {
    const text = describeOfflineTimes(100_000, { ...times, filesCpu: 1.1, importerCpu: 3.7 }, 20);
    expect(text).toMatch(/importer phase: 100000 relationships in 5\.0 s = 20,000 relationships\/s/);
    expect(text).toMatch(/\(CSV files 1\.3 s, neo4j-admin 3\.8 s\)/);
    expect(text).toMatch(/its CPU time: CSV files 1\.1 s, neo4j-admin 3\.7 s/);
    expect(describeOfflineTimes(1, { ...times, filesCpu: 1, importerCpu: null }, 20)).toMatch(
      /neo4j-admin not known/,
    );
    expect(describeOfflineTimes(1, times, 20)).not.toMatch(/CPU/);
  });
});
