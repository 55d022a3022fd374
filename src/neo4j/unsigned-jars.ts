/**
 * The local Neo4j's classpath with unsigned copies of its signed jars (eclipse-collections, 12 MB).
 * A signed jar costs every start twice: the JVM checks the digest of its whole manifest as soon as
 * anything reads it (the ServiceLoader does, at start), and class-data sharing leaves the classes of
 * signed jars out of the archive, so they are loaded and verified one by one. Without the signature
 * files the same classes load from the archive: measured, a JVM start 31 s → 18 s at load 25
 * (docs/benchmarks.md). The signatures only prove where the jars came from, which Maven checked
 * when it downloaded them (its checksums), and nothing in Neo4j asks for them.
 *
 * The copies live in `<cacheDir>/unsigned/`, made once; the result is cached beside the classpath.
 * Any problem means the original classpath, with a warning: this can never fail a start.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';

const SIGNATURE_FILE = /^META-INF\/[^/]+\.(SF|RSA|DSA|EC)$/i;

export async function withUnsignedJars(classpath: string, cacheDir: string, log: Logger): Promise<string> {
  const cacheFile = path.join(cacheDir, 'classpath-unsigned.json');
  try {
    if (existsSync(cacheFile)) {
      const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as { source?: string; classpath?: string };
      if (
        cached.source === classpath &&
        cached.classpath?.split(path.delimiter).every((entry) => existsSync(entry))
      ) {
        return cached.classpath;
      }
    }
    const unsignedDir = path.join(cacheDir, 'unsigned');
    await mkdir(unsignedDir, { recursive: true });
    const entries: string[] = [];
    for (const entry of classpath.split(path.delimiter)) {
      const stripped = entry.endsWith('.jar') ? withoutSignature(await readFile(entry)) : null;
      if (!stripped) {
        entries.push(entry);
        continue;
      }
      const copy = path.join(unsignedDir, path.basename(entry));
      await writeFile(`${copy}.tmp`, stripped);
      await rename(`${copy}.tmp`, copy);
      entries.push(copy);
    }
    const result = entries.join(path.delimiter);
    await writeFile(cacheFile, JSON.stringify({ source: classpath, classpath: result }));
    return result;
  } catch (error) {
    log.warn({ err: error }, 'could not make unsigned copies of signed jars: using them as they are');
    return classpath;
  }
}

/**
 * The zip `jar` without its signature files, or null when it has none (or is a zip64 archive, which
 * no jar of ours is). Entries are copied byte for byte, data descriptors included; only offsets change.
 */
export function withoutSignature(jar: Buffer): Buffer | null {
  const end = jar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return null;
  const count = jar.readUInt16LE(end + 10);
  const directoryOffset = jar.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) return null;

  const entries: { name: string; offset: number; header: Buffer }[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (jar.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = jar.readUInt16LE(at + 28);
    const size = 46 + nameLength + jar.readUInt16LE(at + 30) + jar.readUInt16LE(at + 32);
    entries.push({
      name: jar.toString('utf8', at + 46, at + 46 + nameLength),
      offset: jar.readUInt32LE(at + 42),
      header: Buffer.from(jar.subarray(at, at + size)),
    });
    at += size;
  }
  if (!entries.some((entry) => SIGNATURE_FILE.test(entry.name))) return null;

  // Each entry's local part runs from its offset to the next entry's (or the central directory).
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  const spanEnd = new Map(byOffset.map((entry, i) => [entry, byOffset[i + 1]?.offset ?? directoryOffset]));
  const parts: Buffer[] = [];
  const kept: Buffer[] = [];
  let written = 0;
  for (const entry of byOffset) {
    if (SIGNATURE_FILE.test(entry.name)) continue;
    const span = jar.subarray(entry.offset, spanEnd.get(entry));
    entry.header.writeUInt32LE(written, 42);
    parts.push(span);
    kept.push(entry.header);
    written += span.length;
  }
  const directory = Buffer.concat(kept);
  const tail = Buffer.alloc(22);
  tail.writeUInt32LE(0x06054b50, 0);
  tail.writeUInt16LE(kept.length, 8);
  tail.writeUInt16LE(kept.length, 10);
  tail.writeUInt32LE(directory.length, 12);
  tail.writeUInt32LE(written, 16);
  return Buffer.concat([...parts, directory, tail]);
}
