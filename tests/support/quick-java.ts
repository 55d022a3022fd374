/**
 * A JAVA_HOME for the short-lived Neo4j JVMs the tests start (fault, outage, server-process and
 * round-trip tests, the bench's own): its bin/java runs the real java with the C1 compiler only
 * (-XX:TieredStopAtLevel=1), which starts Neo4j on about 40 % less CPU (11 s → 7 s per start,
 * measured on this project's 2-core machine). These JVMs live for seconds to a minute, so the optimising
 * compiler never pays for itself; the suite starts about fifteen of them. The shared, long-lived test
 * Neo4j keeps the ordinary java: it runs every graph test's queries.
 *
 * The wrapper `exec`s java, so the JVM keeps the pid the server records in its pid file (the fault
 * tests signal that pid) and its command line still names the store.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const QUICK_JAVA_FLAGS = ['-XX:TieredStopAtLevel=1'];

/**
 * Writes the wrapper into a new temporary folder and returns that folder (a JAVA_HOME), or undefined
 * when the wrapper cannot run (a temporary folder mounted noexec, say): then the tests use the
 * ordinary java, only more slowly.
 */
export function quickJavaHome(javaHome: string | undefined): string | undefined {
  const real =
    javaHome && existsSync(path.join(javaHome, 'bin', 'java')) ? path.join(javaHome, 'bin', 'java') : 'java';
  const home = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-test-java-'));
  mkdirSync(path.join(home, 'bin'));
  const script = path.join(home, 'bin', 'java');
  const quoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(script, `#!/bin/sh\nexec ${quoted(real)} ${QUICK_JAVA_FLAGS.join(' ')} "$@"\n`);
  chmodSync(script, 0o755);
  try {
    execFileSync(script, ['-version'], { stdio: 'ignore', timeout: 60_000 });
  } catch {
    rmSync(home, { recursive: true, force: true });
    return undefined;
  }
  return home;
}
