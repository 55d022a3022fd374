/**
 * What a field reads of the object it resolves on, declared with the field itself (as a GraphQL field
 * extension) so that the planner (selection.ts) never repeats field names: a property of the node, a
 * relation of the node (fetched in the parent's statement where it can be), the statements of an edge,
 * or nothing beyond the key and label. A field that declares nothing is read conservatively: every
 * property of its node, every statement of its edge.
 */
import type { GraphQLField } from 'graphql';

export type FieldReads =
  /** Only the key and label, or its own loader (id, type, evidence, cursor, node …). */
  | { kind: 'nothing' }
  | { kind: 'property'; name: string }
  /** A relation of the node's label: a connection, its target node, or its edge (`cityEdge`). */
  | { kind: 'relation'; relation: string; shape: RelationShape }
  /** The relationship statements behind an edge (since, until, evidence, statements …). */
  | { kind: 'statements' };

export type RelationShape = 'connection' | 'node' | 'edge';

const KEY = 'hitechReads';

/** Field options declaring what the field reads: `t.string({ ...reads({ kind: 'nothing' }), … })`. */
export function reads(what: FieldReads): { extensions: Record<string, unknown> } {
  return { extensions: { [KEY]: what } };
}

/** What a field of the schema declared it reads; undefined when it declared nothing. */
export function readsOf(field: GraphQLField<unknown, unknown> | undefined): FieldReads | undefined {
  return field?.extensions?.[KEY] as FieldReads | undefined;
}
