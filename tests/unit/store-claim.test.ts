/**
 * Two starts on one DATA_DIR at once (outside attack, session 7): both found no pid file, both unpacked
 * the shipped store into it, and one hung on a Neo4j the other had reconfigured. The store is now claimed
 * by creating the pid file only if absent, before anything is written (local-neo4j.ts, claimStore).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimStore } from '../../src/neo4j/local-neo4j.ts';

const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'store-claim-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('claimStore', () => {
  it('lets one of two starts at once have the store; the other is refused with the clear message', async () => {
    const dir = newDir();
    const outcomes = await Promise.allSettled([claimStore(dir), claimStore(dir)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(String(refused?.reason)).toMatch(/Neo4j for .* is already running, owned by process \d+/);
    expect(JSON.parse(readFileSync(path.join(dir, 'neo4j.pid'), 'utf8')).ownerPid).toBe(process.pid);
  });

  it('takes over the pid file of a process that is gone, and refuses one of a live process', async () => {
    const dir = newDir();
    const pidFile = path.join(dir, 'neo4j.pid');
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(pidFile, JSON.stringify({ ownerPid: gone.pid }));
    await claimStore(dir);
    expect(JSON.parse(readFileSync(pidFile, 'utf8')).ownerPid).toBe(process.pid);

    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(pidFile, JSON.stringify({ ownerPid: live.pid }));
      await expect(claimStore(dir)).rejects.toThrow(`owned by process ${live.pid}`);
    } finally {
      live.kill();
    }
  });
});
