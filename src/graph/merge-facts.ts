/**
 * Combines fact documents into one. Where two documents describe the same node (same label and key,
 * e.g. a reference table and the curated source document both naming Zhongguancun) they meet in one
 * node: the first document's name, description and properties win, aliases and evidence are unioned.
 * Relationships are identified by type, ends and source, so statements of different sources all stay.
 */
import type { Evidence, FactDocument, NodeFact, RelationFact } from './facts.ts';

export function nodeIdentity(node: Pick<NodeFact, 'label' | 'key'>): string {
  return `${node.label}:${node.key}`;
}

export function relationIdentity(rel: RelationFact): string {
  return `${rel.type}|${rel.from}|${rel.to}|${rel.evidence.source}`;
}

export function evidenceIdentity(e: Evidence): string {
  return `${e.source}|${e.quote ?? ''}`;
}

function mergeNode(first: NodeFact, later: NodeFact): NodeFact {
  const aliases = [...new Set([...(first.aliases ?? []), ...(later.aliases ?? [])])].filter(
    (alias) => alias !== first.name,
  );
  const all = [...first.evidence];
  const seen = new Set(all.map(evidenceIdentity));
  for (const e of later.evidence) if (!seen.has(evidenceIdentity(e))) all.push(e);
  // A quoted citation of a source makes an unquoted one of the same source redundant.
  const quoted = new Set(all.filter((e) => e.quote).map((e) => e.source));
  const evidence = all.filter((e) => e.quote || !quoted.has(e.source));
  return {
    ...first,
    nameZh: first.nameZh ?? later.nameZh,
    description: first.description ?? later.description,
    aliases: aliases.length ? aliases : undefined,
    properties: { ...(later.properties ?? {}), ...(first.properties ?? {}) },
    evidence,
  };
}

export function mergeFactDocuments(...documents: FactDocument[]): FactDocument {
  const nodes = new Map<string, NodeFact>();
  const relations = new Map<string, RelationFact>();
  for (const doc of documents) {
    for (const node of doc.nodes) {
      const id = nodeIdentity(node);
      const existing = nodes.get(id);
      nodes.set(id, existing ? mergeNode(existing, node) : node);
    }
    for (const rel of doc.relations) {
      const id = relationIdentity(rel);
      const existing = relations.get(id);
      // The same statement from the same source: keep the first, unless only the later one quotes it.
      if (!existing || (!existing.evidence.quote && rel.evidence.quote)) relations.set(id, rel);
    }
  }
  return { nodes: [...nodes.values()], relations: [...relations.values()] };
}
