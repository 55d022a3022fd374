/**
 * Relations as data (src/graph/relations.ts): every hop is one the ontology allows, and each
 * definition becomes the pattern below (src/graph/relation-pattern.ts). A target's label is left out
 * where the ontology implies it, and only there.
 */
import Cypher from '@neo4j/cypher-builder';
import { describe, expect, it } from 'vitest';
import {
  DOMAIN_LABELS,
  EVIDENCE_RELATIONSHIP,
  type Label,
  RELATIONSHIP_ENDPOINTS,
} from '../../../src/graph/ontology.ts';
import { relationMatch } from '../../../src/graph/relation-pattern.ts';
import { type RelationDef, relationNamed, relationsOf } from '../../../src/graph/relations.ts';
import { cypher } from './support.ts';

/** The MATCH a relation compiles to from a parent `(this0)`. */
function patternOf(label: Label, name: string): string {
  const relation = relationNamed(label, name);
  if (!relation) throw new Error(`${label} has no relation ${name}`);
  const { pattern, condition, target } = relationMatch(relation, new Cypher.Node());
  const match = new Cypher.Match(pattern);
  if (condition) match.where(condition);
  return cypher(match.return(target).build().cypher);
}

/** The labels each hop of a relation goes from and to ('*' where any label may be there). */
function hopEnds(parent: Label, relation: RelationDef): [from: string, to: string][] {
  let from: string = parent;
  return relation.hops.map((hop, i) => {
    const last = i === relation.hops.length - 1;
    const to = last ? relation.target : (hop.to ?? '*');
    const ends: [string, string] = hop.direction === 'out' ? [from, to] : [to, from];
    from = to;
    return ends;
  });
}

const fits = (end: string, label: string) =>
  end === '*' || label === '*' || label === 'Entity' || end === label;

describe('relations as data', () => {
  it.each(
    DOMAIN_LABELS.flatMap((label) =>
      relationsOf(label).map((r) => [`${label}.${r.name}`, label, r] as const),
    ),
  )('%s: every hop is a relationship the ontology allows', (_name, label, relation) => {
    const ends = hopEnds(label, relation);
    relation.hops.forEach((hop, i) => {
      const [from, to] = ends[i] as [string, string];
      for (const type of hop.types) {
        expect(type).not.toBe(EVIDENCE_RELATIONSHIP);
        if (type === EVIDENCE_RELATIONSHIP) continue;
        const allowed = RELATIONSHIP_ENDPOINTS[type].some(([f, t]) => fits(f, from) && fits(t, to));
        expect(allowed, `${type} from ${from} to ${to}`).toBe(true);
      }
      // The edge is one relationship: its properties and evidence belong to one statement.
      if (i === relation.edgeHop) expect(hop.length).toBeUndefined();
    });
    expect(relation.edgeHop).toBeLessThan(relation.hops.length);
  });

  it('a Source is cited by entities through the evidence relationship', () => {
    expect(patternOf('Source', 'citedBy')).toBe('MATCH (this0)<-[this1:SOURCED_FROM]-(this2) RETURN this2');
  });

  it('leaves out the target label the ontology implies, and only that', () => {
    // ORIGINATED_IN joins only Company → Zone; DESIGNATED_AS only Zone → Designation.
    expect(patternOf('Zone', 'companies')).toBe('MATCH (this0)<-[this1:ORIGINATED_IN]-(this2) RETURN this2');
    expect(patternOf('Zone', 'designations')).toBe(
      'MATCH (this0)-[this1:DESIGNATED_AS]->(this2) RETURN this2',
    );
    // SPECIALIZES_IN starts at a cluster, a zone or a program: the label is what tells them apart.
    expect(patternOf('Technology', 'clusters')).toBe(
      'MATCH (this0)<-[this1:SPECIALIZES_IN]-(this2:IndustryCluster) RETURN this2',
    );
    // LED_TO reaches a zone from a policy or a program.
    expect(patternOf('Zone', 'ledFrom')).toBe('MATCH (this0)<-[this1:LED_TO]-(this2:Policy) RETURN this2');
    // Several types, or more than one hop: the label stays.
    expect(patternOf('Zone', 'programs')).toBe(
      'MATCH (this0)-[this1:(PART_OF|ESTABLISHED_UNDER|PARTICIPATES_IN)]->(this2:Program) RETURN this2',
    );
  });

  it('walks places within places, with the edge on the hop that reaches the target', () => {
    expect(patternOf('Place', 'zones')).toBe(
      'MATCH (this0)<-[:PART_OF*0..3]-(:Place)<-[this1:LOCATED_IN]-(this2:Zone) RETURN this2',
    );
    expect(patternOf('Zone', 'province')).toBe(
      "MATCH (this0)-[this1:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(this2:Place) WHERE this2.kind IN ['province', 'autonomous-region', 'municipality'] RETURN this2",
    );
    expect(patternOf('Zone', 'city')).toBe(
      "MATCH (this0)-[this1:LOCATED_IN]->(:Place)-[:PART_OF*0..1]->(this2:Place) WHERE this2.kind IN ['city', 'municipality', 'autonomous-prefecture', 'new-area'] RETURN this2",
    );
  });
});
