/**
 * The seeded store, shipped: `npm run seed:build` runs `seed()` once on a scratch local Neo4j and packs
 * the default database's store files and transaction logs into data/generated/seeded-store.br, with a
 * manifest (seeded-store.json) of what it was built from. A first start on the local Neo4j puts that
 * store in place before the JVM starts, so that the server comes up seeded with its indexes online,
 * instead of seeding on a JVM just started (seconds of cold code in Neo4j, docs/benchmarks.md).
 *
 * The store is used only when
 * - the start runs the local Neo4j (NEO4J_URI and containers seed as before: the caller's choice),
 * - DATA_DIR has no store of that database yet (an existing store is never touched),
 * - the manifest matches the facts, the data they come from, the schema and the Neo4j version as they
 *   are now (else a warn line says to run `npm run seed:build`, and the start seeds),
 * - and the archive is the one the manifest describes and unpacks whole (else a warn line says why).
 * Anything else leaves no trace: the files are unpacked in a folder beside the store and moved into
 * place by a rename.
 *
 * The archive: brotli over a JSON header line (each file's path, size and how many leading bytes are
 * stored), then those bytes. Trailing zeros are not stored (Neo4j preallocates its transaction log);
 * the unpacked file is extended to its size again as a sparse file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { seedInputsHash } from '../graph/seed-inputs.ts';
import type { Logger } from '../logger.ts';
import { fromRoot } from '../project-root.ts';
import { NEO4J_VERSION } from './versions.ts';

export const SEEDED_STORE_FILE = fromRoot('data', 'generated', 'seeded-store.br');
export const SEEDED_STORE_MANIFEST = fromRoot('data', 'generated', 'seeded-store.json');
const SEED_FACTS_FILE = fromRoot('data', 'generated', 'seed-facts.json');
const SCHEMA_DIR = fromRoot('cypher', 'schema');
/** The local server's database (config.ts gives the local provider no other). */
const DATABASE = 'neo4j';
/** The folders of that database under the server's data folder (DATA_DIR/neo4j/data). */
export const STORE_FOLDERS = [path.join('databases', DATABASE), path.join('transactions', DATABASE)];

export interface SeededStoreManifest {
  /** seededStoreInputs().hash when the store was built. */
  inputs: string;
  neo4j: string;
  archive: { file: string; bytes: number; sha256: string };
  /** The unpacked store: files and bytes (sparse tails included). */
  store: { files: number; bytes: number };
}

/**
 * sha256 over what the seeded store is built from: the Neo4j version, the data the facts come from
 * (data/curated, data/reference), data/generated/seed-facts.json and cypher/schema/*.cypher. The data
 * are in it too: a facts file older than the data makes the seed build the facts anew, so a store
 * of that file would not be what a seed writes.
 */
export function seededStoreInputs(): string {
  const hash = createHash('sha256');
  hash.update(`neo4j ${NEO4J_VERSION}\0data ${seedInputsHash()}\0`);
  hash.update(readFileSync(SEED_FACTS_FILE));
  for (const name of readdirSync(SCHEMA_DIR)
    .sort()
    .filter((f) => f.endsWith('.cypher'))) {
    hash.update(`\0schema/${name}\0`);
    hash.update(readFileSync(path.join(SCHEMA_DIR, name)));
  }
  return hash.digest('hex');
}

interface PackedFile {
  path: string;
  size: number;
  stored: number;
}

/** Every file under the folders of the default database, relative to `dataDir` (DATA_DIR/neo4j/data). */
async function storeFiles(dataDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string) => {
    for (const entry of await readdir(path.join(dataDir, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  for (const folder of STORE_FOLDERS) await walk(folder);
  return found.sort();
}

/** The archive of the default database's files in `dataDir` (a server that stopped cleanly). */
export async function packStore(dataDir: string): Promise<{ archive: Buffer; files: number; bytes: number }> {
  const header: PackedFile[] = [];
  const bodies: Buffer[] = [];
  for (const file of await storeFiles(dataDir)) {
    const content = await readFile(path.join(dataDir, file));
    let end = content.length;
    while (end > 0 && content[end - 1] === 0) end--;
    header.push({ path: file.split(path.sep).join('/'), size: content.length, stored: end });
    bodies.push(content.subarray(0, end));
  }
  const raw = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...bodies]);
  const archive = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  return { archive, files: header.length, bytes: header.reduce((sum, f) => sum + f.size, 0) };
}

/** Writes the archive's files under `dataDir`; throws on an archive that is not whole. */
export async function unpackStore(archive: Buffer, dataDir: string): Promise<number> {
  const raw = brotliDecompressSync(archive);
  const newline = raw.indexOf(0x0a);
  if (newline < 0) throw new Error('the archive has no header');
  const header = JSON.parse(raw.subarray(0, newline).toString('utf8')) as PackedFile[];
  let offset = newline + 1;
  for (const file of header) {
    if (!STORE_FOLDERS.some((folder) => file.path.startsWith(`${folder.split(path.sep).join('/')}/`)))
      throw new Error(`the archive holds a file outside the store: ${file.path}`);
    if (offset + file.stored > raw.length) throw new Error(`the archive ends inside ${file.path}`);
    const target = path.join(dataDir, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    const handle = await open(target, 'wx');
    try {
      await handle.write(raw, offset, file.stored, 0);
      // The tail of zeros, not stored, becomes a hole of the file again.
      if (file.size > file.stored) await handle.truncate(file.size);
    } finally {
      await handle.close();
    }
    offset += file.stored;
  }
  if (offset !== raw.length) throw new Error('the archive has bytes after its last file');
  return header.length;
}

export function readManifest(file = SEEDED_STORE_MANIFEST): SeededStoreManifest | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SeededStoreManifest;
  } catch {
    return null;
  }
}

/** Builds the archive and its manifest from a seeded store in `dataDir` (DATA_DIR/neo4j/data). */
export async function writeSeededStore(
  dataDir: string,
  inputs: string,
  files = { archive: SEEDED_STORE_FILE, manifest: SEEDED_STORE_MANIFEST },
): Promise<SeededStoreManifest> {
  const packed = await packStore(dataDir);
  const manifest: SeededStoreManifest = {
    inputs,
    neo4j: NEO4J_VERSION,
    archive: {
      file: path.basename(files.archive),
      bytes: packed.archive.length,
      sha256: createHash('sha256').update(packed.archive).digest('hex'),
    },
    store: { files: packed.files, bytes: packed.bytes },
  };
  await writeFile(files.archive, packed.archive);
  await writeFile(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export type SeededStorePlacement =
  | { placed: true; files: number; ms: number }
  | { placed: false; reason: 'exists' | 'stale' | 'missing' | 'failed'; detail?: string };

export interface PlaceOptions {
  /** The local Neo4j's folder: DATA_DIR/neo4j. */
  neo4jDir: string;
  log: Pick<Logger, 'info' | 'warn'>;
  /** The archive and manifest (tests give others). */
  archive?: string;
  manifest?: string;
  /** What the store must have been built from: seededStoreInputs() unless given (tests). */
  inputs?: () => string;
}

/** Whether the local Neo4j in `neo4jDir` has a store (or transaction logs) of the default database. */
export function storeExists(neo4jDir: string): boolean {
  return STORE_FOLDERS.some((folder) => existsSync(path.join(neo4jDir, 'data', folder)));
}

/**
 * Puts the shipped seeded store in place under `neo4jDir` when there is no store yet and the
 * manifest matches the inputs as they are; else says why not (a warn line when the start will seed
 * instead, with what to do). Never throws, never overwrites, leaves nothing behind on failure.
 */
export async function placeSeededStore(options: PlaceOptions): Promise<SeededStorePlacement> {
  const { neo4jDir, log } = options;
  const started = performance.now();
  // The unpacking folders of starts killed midway (the store is this start's now: claimStore).
  await removeLeftovers(path.join(neo4jDir, 'data'));
  if (storeExists(neo4jDir)) return { placed: false, reason: 'exists' };
  const archiveFile = options.archive ?? SEEDED_STORE_FILE;
  const manifest = readManifest(options.manifest ?? SEEDED_STORE_MANIFEST);
  const relative = path.relative(process.cwd(), archiveFile);
  if (!manifest || !existsSync(archiveFile)) {
    log.warn(
      { file: relative, fix: 'npm run seed:build' },
      'no seeded store (%s) to start from: seeding instead (slower); run `npm run seed:build` and commit data/generated',
      relative,
    );
    return { placed: false, reason: 'missing' };
  }
  let inputs: string;
  try {
    inputs = (options.inputs ?? seededStoreInputs)();
  } catch (error) {
    return failed(log, relative, `its inputs could not be read: ${(error as Error).message}`);
  }
  if (manifest.inputs !== inputs || manifest.neo4j !== NEO4J_VERSION) {
    log.warn(
      { file: relative, fix: 'npm run seed:build' },
      '%s was built from other seed facts, schema or Neo4j version than these: seeding instead (slower); ' +
        'run `npm run seed:build` and commit data/generated',
      relative,
    );
    return { placed: false, reason: 'stale' };
  }
  const dataDir = path.join(neo4jDir, 'data');
  const scratch = path.join(dataDir, `${SCRATCH_PREFIX}${process.pid}`);
  const moved: string[] = [];
  try {
    const archive = await readFile(archiveFile);
    const sha256 = createHash('sha256').update(archive).digest('hex');
    if (archive.length !== manifest.archive.bytes || sha256 !== manifest.archive.sha256)
      throw new Error('the archive is not the one its manifest describes (a partial checkout or merge?)');
    await rm(scratch, { recursive: true, force: true });
    const files = await unpackStore(archive, scratch);
    for (const folder of STORE_FOLDERS) {
      await mkdir(path.dirname(path.join(dataDir, folder)), { recursive: true });
      // A rename onto a folder that appeared meanwhile and holds files fails: nothing is overwritten.
      await rename(path.join(scratch, folder), path.join(dataDir, folder));
      moved.push(folder);
    }
    const ms = performance.now() - started;
    log.info({ files, ms: Math.round(ms) }, 'the shipped seeded store is in place (data/generated)');
    return { placed: true, files, ms };
  } catch (error) {
    // Half a store is worse than none: what was moved goes again, and the start seeds.
    for (const folder of moved) await rm(path.join(dataDir, folder), { recursive: true, force: true });
    return failed(log, relative, (error as Error).message, (error as NodeJS.ErrnoException).code);
  } finally {
    await rm(scratch, { recursive: true, force: true }).catch(() => {});
  }
}

const SCRATCH_PREFIX = '.seeded-store-';

async function removeLeftovers(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir).catch(() => [] as string[]);
  for (const entry of entries) {
    if (entry.startsWith(SCRATCH_PREFIX)) {
      await rm(path.join(dataDir, entry), { recursive: true, force: true }).catch(() => {});
    }
  }
}

/**
 * The store could not be put in place: seeding instead. The fix named is the one that fits: a file
 * system that refuses the write (read-only, full, not ours) is no matter of the shipped files.
 */
function failed(log: Pick<Logger, 'warn'>, file: string, why: string, code?: string): SeededStorePlacement {
  const disk: Record<string, string> = {
    EROFS: 'DATA_DIR is on a read-only file system: give DATA_DIR a writable folder',
    ENOSPC: 'the disk of DATA_DIR is full: free space or give DATA_DIR another disk',
    EDQUOT: 'the disk quota of DATA_DIR is used up: free space or give DATA_DIR another disk',
    EACCES: 'DATA_DIR is not writable by this user: give DATA_DIR a folder of yours',
    EPERM: 'DATA_DIR is not writable by this user: give DATA_DIR a folder of yours',
  };
  const fix = (code && disk[code]) || 'npm run seed:build, and commit data/generated';
  log.warn(
    { file, reason: why, fix },
    'the seeded store %s could not be put in place (%s): seeding instead; fix: %s',
    file,
    why,
    fix,
  );
  return { placed: false, reason: 'failed', detail: why };
}
