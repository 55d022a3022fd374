/**
 * Claims: where sources disagree on a property (a zone's approval year, a company's founding year),
 * every sourced value stays, (node)-[:STATED_IN {property, value, quote}]->(:Source), and the node's
 * property holds the headline value. The headline rule (docs/ontology.md, "Sources that disagree"):
 *
 * 1. the most authoritative ground of the value: a source of kind official; then an inference from
 *    an official text stated with its reasoning (the claim's `basis`: the page reproduces or lists
 *    the text, the value follows from it); then academic, press, encyclopedia, aggregator, unknown.
 *    A claim's kind is its Source's `kind` (else unknown), never relabelled;
 * 2. then the value more distinct sources state;
 * 3. then the value the node held before its claims were read (the reference table's or the curated
 *    document's), so that claims never move a value without a better source;
 * 4. then the smallest value (a rule, not a judgement: only so that the answer never depends on order).
 */
import type { Claim, FactDocument, NodeFact, SourceKind } from './facts.ts';
import { SOURCE_KINDS } from './facts.ts';

type Value = string | number;

export const kindRank = (kind: SourceKind): number => SOURCE_KINDS.indexOf(kind);

/**
 * A claim's rank in step 1: official 0, an official basis stated with its reasoning 0.5 (below the
 * official text itself, which it rests on through a copy or an inference; above any other kind,
 * which states the value on its own authority and here contradicts the official text), then its
 * Source's kind.
 */
export function claimRank(claim: Claim, sourceKinds: ReadonlyMap<string, string>): number {
  const rank = kindRank(claimKind(claim, sourceKinds));
  return claim.basis ? Math.min(rank, 0.5) : rank;
}

/** The kind a claim counts as: its Source's, or unknown. */
export function claimKind(claim: Claim, sourceKinds: ReadonlyMap<string, string>): SourceKind {
  const kind = sourceKinds.get(claim.source);
  return (SOURCE_KINDS as readonly string[]).includes(kind ?? '') ? (kind as SourceKind) : 'unknown';
}

/** The headline value of one property's claims by the rule above; `held` is the node's value before. */
export function headlineValue(
  claims: readonly Claim[],
  sourceKinds: ReadonlyMap<string, string>,
  held?: unknown,
): Value | undefined {
  const byValue = new Map<Value, { rank: number; sources: Set<string> }>();
  for (const claim of claims) {
    const entry = byValue.get(claim.value) ?? { rank: Number.POSITIVE_INFINITY, sources: new Set<string>() };
    entry.rank = Math.min(entry.rank, claimRank(claim, sourceKinds));
    entry.sources.add(claim.source);
    byValue.set(claim.value, entry);
  }
  const ranked = [...byValue].sort(
    ([va, a], [vb, b]) =>
      a.rank - b.rank ||
      b.sources.size - a.sources.size ||
      Number(vb === held) - Number(va === held) ||
      (va < vb ? -1 : va > vb ? 1 : 0),
  );
  return ranked[0]?.[0];
}

/** Source kinds as the document's Source nodes give them (`properties.kind`). */
export function sourceKindsOf(doc: FactDocument): Map<string, string> {
  return new Map(
    doc.nodes
      .filter((n) => n.label === 'Source' && typeof n.properties?.kind === 'string')
      .map((n) => [n.key, String(n.properties?.kind)]),
  );
}

/** The node with each claimed property set to its headline value. */
export function withHeadlines(node: NodeFact, sourceKinds: ReadonlyMap<string, string>): NodeFact {
  if (!node.claims?.length) return node;
  const properties: Record<string, unknown> = { ...node.properties };
  for (const property of new Set(node.claims.map((c) => c.property))) {
    const claims = node.claims.filter((c) => c.property === property);
    properties[property] = headlineValue(claims, sourceKinds, properties[property]);
  }
  return { ...node, properties };
}

/** Every node's claimed properties set to their headline values. */
export function applyHeadlines(doc: FactDocument): FactDocument {
  const kinds = sourceKindsOf(doc);
  return { nodes: doc.nodes.map((n) => withHeadlines(n, kinds)), relations: doc.relations };
}
