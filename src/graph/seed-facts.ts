/**
 * The seed's fact document: built from data/curated and data/reference (buildSeedFacts: reading the
 * tables, pinyin, claims, unique keys, support — about 0.5–2 s of JavaScript), and kept built in
 * data/generated/seed-facts.json (`npm run seed:build`), which the seed reads instead (tens of ms).
 *
 * The file records a hash of its inputs (every file of data/curated and data/reference): when the data
 * has changed since, seedFacts() builds the document anew, with a warning, rather than seed stale facts.
 * A unit test checks that the file is exactly what buildSeedFacts() gives, which covers changes of code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger, type Logger } from '../logger.ts';
import { fromRoot } from '../project-root.ts';
import { applyHeadlines } from './claims.ts';
import { applyClaims, readClaims } from './claims-file.ts';
import { readCuratedFacts } from './curated.ts';
import { uniqueKeys } from './entity-keys.ts';
import type { FactDocument, NodeFact } from './facts.ts';
import type { SearchProperties } from './loader.ts';
import { mergeFactDocuments } from './merge-facts.ts';
import { applyAliases, readAliases } from './reference/aliases.ts';
import { markSupport } from './reference/support.ts';
import { readReferenceTables, webSourceKey } from './reference-tables.ts';
import { searchProperties } from './search-text.ts';
import { seedInputsHash } from './seed-inputs.ts';

export { seedInputsHash };

const dataFile = (relative: string) => fromRoot('data', relative);
export const CLAIMS_FILE = dataFile('reference/claims.json');
export const ALIASES_FILE = dataFile('reference/aliases.json');
export const REFERENCE_DIR = dataFile('reference/');
export const SEED_FACTS_FILE = dataFile('generated/seed-facts.json');

/** The curated graph and the reference tables, merged, with the aliases of data/reference/aliases.json. */
export function buildSeedFacts(): FactDocument {
  const merged = mergeFactDocuments(readReferenceTables(), readCuratedFacts());
  const aliased = markSupport(applyAliases(merged, readAliases(ALIASES_FILE), webSourceKey));
  const claimed = applyHeadlines(applyClaims(aliased, readClaims(CLAIMS_FILE), webSourceKey));
  // Keys are made unique across labels here, once, whatever the tables derive (entity-keys.ts).
  return uniqueKeys(claimed).doc;
}

/**
 * The generated file's text: its inputs' hash, then one node or relation a line (a data change shows
 * as a readable diff), then each node's search properties (search-text.ts: pinyin costs about 0.6 s
 * on a cold start), in the order of the nodes. JSON.stringify drops undefined properties, which every
 * writer treats as absent.
 */
export function formatSeedFacts(doc: FactDocument, inputs: string): string {
  const lines = (items: unknown[]) => items.map((item) => JSON.stringify(item)).join(',\n');
  return (
    `{"inputs":${JSON.stringify(inputs)},\n"nodes":[\n${lines(doc.nodes)}\n],\n` +
    `"relations":[\n${lines(doc.relations)}\n],\n` +
    `"search":[\n${lines(doc.nodes.map((node) => searchProperties(node)))}\n]}\n`
  );
}

/** `npm run seed:build`: (re)writes data/generated/seed-facts.json. */
export function writeSeedFacts(file = SEED_FACTS_FILE): FactDocument {
  const doc = buildSeedFacts();
  writeFileSync(file, formatSeedFacts(doc, seedInputsHash()));
  return doc;
}

/** The seed's facts, and each node's search properties (computed when not stored). */
export interface SeedFacts {
  doc: FactDocument;
  searchOf: (node: NodeFact) => SearchProperties;
}

interface StoredSeedFacts {
  inputs?: unknown;
  nodes: FactDocument['nodes'];
  relations: FactDocument['relations'];
  search: SearchProperties[];
}

/** Where the stale-file notice goes when the caller gives no logger: stderr, so that stdout stays data. */
let fallbackLog: Logger | undefined;

/**
 * The generated file when it was built from the data as it is now, else the facts built anew, with a
 * warning log line that says how to make the next start fast again (`npm run seed:build`).
 */
export function readSeedFacts(file = SEED_FACTS_FILE, log?: Pick<Logger, 'warn'>): SeedFacts {
  let stored: StoredSeedFacts | undefined;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    stored = undefined;
  }
  if (stored?.inputs === seedInputsHash()) {
    const doc = { nodes: stored.nodes, relations: stored.relations };
    const search = new Map(stored.nodes.map((node, i) => [node, stored.search[i]]));
    return { doc, searchOf: (node) => search.get(node) ?? searchProperties(node) };
  }
  const relative = path.relative(process.cwd(), file);
  fallbackLog ??= log ? undefined : createLogger('warn', 'stderr');
  (log ?? fallbackLog)?.warn(
    { file: relative, fix: 'npm run seed:build' },
    '%s is %s: building the seed facts instead (slower); run `npm run seed:build` and commit the file',
    relative,
    stored ? 'older than data/curated and data/reference' : 'missing or unreadable',
  );
  return { doc: buildSeedFacts(), searchOf: searchProperties };
}

/** The seed's facts (readSeedFacts). */
export function seedFacts(file = SEED_FACTS_FILE, log?: Pick<Logger, 'warn'>): FactDocument {
  return readSeedFacts(file, log).doc;
}
