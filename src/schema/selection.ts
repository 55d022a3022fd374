/**
 * The planner: what a query selects, read from the resolver's info before anything is fetched, so
 * that the store reads no more than asked and fetches the relations selected on a list's nodes in the
 * same statement as the list. Each field says what it reads (field-reads.ts); the planner only walks
 * the selection. What a relation field asks of the store (`relatedArgs`) is defined here once, for
 * the planner and for the field's own resolver alike.
 */
import {
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  getArgumentValues,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { SubgraphSelection } from '../graph/analyst-store.ts';
import type { Label } from '../graph/ontology.ts';
import type { OrderBy, PageArgs } from '../graph/paging.ts';
import {
  ALL_PROPERTIES,
  type NodeSelection,
  type RelatedArgs,
  type SelectedRelation,
} from '../graph/relation-page.ts';
import { relationNamed } from '../graph/relations.ts';
import type { Where } from '../graph/where.ts';
import { type RelationShape, readsOf } from './field-reads.ts';

export const DEFAULT_RELATION_ORDER: OrderBy = { field: 'key', direction: 'ASC' };

/** What the planner reads of a resolver's info: no more, so that it can be driven without a request. */
export type PlannerInfo = Pick<GraphQLResolveInfo, 'schema' | 'variableValues'>;

/** The arguments of a relation connection field. */
export type RelationFieldArgs = PageArgs & { where?: Where | null; orderBy?: OrderBy | null };

type AnyField = GraphQLField<unknown, unknown>;

/** The fields of a named object or interface type of the schema. */
function fieldsOfType(info: PlannerInfo, name: string): Record<string, AnyField> {
  const type = info.schema.getType(name);
  return isObjectType(type) || isInterfaceType(type) ? (type.getFields() as Record<string, AnyField>) : {};
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

/** The sub-selections of the fields called `name` in these sets; null where fragments hide them. */
function subSelections(
  sets: readonly (SelectionSetNode | undefined)[],
  name: string,
): SelectionSetNode[] | null {
  const fields = selectedFields(sets);
  if (!fields) return null;
  return fields.flatMap((f) => (f.name.value === name && f.selectionSet ? [f.selectionSet] : []));
}

/** Whether these sets select a field called `name`, or may (fragments hide what they select). */
function maySelect(sets: readonly (SelectionSetNode | undefined)[], name: string): boolean {
  const fields = selectedFields(sets);
  return !fields || fields.some((f) => f.name.value === name);
}

/** Whether an edge selection (of `typeName`, e.g. ZoneEdge) reads the statements behind the edge. */
function readsStatements(info: PlannerInfo, typeName: string, sets: readonly SelectionSetNode[]): boolean {
  const fields = selectedFields(sets);
  if (!fields) return true;
  const typeFields = fieldsOfType(info, typeName);
  return fields.some((field) => {
    if (field.name.value === '__typename') return false;
    const read = readsOf(typeFields[field.name.value]);
    return read === undefined || read.kind === 'statements';
  });
}

/**
 * What a query reads of the nodes of `label` selected by these sets: the properties, and the
 * relations with their arguments. Where fragments make the selection unknowable in advance, every
 * property and no relation: those fields then resolve through their loaders as usual.
 */
export function nodeSelection(
  info: PlannerInfo,
  label: Label | 'Entity',
  sets: readonly (SelectionSetNode | undefined)[],
): NodeSelection {
  const fields = selectedFields(sets);
  if (!fields) return ALL_PROPERTIES;
  const typeFields = fieldsOfType(info, label);
  const properties = new Set<string>();
  const relations = new Map<string, { nodes: FieldNode[]; relation: string; shape: RelationShape }>();
  let allProperties = false;
  for (const node of fields) {
    if (node.name.value === '__typename') continue;
    const read = readsOf(typeFields[node.name.value]);
    if (read?.kind === 'property') properties.add(read.name);
    else if (read?.kind === 'relation') {
      const responseName = node.alias?.value ?? node.name.value;
      const planned = relations.get(responseName);
      if (planned) planned.nodes.push(node);
      else relations.set(responseName, { nodes: [node], relation: read.relation, shape: read.shape });
    } else if (read?.kind !== 'nothing') allProperties = true;
  }
  const selected: SelectedRelation[] = [];
  for (const [responseName, { nodes, relation, shape }] of relations) {
    const [node] = nodes;
    const definition = label === 'Entity' ? undefined : relationNamed(label, relation);
    // A response name selected twice merges sub-selections: left to the field's own resolver.
    if (!node || nodes.length > 1 || !definition) continue;
    const field = typeFields[node.name.value];
    if (!field) continue;
    // Validation has coerced the arguments already: this cannot fail on a request that got here.
    const args = getArgumentValues(field, node, info.variableValues) as RelationFieldArgs;
    selected.push({
      responseName,
      relation,
      args: relatedArgs(info, definition.target, shape, args, nodes),
    });
  }
  return { properties: allProperties ? 'all' : [...properties], relations: selected };
}

/** Lookup fields whose selection names no relation field: decided once per parsed field. */
const SELECTS_NO_RELATION = new WeakSet<FieldNode>();

/**
 * What a lookup by key (`zone(key:)`) selects of its node, when that includes relations to fetch in
 * the lookup's own statement; null when it selects none (the shared by-key loader serves it). Which
 * fields a document selects does not change between requests, so a field found to select no
 * relation is remembered and not walked again.
 */
export function lookupSelection(info: PlannerInfo & Pick<GraphQLResolveInfo, 'fieldNodes'>, label: Label) {
  const [field, ...more] = info.fieldNodes;
  if (!field || more.length > 0 || SELECTS_NO_RELATION.has(field)) return null;
  const selection = nodeSelection(info, label, [field.selectionSet]);
  if (selection.relations.length === 0) {
    SELECTS_NO_RELATION.add(field);
    return null;
  }
  return selection;
}

/**
 * What a relation field asks of the store, from its shape, arguments and selection: a connection's
 * page, or the one target of a to-one relation (`city`) or its edge (`cityEdge`).
 */
export function relatedArgs(
  info: PlannerInfo,
  target: Label | 'Entity',
  shape: RelationShape,
  args: RelationFieldArgs,
  fields: readonly FieldNode[],
): RelatedArgs {
  const sets = fields.map((f) => f.selectionSet);
  if (shape === 'node') {
    const one = { where: null, orderBy: DEFAULT_RELATION_ORDER, page: { first: 1 } };
    return { ...one, statements: false, selection: nodeSelection(info, target, sets) };
  }
  if (shape === 'edge') {
    const one = { where: null, orderBy: DEFAULT_RELATION_ORDER, page: { first: 1 } };
    const edge = `${target}Edge`;
    const nodes = subSelections(sets, 'node');
    return {
      ...one,
      statements: readsStatements(
        info,
        edge,
        sets.filter((s) => s !== undefined),
      ),
      selection: nodes ? nodeSelection(info, target, nodes) : ALL_PROPERTIES,
    };
  }
  const edges = subSelections(sets, 'edges');
  const nodes = edges && subSelections(edges, 'node');
  return {
    where: args.where ?? null,
    orderBy: args.orderBy ?? DEFAULT_RELATION_ORDER,
    page: { first: args.first, after: args.after, last: args.last, before: args.before },
    statements: edges ? readsStatements(info, `${target}Edge`, edges) : true,
    selection: nodes ? nodeSelection(info, target, nodes) : ALL_PROPERTIES,
    pageInfo: maySelect(sets, 'pageInfo'),
  };
}

/** Whether a connection field reads its pageInfo (or may: fragments hide what they select). */
export function readsPageInfo(fields: readonly FieldNode[]): boolean {
  return maySelect(
    fields.map((f) => f.selectionSet),
    'pageInfo',
  );
}

/** What a root list's connection field selects of its nodes (`edges { node { … } }`). */
export function connectionSelection(
  info: PlannerInfo,
  label: Label | 'Entity',
  fields: readonly FieldNode[],
): NodeSelection {
  const edges = subSelections(
    fields.map((f) => f.selectionSet),
    'edges',
  );
  const nodes = edges && subSelections(edges, 'node');
  return nodes ? nodeSelection(info, label, nodes) : ALL_PROPERTIES;
}

/** The entity properties these selections read; 'all' where that is unknowable (fragments, other fields). */
function entityProperties(info: PlannerInfo, sets: (SelectionSetNode | undefined)[]): string[] | 'all' {
  const selection = nodeSelection(info, 'Entity', sets);
  return selection.properties;
}

/**
 * What a Subgraph or Path field (`neighborhood`, `paths`) reads: the properties of its nodes (in
 * `nodes` and in the edges' `from` and `to`), and whether its edges' statements.
 */
export function subgraphSelection(info: GraphQLResolveInfo): SubgraphSelection {
  const top = selectedFields(info.fieldNodes.map((field) => field.selectionSet));
  if (!top) return { properties: 'all', statements: true };
  const edgeSets = top.filter((f) => f.name.value === 'edges').map((f) => f.selectionSet);
  const edges = selectedFields(edgeSets);
  if (!edges) return { properties: 'all', statements: true };
  const nodeSets = [
    ...top.filter((f) => f.name.value === 'nodes'),
    ...edges.filter((f) => f.name.value === 'from' || f.name.value === 'to'),
  ].map((f) => f.selectionSet);
  return {
    properties: entityProperties(info, nodeSets),
    statements: readsStatements(
      info,
      'Relation',
      edgeSets.filter((s) => s !== undefined),
    ),
  };
}
