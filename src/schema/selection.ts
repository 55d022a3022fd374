/**
 * What a query selects, read from the resolver's info before anything is fetched, so that the store
 * reads no more than asked and fetches nested relations in the same statement as their parents:
 * a connection's node properties, the to-many relations selected on its nodes (with their
 * arguments, recursively), and whether its edges' statements are read at all.
 */
import {
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  getArgumentValues,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { SubgraphSelection } from '../graph/analyst-store.ts';
import { isProperty } from '../graph/cypher-builder.ts';
import type { Label } from '../graph/ontology.ts';
import type { OrderBy, PageArgs } from '../graph/paging.ts';
import {
  ALL_PROPERTIES,
  type NodeSelection,
  type RelatedArgs,
  type SelectedRelation,
} from '../graph/relation-page.ts';
import { relationsOf } from '../graph/relations.ts';
import type { Where } from '../graph/where.ts';
import { RELATIONSHIP_PROPERTY_NAMES } from './relationship-properties.ts';

/** Fields of an edge or a Relation that read relationship statements (cursor, node, id, from, to do not). */
const STATEMENT_FIELDS = new Set([...RELATIONSHIP_PROPERTY_NAMES, 'evidence', 'statements']);

/** Entity fields that need nothing but the key and label (resolved from them or through loaders). */
const KEY_ONLY_FIELDS = new Set(['__typename', 'id', 'type', 'evidence', 'relations']);

export const DEFAULT_RELATION_ORDER: OrderBy = { field: 'key', direction: 'ASC' };

/** What the planner reads of a resolver's info: no more, so that it can be driven without a request. */
export type PlannerInfo = Pick<GraphQLResolveInfo, 'schema' | 'variableValues'>;

/** The arguments of a relation connection field. */
export type RelationFieldArgs = PageArgs & { where?: Where | null; orderBy?: OrderBy | null };

/** The sub-selections of the fields called `name`; null when a fragment could select anything. */
function fieldsOf(set: SelectionSetNode | undefined, name: string): SelectionSetNode[] | null {
  const found: SelectionSetNode[] = [];
  for (const selection of set?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) return null;
    if (selection.name.value === name && selection.selectionSet) found.push(selection.selectionSet);
  }
  return found;
}

/** True unless the connection's edges are certainly read for cursor and node only. */
function selectsEdgeData(fields: readonly FieldNode[]): boolean {
  for (const field of fields) {
    const edges = fieldsOf(field.selectionSet, 'edges');
    if (edges === null) return true;
    for (const edge of edges) {
      for (const selection of edge.selections) {
        if (selection.kind !== Kind.FIELD || STATEMENT_FIELDS.has(selection.name.value)) return true;
      }
    }
  }
  return false;
}

/**
 * What the connection fields select of their nodes (`edges { node { … } }`): the properties, and the
 * to-many relations with their arguments. Where fragments make the selection unknowable in advance,
 * every property and no relation: those fields then resolve through their loaders as usual.
 */
export function connectionSelection(
  info: PlannerInfo,
  label: Label | 'Entity',
  fields: readonly FieldNode[],
): NodeSelection {
  const nodeSets: SelectionSetNode[] = [];
  for (const field of fields) {
    const edges = fieldsOf(field.selectionSet, 'edges');
    if (edges === null) return ALL_PROPERTIES;
    for (const edge of edges) {
      const nodes = fieldsOf(edge, 'node');
      if (nodes === null) return ALL_PROPERTIES;
      nodeSets.push(...nodes);
    }
  }
  const relations = label === 'Entity' ? [] : relationsOf(label);
  const properties = new Set<string>();
  const relationFields = new Map<string, FieldNode[]>();
  let allProperties = false;
  for (const set of nodeSets) {
    for (const selection of set.selections) {
      if (selection.kind !== Kind.FIELD) return ALL_PROPERTIES;
      const name = selection.name.value;
      const relation = relations.find((r) => r.name === name || `${r.name}Edge` === name);
      if (isProperty(label, name)) properties.add(name);
      else if (relation?.many) {
        const responseName = selection.alias?.value ?? name;
        relationFields.set(responseName, [...(relationFields.get(responseName) ?? []), selection]);
      } else if (!relation && !KEY_ONLY_FIELDS.has(name)) allProperties = true;
    }
  }
  const selected: SelectedRelation[] = [];
  const type = label === 'Entity' ? undefined : (info.schema.getType(label) as GraphQLObjectType);
  for (const [responseName, nodes] of relationFields) {
    const [node] = nodes;
    const definition = node && type?.getFields()[node.name.value];
    // A response name selected twice merges sub-selections: left to the field's own resolver.
    if (!node || nodes.length > 1 || !definition) continue;
    const relation = relations.find((r) => r.name === node.name.value);
    if (!relation) continue;
    let args: RelationFieldArgs;
    try {
      args = getArgumentValues(definition, node, info.variableValues) as RelationFieldArgs;
    } catch {
      continue; // reported by the field's resolver
    }
    selected.push({
      responseName,
      relation: relation.name,
      args: relatedArgs(args, info, nodes, relation.target),
    });
  }
  return { properties: allProperties ? 'all' : [...properties], relations: selected };
}

/** What a relation connection field asks of the store, from its arguments and selection. */
export function relatedArgs(
  args: RelationFieldArgs,
  info: PlannerInfo,
  fields: readonly FieldNode[],
  target: Label | 'Entity',
): RelatedArgs {
  return {
    where: args.where ?? null,
    orderBy: args.orderBy ?? DEFAULT_RELATION_ORDER,
    page: { first: args.first, after: args.after, last: args.last, before: args.before },
    statements: selectsEdgeData(fields),
    selection: connectionSelection(info, target, fields),
  };
}

/** The fields selected directly in these sets; null when a fragment could select anything. */
function selectedFields(sets: readonly (SelectionSetNode | undefined)[]): FieldNode[] | null {
  const fields: FieldNode[] = [];
  for (const set of sets) {
    for (const selection of set?.selections ?? []) {
      if (selection.kind !== Kind.FIELD) return null;
      fields.push(selection);
    }
  }
  return fields;
}

/** The entity properties these selections read; 'all' where that is unknowable (fragments, other fields). */
function entityProperties(sets: (SelectionSetNode | undefined)[]): string[] | 'all' {
  const fields = selectedFields(sets);
  if (!fields) return 'all';
  const properties = new Set<string>();
  for (const field of fields) {
    const name = field.name.value;
    if (isProperty('Entity', name)) properties.add(name);
    else if (!KEY_ONLY_FIELDS.has(name)) return 'all';
  }
  return [...properties];
}

/**
 * What a Subgraph or Path field (`neighborhood`, `paths`) reads: the properties of its nodes (in
 * `nodes` and in the edges' `from` and `to`), and whether its edges' statements.
 */
export function subgraphSelection(info: GraphQLResolveInfo): SubgraphSelection {
  const top = selectedFields(info.fieldNodes.map((field) => field.selectionSet));
  if (!top) return { properties: 'all', statements: true };
  const edges = selectedFields(top.filter((f) => f.name.value === 'edges').map((f) => f.selectionSet));
  if (!edges) return { properties: 'all', statements: true };
  const nodeSets = [
    ...top.filter((f) => f.name.value === 'nodes'),
    ...edges.filter((f) => f.name.value === 'from' || f.name.value === 'to'),
  ].map((f) => f.selectionSet);
  return {
    properties: entityProperties(nodeSets),
    statements: edges.some((f) => STATEMENT_FIELDS.has(f.name.value)),
  };
}
