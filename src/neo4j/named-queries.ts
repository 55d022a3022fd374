/**
 * The statements of cypher/queries/<name>.cypher, by a name the compiler knows. All are read and
 * checked together (main.ts does it before anything starts), so a missing or malformed file stops
 * start-up instead of failing the first request that needs it. tests/unit/named-queries.test.ts
 * checks that QUERY_NAMES and the folder hold the same names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CYPHER_DIR, splitStatements } from './cypher-files.ts';

export const QUERY_NAMES = [
  'search',
  'stats-indicators',
  'stats-nodes-by-label',
  'stats-relationships-by-type',
  'stats-zone-count-as-of',
  'stats-zones-per-province',
  'stats-zones-per-year',
  'timeline',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export const QUERIES_DIR = path.join(CYPHER_DIR, 'queries');

export class NamedQueryError extends Error {
  constructor(readonly problems: string[]) {
    super(`Named Cypher queries are broken:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'NamedQueryError';
  }
}

let loaded: ReadonlyMap<QueryName, string> | undefined;

/** Reads every named query once; throws one NamedQueryError listing every missing or bad file. */
export function loadNamedQueries(dir = QUERIES_DIR): ReadonlyMap<QueryName, string> {
  if (loaded && dir === QUERIES_DIR) return loaded;
  const queries = new Map<QueryName, string>();
  const problems: string[] = [];
  for (const name of QUERY_NAMES) {
    const file = path.join(dir, `${name}.cypher`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      problems.push(`${file} is missing`);
      continue;
    }
    const statements = splitStatements(text);
    if (statements.length === 1) queries.set(name, statements[0] as string);
    else problems.push(`${file} must hold exactly one statement (it holds ${statements.length})`);
  }
  if (problems.length > 0) throw new NamedQueryError(problems);
  if (dir === QUERIES_DIR) loaded = queries;
  return queries;
}

/** The statement named `name` (all are loaded on the first call if start-up did not already). */
export function namedQuery(name: QueryName): string {
  return loadNamedQueries().get(name) as string;
}
