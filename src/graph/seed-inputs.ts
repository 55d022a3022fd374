/**
 * What the seed is built from, as hashes: light on purpose (node:crypto and node:fs only), so that a
 * start can check the shipped seeded store (src/neo4j/seeded-store.ts) before it spawns the JVM,
 * without loading the modules that build facts (pinyin, the tables).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../project-root.ts';

/** The folders data/generated/seed-facts.json is built from (curated.ts, seed-facts.ts name them too). */
const SEED_DATA_DIRS = [fromRoot('data', 'curated'), fromRoot('data', 'reference')];

/** sha256 over the names and contents of every file the seed's facts are built from. */
export function seedInputsHash(): string {
  const hash = createHash('sha256');
  for (const dir of SEED_DATA_DIRS) {
    for (const name of readdirSync(dir).sort()) {
      hash.update(`${path.basename(dir)}/${name}\0`);
      hash.update(readFileSync(path.join(dir, name)));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}
