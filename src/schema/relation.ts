/**
 * relations(types, direction, first, after) on every Entity: all its domain relations, whatever the
 * types, for clients that walk the graph generically (explorers, exports). Batched per request.
 */

import { GraphQLError } from 'graphql';
import { type GenericEdge, RELATIONS_LIST, type RelationDirection } from '../graph/entity-store.ts';
import { isRelationshipType, RELATIONSHIP_TYPES } from '../graph/ontology.ts';
import { DEFAULT_PAGE_SIZE } from '../graph/paging.ts';
import type { EntityRecord } from '../graph/records.ts';
import { builder } from './builder.ts';
import {
  asUserErrors,
  type ConnectionShape,
  EntityRef,
  EvidenceRef,
  RelationStatementRef,
  statementEvidence,
  toConnection,
} from './entity.ts';
import { reads } from './field-reads.ts';
import { registerPagedList } from './paging-args.ts';
import { relationshipPropertyFields } from './relationship-properties.ts';

export const DirectionEnum = builder.enumType('Direction', {
  description: 'Which way a relation points from the entity asked about.',
  values: {
    OUTGOING: { value: 'OUTGOING' },
    INCOMING: { value: 'INCOMING' },
    BOTH: { value: 'BOTH' },
  } as const,
});

const RelationEdgeRef = builder.objectRef<GenericEdge>('RelationEdge').implement({
  description:
    'A relation of the entity: its type, its direction, the entity at the other end, its statements.',
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    type: t.exposeString('type'),
    direction: t.field({ type: DirectionEnum, resolve: (e) => e.direction }),
    node: t.field({ type: EntityRef, description: 'The entity at the other end.', resolve: (e) => e.node }),
    ...relationshipPropertyFields(t, (e) => e.statements),
    evidence: t.field({ type: [EvidenceRef], resolve: (e) => e.statements.map(statementEvidence) }),
    statements: t.field({ type: [RelationStatementRef], resolve: (e) => e.statements }),
  }),
});

const RelationConnectionRef = builder.objectRef<ConnectionShape>('RelationConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [RelationEdgeRef], resolve: (c) => c.edges as GenericEdge[] }),
    // Relay's own PageInfo, shared with every other connection.
    pageInfo: t.field({ type: builder.pageInfoRef(), resolve: (c) => c.pageInfo }),
  }),
});

registerPagedList('Entity', 'relations', {
  list: RELATIONS_LIST,
  target: 'Entity',
  defaultOrder: { field: 'relations', direction: 'ASC' },
});

builder.interfaceField(EntityRef, 'relations', (t) =>
  t.field({
    ...reads({ kind: 'nothing' }),
    type: RelationConnectionRef,
    description:
      'All relations of this entity (optionally of some types, in one direction), ordered by type.',
    args: {
      types: t.arg.stringList({
        required: false,
        description: `Relation types, e.g. ["LOCATED_IN"]; default all.`,
      }),
      direction: t.arg({ type: DirectionEnum, required: false, defaultValue: 'BOTH' }),
      first: t.arg.int({
        required: false,
        defaultValue: DEFAULT_PAGE_SIZE,
        description: `How many relations: 0 to MAX_PAGE_SIZE (100 unless configured); default ${DEFAULT_PAGE_SIZE}.`,
      }),
      after: t.arg.string({
        required: false,
        description: 'A cursor of relations (edges.cursor or pageInfo.endCursor), for the next page.',
      }),
    },
    resolve: (entity: EntityRecord, args, ctx) =>
      asUserErrors(async () => {
        const unknown = (args.types ?? []).filter((type) => !isRelationshipType(type));
        if (unknown.length) {
          throw new GraphQLError(
            `Unknown relation type ${unknown.join(', ')}; the types are ${RELATIONSHIP_TYPES.join(', ')}.`,
            { extensions: { code: 'BAD_USER_INPUT' } },
          );
        }
        const page = await ctx.loaders
          .relations(entity.__label, {
            types: args.types?.length ? (args.types as GenericEdge['type'][]) : [...RELATIONSHIP_TYPES],
            direction: (args.direction ?? 'BOTH') as RelationDirection,
            first: args.first ?? DEFAULT_PAGE_SIZE,
            after: args.after ?? null,
          })
          .load(entity.key);
        return toConnection(page, async () => page.edges.length);
      }),
  }),
);
