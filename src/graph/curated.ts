/** Reads the curated graph of the source document: every data/curated/*.json, validated. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../project-root.ts';
import { type FactDocument, factDocumentSchema } from './facts.ts';
import { mergeFactDocuments } from './merge-facts.ts';

export const CURATED_DIR = fromRoot('data', 'curated');

export function readCuratedFacts(dir = CURATED_DIR): FactDocument {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const documents = files.map((file) => {
    const parsed = factDocumentSchema.safeParse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
      throw new Error(`data/curated/${file} is not a valid fact document:\n${problems}`);
    }
    return parsed.data as FactDocument;
  });
  return mergeFactDocuments(...documents);
}
