import { describe, expect, it } from 'vitest';
import { allowsRelationship, cypherName, LABELS, RELATIONSHIP_TYPES } from '../../src/graph/ontology.ts';
import { schemaName, schemaStatements } from '../../src/neo4j/cypher-files.ts';

describe('ontology', () => {
  it('has a uniqueness constraint on key for every label', () => {
    const constraints = schemaStatements().filter((s) => s.startsWith('CREATE CONSTRAINT'));
    for (const label of LABELS) {
      expect(
        constraints.some((s) => s.includes(`FOR (n:${label}) REQUIRE n.key IS UNIQUE`)),
        label,
      ).toBe(true);
    }
  });

  it('puts every label in the full-text index', () => {
    const fulltext = schemaStatements().find((s) => s.startsWith('CREATE FULLTEXT INDEX')) ?? '';
    for (const label of LABELS) expect(fulltext).toMatch(new RegExp(`[:|]${label}[|)]`));
  });

  it('applies every schema statement idempotently', () => {
    for (const statement of schemaStatements()) expect(statement).toMatch(/IF NOT EXISTS/);
  });

  it('names every schema statement, each name once (applySchema creates what a store lacks by name)', () => {
    const names = schemaStatements().map(schemaName);
    expect(names).toContain('entity_key');
    expect(names).toContain('entity_text');
    expect(new Set(names).size).toBe(names.length);
    expect(() => schemaName('CREATE INDEX FOR (n:Zone) ON (n.name)')).toThrow(
      /without a name and IF NOT EXISTS/,
    );
  });

  it('says which labels a relationship type may join', () => {
    expect(allowsRelationship('LOCATED_IN', 'Zone', 'Place')).toBe(true);
    expect(allowsRelationship('LOCATED_IN', 'Place', 'Zone')).toBe(false);
    expect(allowsRelationship('INVOLVES', 'Event', 'Company')).toBe(true);
    expect(allowsRelationship('MEASURES', 'Indicator', 'Source')).toBe(false);
  });

  it('quotes only names of the ontology for Cypher', () => {
    expect(cypherName('Zone')).toBe('`Zone`');
    expect(cypherName('LED_TO')).toBe('`LED_TO`');
    expect(() => cypherName('Zone` DETACH DELETE n //' as never)).toThrow(/Not a label/);
    expect(RELATIONSHIP_TYPES).not.toContain('SOURCED_FROM');
  });
});
