/**
 * Builds the GraphQL side of one label from the ontology: its object type (a Relay node implementing
 * Entity), its scalar fields, its relation fields (connections, or plain fields plus `<name>Edge` for
 * to-one relations), its `where` and `orderBy` inputs, its connection and edge types, and its root
 * fields (`zone(key:)`, `zones(...)`). Each file under types/ calls this with what is its own.
 */

import type { FieldMap, InputFieldMap, InputObjectRef, ObjectRef } from '@pothos/core';
import { COMMON_PROPERTIES, LABEL_PROPERTIES, type Label, type PropertyKind } from '../graph/ontology.ts';
import type { Edge, OrderBy, PageArgs } from '../graph/paging.ts';
import type { EntityRecord } from '../graph/records.ts';
import { relationsOf } from '../graph/relations.ts';
import type { Where } from '../graph/where.ts';
import { checkKeyArg } from './arg-rules.ts';
import { builder } from './builder.ts';

type Types = typeof builder.$inferSchemaTypes;

import {
  asUserErrors,
  BooleanFilter,
  type ConnectionShape,
  EntityRef,
  EvidenceRef,
  entityTypeRef,
  FloatFilter,
  IntFilter,
  OrderDirectionEnum,
  RelationStatementRef,
  registerEntityType,
  StringFilter,
  StringListFilter,
  statementEvidence,
  toConnection,
} from './entity.ts';
import { reads } from './field-reads.ts';
import { registerPagedList } from './paging-args.ts';
import { relationFields } from './relation-fields.ts';
import { type ObjectFields, propertyField, relationshipPropertyFields } from './relationship-properties.ts';
import { connectionSelection, lookupSelection, readsPageInfo } from './selection.ts';

export interface EntityTypeOptions {
  description: string;
  /** Root field names: `zone` and `zones`. */
  single: string;
  plural: string;
  /** Descriptions of the label's own properties. */
  fieldDescriptions?: Record<string, string>;
  /** The order lists use when none is given. */
  defaultOrder?: OrderBy;
  /** Gives the list an `asOf: Int` argument: only what held in that year (as a filter). */
  asOf?: { description: string; where: (year: number) => Where };
}

const upperSnake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** An edge object type: Pothos types it as the relay plugin's edge shape; our edges carry statements too. */
type EdgeRef = ObjectRef<Types, Edge>;
const connectionRefs = new Map<Label | 'Entity', unknown>();
const edgeRefs = new Map<Label | 'Entity', EdgeRef>();

/** `<Target>Edge`: the target node with the relationship's properties and evidence. */
export function edgeRef(target: Label | 'Entity'): EdgeRef {
  let ref = edgeRefs.get(target);
  if (!ref) {
    ref = builder.edgeObject({
      type: entityTypeRef(target),
      name: `${target}Edge`,
      fields: (t) => edgeFields(t as unknown as ObjectFields<Edge>),
    }) as unknown as EdgeRef;
    edgeRefs.set(target, ref);
  }
  return ref;
}
type RelationFilterShape = { some?: Where; none?: Where; count?: object };
const whereRefs = new Map<Label | 'Entity', ReturnType<typeof builder.inputRef<Where>>>();
const relationFilterRefs = new Map<
  Label | 'Entity',
  ReturnType<typeof builder.inputRef<RelationFilterShape>>
>();

/** `<Target>Connection` with `<Target>Edge`, shared by root lists and relations that reach the target. */
export function connectionRef(target: Label | 'Entity') {
  let ref = connectionRefs.get(target);
  if (!ref) {
    ref = builder.connectionObject(
      {
        type: entityTypeRef(target),
        name: `${target}Connection`,
        fields: (t) => ({
          totalCount: t.int({
            description: 'How many there are in all (counted only when asked for).',
            resolve: (connection) => (connection as unknown as ConnectionShape).totalCount(),
          }),
        }),
      },
      edgeRef(target) as never,
    );
    connectionRefs.set(target, ref);
  }
  // One connection type serves every field that reaches the target (root lists, relations from any
  // label); Pothos types a connection ref per field's resolver shape, so the shared ref is untyped here.
  return ref as never;
}

/** Fields of an edge: the relationship's properties and evidence (empty on root lists). */
function edgeFields(t: ObjectFields<Edge>) {
  return {
    ...relationshipPropertyFields(t, (e) => e.statements, {
      since: 'Year from which the relation holds.',
      until: 'Year until which it held.',
    }),
    evidence: t.field({
      ...reads({ kind: 'statements' }),
      type: [EvidenceRef],
      description: 'The sources that state this relation (empty on root lists).',
      resolve: (e) => e.statements.map(statementEvidence),
    }),
    statements: t.field({
      ...reads({ kind: 'statements' }),
      type: [RelationStatementRef],
      description: 'Each source’s statement of the relation, with its own dates: conflicts stay visible.',
      resolve: (e) => e.statements,
    }),
  };
}

function filterFor(kind: PropertyKind) {
  switch (kind) {
    case 'int':
      return IntFilter;
    case 'float':
      return FloatFilter;
    case 'string[]':
      return StringListFilter;
    case 'boolean':
      return BooleanFilter;
    default:
      return StringFilter;
  }
}

/** The properties of a label, common ones first. */
function propertiesOf(label: Label): [string, PropertyKind][] {
  const common: [string, PropertyKind][] =
    label === 'Source'
      ? [['name', 'string']]
      : (Object.entries(COMMON_PROPERTIES) as [string, PropertyKind][]);
  return [['key', 'string'], ...common, ...Object.entries(LABEL_PROPERTIES[label])];
}

export function whereRef(target: Label | 'Entity') {
  let ref = whereRefs.get(target);
  if (!ref) {
    const self = builder.inputRef<Where>(`${target}Where`);
    ref = self;
    whereRefs.set(target, ref);
    self.implement({
      description:
        target === 'Entity'
          ? 'Conditions on any entity.'
          : `Conditions on ${target} nodes: properties, relations, combined with AND, OR and NOT.`,
      fields: (t) => {
        const fields: InputFieldMap = {
          AND: t.field({ type: [self], required: false }),
          OR: t.field({ type: [self], required: false }),
          NOT: t.field({ type: self, required: false }),
        };
        const properties: [string, PropertyKind][] =
          target === 'Entity'
            ? [
                ['key', 'string'],
                ['name', 'string'],
              ]
            : propertiesOf(target);
        for (const [name, kind] of properties) {
          fields[name] = t.field({ type: filterFor(kind), required: false });
        }
        if (target !== 'Entity') {
          for (const relation of relationsOf(target)) {
            fields[relation.name] = relation.many
              ? t.field({
                  type: relationFilterRef(relation.target),
                  required: false,
                  description: `${relation.description} (some, none, count)`,
                })
              : t.field({
                  type: whereRef(relation.target),
                  required: false,
                  description: relation.description,
                });
          }
        }
        // Where is open (its fields come from the ontology at run time): the map cannot be checked
        // against it statically; the SDL test and the translation tests check it instead.
        return fields as never;
      },
    });
  }
  return ref;
}

function relationFilterRef(target: Label | 'Entity') {
  let ref = relationFilterRefs.get(target);
  if (!ref) {
    const self = builder.inputRef<RelationFilterShape>(`${target}RelationFilter`);
    ref = self;
    relationFilterRefs.set(target, ref);
    self.implement({
      description: `Conditions on a relation to ${target} nodes.`,
      fields: (t) => ({
        some: t.field({
          type: whereRef(target),
          required: false,
          description: 'At least one related node matches.',
        }),
        none: t.field({ type: whereRef(target), required: false, description: 'No related node matches.' }),
        count: t.field({
          type: IntFilter,
          required: false,
          description: 'How many related nodes there are.',
        }),
      }),
    });
  }
  return ref;
}

const orderByRefs = new Map<Label, InputObjectRef<Types, OrderBy>>();

/** `<Label>OrderBy`: the fields a list of the label can be ordered by, relation counts included. */
export function orderByRef(label: Label) {
  const known = orderByRefs.get(label);
  if (known) return known;
  const values: Record<string, { value: string; description?: string }> = {};
  for (const [name, kind] of propertiesOf(label)) {
    if (kind !== 'string[]' && kind !== 'boolean') values[upperSnake(name)] = { value: name };
  }
  for (const relation of relationsOf(label)) {
    if (relation.many && relation.target !== 'Entity') {
      values[`${upperSnake(relation.name)}_COUNT`] = {
        value: `${relation.name}Count`,
        description: `By the number of ${relation.name}.`,
      };
    }
  }
  const field = builder.enumType(`${label}OrderField`, { values });
  const ref = builder.inputRef<OrderBy>(`${label}OrderBy`).implement({
    fields: (t) => ({
      field: t.field({ type: field, required: true }),
      direction: t.field({ type: OrderDirectionEnum, required: true, defaultValue: 'ASC' }),
    }),
  });
  orderByRefs.set(label, ref);
  return ref;
}

const pageArgs = (args: PageArgs): PageArgs => ({
  first: args.first,
  after: args.after,
  last: args.last,
  before: args.before,
});

export function defineEntityType(label: Label, options: EntityTypeOptions) {
  const ref = builder.objectRef<EntityRecord>(label);
  registerEntityType(label, ref);
  const orderBy = orderByRef(label);
  const defaultOrder = options.defaultOrder ?? { field: 'name', direction: 'ASC' };

  builder.node(ref, {
    description: options.description,
    interfaces: [EntityRef],
    isTypeOf: (value) => (value as EntityRecord).__label === label,
    id: { resolve: (entity) => entity.key },
    loadMany: (keys, ctx) => ctx.loaders.byKey(label).loadMany(keys) as Promise<(EntityRecord | null)[]>,
    fields: (t) => {
      const fields: FieldMap = {};
      for (const [name, kind] of Object.entries(LABEL_PROPERTIES[label])) {
        const description = options.fieldDescriptions?.[name];
        const read = reads({ kind: 'property', name });
        fields[name] = propertyField(t, kind, { description, ...read }, (entity) => entity[name] ?? null);
      }
      for (const relation of relationsOf(label)) {
        Object.assign(fields, relationFields(t, label, relation));
      }
      return fields;
    },
  });

  builder.queryField(options.single, (t) =>
    t.field({
      type: ref,
      nullable: true,
      description: `The ${label} with this key, or null.`,
      args: { key: t.arg.string({ required: true }) },
      resolve: (_root, { key }, ctx, info) => {
        const checked = checkKeyArg('key', key);
        // Relations selected on the node come in the lookup's statement, as on a root list's nodes.
        const selection = lookupSelection(info, label);
        return selection
          ? ctx.loaders.byKeySelected(label, selection).load(checked)
          : ctx.loaders.byKey(label).load(checked);
      },
    }),
  );

  registerPagedList('Query', options.plural, {
    list: `Query.${options.plural}`,
    target: label,
    defaultOrder,
  });
  builder.queryField(options.plural, (t) =>
    t.connection(
      {
        type: ref,
        description: `${label} nodes: filtered, ordered and paged with keyset cursors.`,
        args: {
          where: t.arg({ type: whereRef(label), required: false }),
          orderBy: t.arg({
            type: orderBy,
            required: false,
            description: `Default: ${defaultOrder.field} ${defaultOrder.direction}; ties by key.`,
          }),
          ...(options.asOf
            ? { asOf: t.arg.int({ required: false, description: options.asOf.description }) }
            : {}),
        },
        resolve: (_root, args, ctx, info) =>
          asUserErrors(async () => {
            const order = (args.orderBy as OrderBy | null) ?? defaultOrder;
            const asOf = (args as { asOf?: number | null }).asOf;
            const where: Where | null | undefined =
              options.asOf && asOf != null
                ? { AND: [args.where ?? {}, options.asOf.where(asOf)] }
                : args.where;
            const page = await ctx.store.list({
              label,
              where,
              orderBy: order,
              page: pageArgs(args),
              maxPageSize: ctx.limits.maxPageSize,
              list: `Query.${options.plural}`,
              selection: connectionSelection(info, label, info.fieldNodes),
              pageInfo: readsPageInfo(info.fieldNodes),
            });
            return toConnection(page, () => ctx.store.count(label, where));
          }),
      },
      connectionRef(label),
    ),
  );

  return ref;
}
