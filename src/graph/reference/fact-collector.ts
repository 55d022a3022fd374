/** Collects facts without duplicates: rows meet the same province or Source many times. */
import { type Evidence, type FactDocument, type NodeFact, nodeRef, type RelationFact } from '../facts.ts';
import type { RelationshipType } from '../ontology.ts';

export class FactCollector {
  private readonly nodes = new Map<string, NodeFact>();
  private readonly relations = new Map<string, RelationFact>();

  /** A node met again (a province named by many rows) gains the new evidence; anything else must agree. */
  addNode(node: NodeFact): void {
    const ref = nodeRef(node.label, node.key);
    const existing = this.nodes.get(ref);
    if (!existing) {
      this.nodes.set(ref, { ...node, evidence: [...node.evidence] });
      return;
    }
    const { evidence: _a, ...was } = existing;
    const { evidence: _b, ...now } = node;
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      throw new Error(
        `${ref} is described twice, differently: ${JSON.stringify(was)} vs ${JSON.stringify(now)}`,
      );
    }
    for (const item of node.evidence) {
      if (!existing.evidence.some((e) => e.source === item.source)) existing.evidence.push(item);
    }
  }

  /** One relation per piece of evidence: a relation is identified by type, ends and source. */
  addRelation(
    type: RelationshipType,
    from: string,
    to: string,
    evidence: Evidence[],
    properties?: RelationFact['properties'],
  ): void {
    for (const item of evidence) {
      const id = `${type}|${from}|${to}|${item.source}`;
      if (this.relations.has(id)) continue;
      const hasProperties = properties !== undefined && Object.keys(properties).length > 0;
      this.relations.set(id, { type, from, to, evidence: item, ...(hasProperties && { properties }) });
    }
  }

  /** The `kind` of a Source node collected so far (official, press …), if any. */
  sourceKind(key: string): string | undefined {
    const kind = this.nodes.get(nodeRef('Source', key))?.properties?.kind;
    return typeof kind === 'string' ? kind : undefined;
  }

  toDocument(): FactDocument {
    return { nodes: [...this.nodes.values()], relations: [...this.relations.values()] };
  }
}
