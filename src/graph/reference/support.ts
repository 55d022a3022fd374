/**
 * `support` on every statement of an approval (APPROVED_BY): the most authoritative kind of Source that
 * quotes the approval, among all its statements — official > press > academic > encyclopedia >
 * aggregator — or `unquoted` when no page quotes it (only the tables, or pages cited with a note).
 * `aggregator` thus says in the data that a fact rests on aggregators alone. Computed after the curated
 * data and the tables are merged, so that a statement of the source document counts too.
 */
import type { FactDocument, RelationFact } from '../facts.ts';
import { SOURCE_KIND_ORDER } from './evidence-book.ts';

/** Relationship types whose statements get `support`. */
const SUPPORTED_TYPES = new Set<RelationFact['type']>(['APPROVED_BY']);

export function markSupport(doc: FactDocument): FactDocument {
  const kindOf = new Map(
    doc.nodes
      .filter((n) => n.label === 'Source')
      .map((n) => [n.key, String(n.properties?.kind ?? 'unknown')]),
  );
  const kinds = new Map<string, Set<string>>();
  const fact = (r: RelationFact) => `${r.type}|${r.from}|${r.to}`;
  for (const r of doc.relations) {
    if (!SUPPORTED_TYPES.has(r.type) || !r.evidence.quote) continue;
    const kind = kindOf.get(r.evidence.source) ?? 'unknown';
    if (kind === 'dataset') continue; // the tables' own words are not a page that supports the fact
    kinds.set(fact(r), (kinds.get(fact(r)) ?? new Set()).add(kind));
  }
  const relations = doc.relations.map((r) => {
    if (!SUPPORTED_TYPES.has(r.type)) return r;
    const found = kinds.get(fact(r)) ?? new Set();
    const support = SOURCE_KIND_ORDER.find((kind) => found.has(kind)) ?? 'unquoted';
    return { ...r, properties: { ...r.properties, support } };
  });
  return { nodes: doc.nodes, relations };
}
