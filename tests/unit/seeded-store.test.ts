/**
 * The shipped seeded store (src/neo4j/seeded-store.ts): its manifest matches the facts, data, schema
 * and Neo4j version as they are now (else `npm run seed:build`), its archive is the one the manifest
 * describes, and a first start puts it in place only where that is safe, saying why not otherwise.
 * Whether a Neo4j started on it holds what seed() writes: tests/integration/seeded-store.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  packStore,
  placeSeededStore,
  readManifest,
  SEEDED_STORE_FILE,
  seededStoreInputs,
  storeExists,
  unpackStore,
  writeSeededStore,
} from '../../src/neo4j/seeded-store.ts';
import { NEO4J_VERSION } from '../../src/neo4j/versions.ts';
import { recordingLogger } from '../support/recording-logger.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const dir = mkdtempSync(path.join(os.tmpdir(), 'seeded-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let folders = 0;
const newFolder = () => {
  const folder = path.join(dir, `case-${++folders}`);
  mkdirSync(folder, { recursive: true });
  return folder;
};

/** A small store of the default database under `dataDir`: a file with a tail of zeros, nested folders. */
function fakeStore(dataDir: string) {
  const store = path.join(dataDir, 'databases', 'neo4j');
  mkdirSync(path.join(store, 'schema', 'index'), { recursive: true });
  mkdirSync(path.join(dataDir, 'transactions', 'neo4j'), { recursive: true });
  writeFileSync(path.join(store, 'neostore'), Buffer.concat([Buffer.from('store'), Buffer.alloc(8187)]));
  writeFileSync(path.join(store, 'schema', 'index', 'index-1'), 'index bytes');
  writeFileSync(path.join(store, 'database_lock'), '');
  writeFileSync(
    path.join(dataDir, 'transactions', 'neo4j', 'neostore.transaction.db.0'),
    Buffer.concat([Buffer.from('log'), Buffer.alloc(1 << 20)]),
  );
  // Not the default database's: never packed.
  mkdirSync(path.join(dataDir, 'databases', 'system'), { recursive: true });
  writeFileSync(path.join(dataDir, 'databases', 'system', 'neostore'), 'system');
}

/** An archive and manifest of the fake store, built from inputs named `inputs`. */
async function shipped(inputs: string) {
  const from = newFolder();
  fakeStore(from);
  const files = { archive: path.join(from, 'store.br'), manifest: path.join(from, 'store.json') };
  await writeSeededStore(from, inputs, files);
  return files;
}

describe('data/generated/seeded-store.json and .br', () => {
  it('were built from the seed facts, data, schema and Neo4j version as they are now (else run `npm run seed:build` and commit data/generated)', () => {
    const manifest = readManifest();
    expect(manifest, 'data/generated/seeded-store.json is missing: run `npm run seed:build`').not.toBeNull();
    expect(manifest?.neo4j).toBe(NEO4J_VERSION);
    const stale = manifest?.inputs !== seededStoreInputs();
    expect(stale, 'data/generated/seeded-store.br is stale: run `npm run seed:build` and commit it').toBe(
      false,
    );
  });

  it('are one pair: the archive is the one the manifest describes, and small', () => {
    const manifest = readManifest();
    const archive = readFileSync(SEEDED_STORE_FILE);
    expect({ bytes: archive.length, sha256: sha256(archive) }).toEqual({
      bytes: manifest?.archive.bytes,
      sha256: manifest?.archive.sha256,
    });
    expect(archive.length).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('packing and unpacking a store', () => {
  it('gives back the default database’s files, the same bytes and sizes, and nothing else', async () => {
    const from = newFolder();
    fakeStore(from);
    const packed = await packStore(from);
    expect(packed.files).toBe(4);
    // The zero tails are not stored.
    expect(packed.archive.length).toBeLessThan(1024);
    const to = newFolder();
    expect(await unpackStore(packed.archive, to)).toBe(4);
    for (const file of [
      'databases/neo4j/neostore',
      'databases/neo4j/schema/index/index-1',
      'databases/neo4j/database_lock',
      'transactions/neo4j/neostore.transaction.db.0',
    ]) {
      expect(readFileSync(path.join(to, file)).equals(readFileSync(path.join(from, file))), file).toBe(true);
      expect(statSync(path.join(to, file)).size).toBe(statSync(path.join(from, file)).size);
    }
    expect(existsSync(path.join(to, 'databases', 'system'))).toBe(false);
  });

  it('refuses an archive that is cut short', async () => {
    const from = newFolder();
    fakeStore(from);
    const { archive } = await packStore(from);
    await expect(unpackStore(archive.subarray(0, archive.length - 20), newFolder())).rejects.toThrow();
  });
});

describe('placing the shipped store before a first start', () => {
  it('puts it in place when DATA_DIR has no store and the manifest matches', async () => {
    const files = await shipped('these inputs');
    const neo4jDir = path.join(newFolder(), 'neo4j');
    const { log, lines } = recordingLogger();
    const placement = await placeSeededStore({ neo4jDir, log, ...files, inputs: () => 'these inputs' });
    expect(placement).toMatchObject({ placed: true, files: 4 });
    expect(readFileSync(path.join(neo4jDir, 'data/databases/neo4j/schema/index/index-1'), 'utf8')).toBe(
      'index bytes',
    );
    expect(lines.map((line) => line.level)).toEqual([30]);
    // The scratch folder it unpacked into is gone.
    expect(readdir(path.join(neo4jDir, 'data')).sort()).toEqual(['databases', 'transactions']);
  });

  it('never touches an existing store, nor says anything about it', async () => {
    const files = await shipped('these inputs');
    const neo4jDir = path.join(newFolder(), 'neo4j');
    const mine = path.join(neo4jDir, 'data', 'databases', 'neo4j');
    mkdirSync(mine, { recursive: true });
    writeFileSync(path.join(mine, 'neostore'), 'my store');
    const { log, lines } = recordingLogger();
    expect(await placeSeededStore({ neo4jDir, log, ...files, inputs: () => 'these inputs' })).toEqual({
      placed: false,
      reason: 'exists',
    });
    expect(readFileSync(path.join(mine, 'neostore'), 'utf8')).toBe('my store');
    expect(lines).toEqual([]);
  });

  it('counts transaction logs without store files as a store too', async () => {
    const files = await shipped('these inputs');
    const neo4jDir = path.join(newFolder(), 'neo4j');
    mkdirSync(path.join(neo4jDir, 'data', 'transactions', 'neo4j'), { recursive: true });
    expect(storeExists(neo4jDir)).toBe(true);
    const { log } = recordingLogger();
    const placement = await placeSeededStore({ neo4jDir, log, ...files, inputs: () => 'these inputs' });
    expect(placement).toMatchObject({ placed: false, reason: 'exists' });
  });

  it('falls back to seeding, with a warn line saying what to run, when the manifest is stale', async () => {
    const files = await shipped('the inputs of another checkout');
    const neo4jDir = path.join(newFolder(), 'neo4j');
    const { log, lines } = recordingLogger();
    const placement = await placeSeededStore({ neo4jDir, log, ...files, inputs: () => 'these inputs' });
    expect(placement).toEqual({ placed: false, reason: 'stale' });
    expect(storeExists(neo4jDir)).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, fix: 'npm run seed:build' });
    expect(String(lines[0]?.msg)).toMatch(/built from other seed facts.*seeding instead.*npm run seed:build/);
  });

  it('falls back when there is no manifest or archive, with the same fix', async () => {
    const neo4jDir = path.join(newFolder(), 'neo4j');
    const { log, lines } = recordingLogger();
    const absent = path.join(dir, 'absent');
    const placement = await placeSeededStore({
      neo4jDir,
      log,
      archive: `${absent}.br`,
      manifest: `${absent}.json`,
    });
    expect(placement).toEqual({ placed: false, reason: 'missing' });
    expect(lines[0]).toMatchObject({ level: 40, fix: 'npm run seed:build' });
  });

  it('falls back, saying why, when the archive is not the manifest’s, and leaves no store behind', async () => {
    const files = await shipped('these inputs');
    writeFileSync(files.archive, Buffer.from('not the archive'));
    const neo4jDir = path.join(newFolder(), 'neo4j');
    const { log, lines } = recordingLogger();
    const placement = await placeSeededStore({ neo4jDir, log, ...files, inputs: () => 'these inputs' });
    expect(placement).toMatchObject({ placed: false, reason: 'failed' });
    expect(String(lines[0]?.msg)).toMatch(
      /could not be put in place \(the archive is not the one its manifest/,
    );
    expect(lines[0]).toMatchObject({ fix: 'npm run seed:build, and commit data/generated' });
    expect(storeExists(neo4jDir)).toBe(false);
  });

  it('falls back when unpacking fails half-way, and leaves no half store', async () => {
    const files = await shipped('these inputs');
    // A whole archive whose manifest agrees, but that names a file outside the store after others.
    const manifest = JSON.parse(readFileSync(files.manifest, 'utf8'));
    const header = [
      { path: 'databases/neo4j/neostore', size: 5, stored: 5 },
      { path: 'elsewhere/file', size: 1, stored: 1 },
    ];
    const archive = brotliCompressSync(Buffer.from(`${JSON.stringify(header)}\nstorex`));
    writeFileSync(files.archive, archive);
    manifest.archive = { ...manifest.archive, bytes: archive.length, sha256: sha256(archive) };
    writeFileSync(files.manifest, JSON.stringify(manifest));
    const neo4jDir = path.join(newFolder(), 'neo4j');
    const { log, lines } = recordingLogger();
    const placement = await placeSeededStore({ neo4jDir, log, ...files, inputs: () => 'these inputs' });
    expect(placement).toMatchObject({ placed: false, reason: 'failed' });
    expect(String(lines[0]?.msg)).toMatch(/a file outside the store: elsewhere\/file/);
    expect(storeExists(neo4jDir)).toBe(false);
    expect(readdir(path.join(neo4jDir, 'data'))).toEqual([]);
  });
});

describe('npm run seed:build', () => {
  it('refuses an unknown option with its usage and exit code 2, before building anything', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/build-seed.ts', '--bogus'], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "Unknown option '--bogus'\nusage: npm run seed:build [-- --facts-only] [--force]\n",
    );
    expect(run.stdout).toBe('');
  });
});

describe('a start killed while unpacking, a disk that refuses', () => {
  it('the next start removes the unpacking folders of starts killed midway, and unpacks', async () => {
    const files = await shipped('these inputs');
    const neo4jDir = path.join(newFolder(), 'neo4j');
    const leftover = path.join(neo4jDir, 'data', '.seeded-store-99999999');
    mkdirSync(path.join(leftover, 'databases'), { recursive: true });
    writeFileSync(path.join(leftover, 'databases', 'half'), 'x');
    const placement = await placeSeededStore({
      neo4jDir,
      log: recordingLogger().log,
      ...files,
      inputs: () => 'these inputs',
    });
    expect(placement).toMatchObject({ placed: true });
    expect(existsSync(leftover)).toBe(false);
  });

  it('names the disk as the cause, not the shipped files, when the folder cannot be written', async () => {
    const files = await shipped('these inputs');
    const { log, lines } = recordingLogger();
    // sysfs refuses a new folder to anyone, root included (EPERM; EACCES for some): a folder not ours.
    const placement = await placeSeededStore({
      neo4jDir: `/sys/hitech-kg-test-${process.pid}/neo4j`,
      log,
      ...files,
      inputs: () => 'these inputs',
    });
    expect(placement).toMatchObject({ placed: false, reason: 'failed' });
    expect(lines[0]).toMatchObject({
      fix: 'DATA_DIR is not writable by this user: give DATA_DIR a folder of yours',
    });
  });
});

function readdir(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder) : [];
}
