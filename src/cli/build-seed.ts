/**
 * `npm run seed:build`: builds the seed's facts from data/curated and data/reference and writes them to
 * data/generated/seed-facts.json, which the seed reads (src/graph/seed-facts.ts). Run it after changing
 * the data or the code that derives facts from it; a unit test fails while the file is stale.
 */
import path from 'node:path';
import { SEED_FACTS_FILE, writeSeedFacts } from '../graph/seed-facts.ts';

const started = performance.now();
const doc = writeSeedFacts();
process.stdout.write(
  `Wrote ${path.relative(process.cwd(), SEED_FACTS_FILE)}: ${doc.nodes.length} nodes, ` +
    `${doc.relations.length} relations, in ${Math.round(performance.now() - started)} ms\n`,
);
