/**
 * The relationship properties are written once (RELATIONSHIP_PROPERTIES in ontology.ts): every type
 * that shows a relationship, the input that states one, and the planner must list all of them, with
 * the GraphQL type of their kind. Fails when a copy drifts (as `Relation` once lacked `date`).
 */
import { type GraphQLNamedType, isInputObjectType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOMAIN_LABELS, type PropertyKind, RELATIONSHIP_PROPERTIES } from '../../src/graph/ontology.ts';
import { schema } from '../../src/schema/index.ts';
import { relatedArgs } from '../../src/schema/selection.ts';
import { rootField } from './translation/support.ts';

const GRAPHQL_TYPE: Record<PropertyKind, string> = {
  int: 'Int',
  float: 'Float',
  boolean: 'Boolean',
  string: 'String',
  date: 'String',
  'string[]': '[String!]',
};

/** Every type whose values are relationships or statements of them, and the input that states one. */
const TYPES = [
  'Relation',
  'RelationEdge',
  'RelationStatement',
  'LinkInput',
  'EntityEdge',
  ...DOMAIN_LABELS.map((label) => `${label}Edge`),
];

function fieldsOf(type: GraphQLNamedType | undefined) {
  if (isObjectType(type) || isInputObjectType(type)) return type.getFields();
  // A renamed or missing type fails here rather than escaping the test.
  throw new Error(`${String(type)} is not an object or input type`);
}

describe('relationship properties', () => {
  it.each(TYPES)('%s has each of them, nullable, of its kind', (name) => {
    const fields = fieldsOf(schema.getType(name));
    for (const [property, kind] of Object.entries(RELATIONSHIP_PROPERTIES)) {
      const field = fields[property];
      expect(field, `${name}.${property}`).toBeDefined();
      expect(String(field?.type), `${name}.${property}`).toBe(GRAPHQL_TYPE[kind]);
    }
  });

  it.each(Object.keys(RELATIONSHIP_PROPERTIES))(
    'selecting edges { %s } has the planner read statements',
    (property) => {
      const { info, field } = rootField(`{ zones { edges { ${property} } } }`);
      expect(relatedArgs(info, 'Zone', 'connection', {}, [field]).statements).toBe(true);
    },
  );

  it('no type shows a relationship property the ontology does not have', () => {
    const known = new Set([
      'type',
      'evidence',
      'statements',
      'cursor',
      'node',
      'direction',
      'id',
      'from',
      'to',
      'source',
    ]);
    for (const name of ['Relation', 'RelationEdge', 'RelationStatement']) {
      const extra = Object.keys(fieldsOf(schema.getType(name))).filter(
        (field) => !known.has(field) && !(field in RELATIONSHIP_PROPERTIES),
      );
      expect(extra, name).toEqual([]);
    }
  });
});
