/**
 * `npm run seed:build [-- --facts-only] [--force]`: builds the seed's facts from data/curated and
 * data/reference and writes them to data/generated/seed-facts.json, which the seed reads
 * (src/graph/seed-facts.ts); then the seeded store a first start on the local Neo4j begins with
 * (data/generated/seeded-store.br and .json: src/neo4j/seeded-store.ts), unless it already matches
 * (--force builds it anyway). Run it after changing the data, the schema or the code that derives
 * facts from them; unit tests fail while either file is stale.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { SEED_FACTS_FILE, writeSeedFacts } from '../graph/seed-facts.ts';
import { buildSeededStore } from '../graph/seeded-store-build.ts';
import { createLogger } from '../logger.ts';
import { SEEDED_STORE_FILE } from '../neo4j/seeded-store.ts';

const USAGE = 'usage: npm run seed:build [-- --facts-only] [--force]';

function readArgs() {
  try {
    return parseArgs({
      options: {
        'facts-only': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}
const values = readArgs();
const relative = (file: string) => path.relative(process.cwd(), file);

const started = performance.now();
const doc = writeSeedFacts();
process.stdout.write(
  `Wrote ${relative(SEED_FACTS_FILE)}: ${doc.nodes.length} nodes, ` +
    `${doc.relations.length} relations, in ${Math.round(performance.now() - started)} ms\n`,
);

if (!values['facts-only']) {
  const building = performance.now();
  const config = loadConfig();
  const manifest = await buildSeededStore({
    log: createLogger('warn', 'stderr'),
    javaHome: config.neo4j.javaHome,
    environment: process.env,
    force: values.force,
  }).catch((error: Error) => {
    // The facts are written; without the store, first starts seed with seed() (and say so) until it is built.
    process.stderr.write(
      `The seeded store (${relative(SEEDED_STORE_FILE)}) was not built: ${error.message}\n` +
        'First starts will seed with seed() until it is: run `npm run seed:build` where a local Neo4j can run ' +
        '(Java 17+ and Maven), or `npm run seed:build -- --facts-only` to build the facts alone.\n',
    );
    process.exit(1);
  });
  process.stdout.write(
    manifest
      ? `Wrote ${relative(SEEDED_STORE_FILE)}: ${manifest.archive.bytes} bytes (a store of ` +
          `${manifest.store.files} files, ${manifest.store.bytes} bytes unpacked), in ` +
          `${Math.round(performance.now() - building)} ms\n`
      : `${relative(SEEDED_STORE_FILE)} already matches the facts, schema and Neo4j version (--force rebuilds it)\n`,
  );
}
