/** Provenance on everything the seed wrote, the reference tables in full, and an idempotent seed. */
import { describe, expect, it } from 'vitest';
import {
  allowsRelationship,
  isLabel,
  RELATIONSHIP_TYPES,
  type RelationshipType,
} from '../../src/graph/ontology.ts';
import { seed } from '../../src/graph/seed.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor(120_000);
// Tests elsewhere write their own nodes (keys with "-test-") into the shared graph; this file judges the seed.
const SEEDED = "NOT n.key CONTAINS '-test-'";

describe('provenance', () => {
  it('gives every seeded domain node at least one source', async () => {
    const rows = await executor.read(
      `MATCH (n) WHERE NOT n:Source AND ${SEEDED} AND NOT (n)-[:SOURCED_FROM]->(:Source)
       RETURN [l IN labels(n) WHERE l <> 'Entity'][0] + ':' + n.key AS unsourced LIMIT 20`,
    );
    expect(rows.map((r) => r.unsourced)).toEqual([]);
  });

  it('gives every seeded relationship a source that exists', async () => {
    const rows = await executor.read(
      `MATCH (a)-[r]->(b) WHERE NOT type(r) IN ['SOURCED_FROM', 'STATED_IN'] AND NOT a.key CONTAINS '-test-'
       AND (r.sourceKey IS NULL OR NOT EXISTS { MATCH (:Source {key: r.sourceKey}) })
       RETURN type(r) + ' ' + a.key + '->' + b.key AS unsourced LIMIT 20`,
    );
    expect(rows.map((r) => r.unsourced)).toEqual([]);
  });

  it('joins only labels the ontology allows (relation patterns rely on it to leave implied labels out)', async () => {
    const rows = await executor.read(
      `MATCH (a)-[r]->(b) WHERE type(r) IN $types
       RETURN DISTINCT type(r) AS type, labels(a) AS from, labels(b) AS to`,
      { types: [...RELATIONSHIP_TYPES] },
    );
    expect(rows.length).toBeGreaterThan(10);
    const pairs = rows.map((r) => ({
      type: r.type as RelationshipType,
      from: (r.from as string[]).find(isLabel),
      to: (r.to as string[]).find(isLabel),
    }));
    expect(pairs.filter((p) => !p.from || !p.to || !allowsRelationship(p.type, p.from, p.to))).toEqual([]);
  });

  it('holds all 177 zones of the reference table, each in a place that reaches a province', async () => {
    const [row] = await executor.read(
      `MATCH (z:Zone) WHERE NOT z.key CONTAINS '-test-'
       OPTIONAL MATCH (z)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(p:Place)
         WHERE p.kind IN ['province', 'autonomous-region', 'municipality']
       WITH z, count(DISTINCT p) AS provinces
       RETURN count(z) AS zones, sum(CASE WHEN provinces = 1 THEN 1 ELSE 0 END) AS placed`,
    );
    expect(row).toEqual({ zones: 177, placed: 177 });
  });

  it('keeps the two statements where the document and the table disagree, each with its source', async () => {
    // The document dates the 51 upgrades to 2009; the table dates, e.g., Quanzhou's to 2010.
    const [event] = await executor.read(
      `MATCH (e:Event {key: 'provincial-zones-elevated-2009'})-[:SOURCED_FROM]->(s:Source)
       RETURN e.year AS year, s.key AS source`,
    );
    expect(event).toEqual({ year: 2009, source: 'hi-tech-zones-overview' });
    const [zone] = await executor.read(
      `MATCH (z:Zone {key: 'quanzhou'})-[r:DESIGNATED_AS]->(:Designation {key: 'national-hi-tech-zone'})
       RETURN r.since AS since, r.sourceKey STARTS WITH 'web-' AS fromTable
       ORDER BY fromTable DESC LIMIT 1`, // two statements (the table's, its page's): the page's, in any store order
    );
    expect(zone).toEqual({ since: 2010, fromTable: true });
  });
});

describe('seed', () => {
  it('changes nothing when run a second time', async () => {
    const summary = await seed(executor);
    expect(summary.nodes.created + summary.nodes.updated).toBe(0);
    expect(summary.evidence.created + summary.evidence.updated).toBe(0);
    expect(summary.relations.created + summary.relations.updated).toBe(0);
    expect(summary.nodes.unchanged).toBeGreaterThan(600);
  });
});
