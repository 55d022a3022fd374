/**
 * What the offline bulk path does around the importer (src/cli/bulk-offline.ts) that needs no Neo4j:
 * the crash reports a JVM leaves. The import itself, its interruption and its graph are tested in
 * tests/integration/bulk-import.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectJvmCrashReports, stagingDirectory } from '../../src/cli/bulk-offline.ts';

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
