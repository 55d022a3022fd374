/**
 * What every entity type shares: the Entity interface (implements Node), Evidence, the filter inputs,
 * the ordering direction, and the registry through which types find each other by label.
 */
import type { NodeClaim } from '../graph/entity-store.ts';
import { LABELS, type Label } from '../graph/ontology.ts';
import type { Page } from '../graph/paging.ts';
import { isProperty } from '../graph/properties.ts';
import type { EntityRecord } from '../graph/records.ts';
import { FilterError, type ScalarFilter } from '../graph/where.ts';
import type { Plain } from '../neo4j/values.ts';
import { builder } from './builder.ts';
import { asUserErrors } from './errors.ts';
import { reads } from './field-reads.ts';
import { relationshipPropertyFields } from './relationship-properties.ts';

/** EntityType enum values (INDUSTRY_CLUSTER) ↔ labels (IndustryCluster). */
export function enumName(label: Label): string {
  return label.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

export const EntityTypeEnum = builder.enumType('EntityType', {
  description: 'The kinds of entity in the graph (the labels of the ontology).',
  values: Object.fromEntries(LABELS.map((label) => [enumName(label), { value: label }])) as Record<
    string,
    { value: Label }
  >,
});

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  values: { ASC: { value: 'ASC' }, DESC: { value: 'DESC' } } as const,
});

export const StringFilter = builder.inputRef<ScalarFilter>('StringFilter').implement({
  description: 'Conditions on a text property; contains/startsWith/endsWith ignore case.',
  fields: (t) => ({
    eq: t.string({ required: false }),
    ne: t.string({ required: false }),
    in: t.stringList({ required: false }),
    contains: t.string({ required: false }),
    startsWith: t.string({ required: false }),
    endsWith: t.string({ required: false }),
    isNull: t.boolean({
      required: false,
      description: 'true: the property has no value; false: it has one. (`eq: null` is refused: use this.)',
    }),
  }),
});

export const IntFilter = builder.inputRef<ScalarFilter>('IntFilter').implement({
  description: 'Conditions on a whole number (years, counts).',
  fields: (t) => ({
    eq: t.int({ required: false }),
    ne: t.int({ required: false }),
    in: t.intList({ required: false }),
    gt: t.int({ required: false }),
    gte: t.int({ required: false }),
    lt: t.int({ required: false }),
    lte: t.int({ required: false }),
    isNull: t.boolean({
      required: false,
      description: 'true: the property has no value; false: it has one. (`eq: null` is refused: use this.)',
    }),
  }),
});

export const FloatFilter = builder.inputRef<ScalarFilter>('FloatFilter').implement({
  description: 'Conditions on a number.',
  fields: (t) => ({
    eq: t.float({ required: false }),
    ne: t.float({ required: false }),
    in: t.floatList({ required: false }),
    gt: t.float({ required: false }),
    gte: t.float({ required: false }),
    lt: t.float({ required: false }),
    lte: t.float({ required: false }),
    isNull: t.boolean({
      required: false,
      description: 'true: the property has no value; false: it has one. (`eq: null` is refused: use this.)',
    }),
  }),
});

export const BooleanFilter = builder.inputRef<ScalarFilter>('BooleanFilter').implement({
  description: 'Conditions on a yes/no property (a Source was seen).',
  fields: (t) => ({
    eq: t.boolean({ required: false }),
    ne: t.boolean({ required: false }),
    isNull: t.boolean({
      required: false,
      description: 'true: the property has no value; false: it has one. (`eq: null` is refused: use this.)',
    }),
  }),
});

export const StringListFilter = builder.inputRef<ScalarFilter>('StringListFilter').implement({
  description: 'Conditions on a list of texts (aliases).',
  fields: (t) => ({
    includes: t.string({ required: false, description: 'The list holds this value.' }),
    isNull: t.boolean({
      required: false,
      description: 'true: the property has no value; false: it has one.',
    }),
  }),
});

/** Evidence as read: a node's (with its Source) or a relationship statement's (with the Source's key). */
export interface EvidenceShape {
  quote: string | null;
  paragraph: number | null;
  /** Why there is no quote, where there is none. */
  note?: string | null;
  source?: EntityRecord;
  sourceKey?: string;
}

export const EntityRef = builder.interfaceRef<EntityRecord>('Entity');

const registry = new Map<Label, ReturnType<typeof builder.objectRef<EntityRecord>>>();

export function registerEntityType(
  label: Label,
  ref: ReturnType<typeof builder.objectRef<EntityRecord>>,
): void {
  registry.set(label, ref);
}

/** The object type of a label; only call inside field thunks (all types are registered by then). */
export function objectTypeRef(label: Label) {
  const ref = registry.get(label);
  if (!ref) throw new Error(`No GraphQL type registered for ${label}`);
  return ref;
}

/** The object type of a label, or the Entity interface for relations that reach any label. */
export function entityTypeRef(label: Label | 'Entity') {
  return label === 'Entity' ? EntityRef : objectTypeRef(label);
}

export const EvidenceRef = builder.objectRef<EvidenceShape>('Evidence').implement({
  description: 'Where a fact comes from: the source, and a short quote from it (a sentence at most).',
  fields: (t) => ({
    source: t.field({
      type: objectTypeRef('Source'),
      resolve: async (e, _args, ctx) => {
        if (e.source) return e.source;
        const source = await ctx.loaders.byKey('Source').load(e.sourceKey ?? '');
        if (!source) throw new Error(`Evidence cites a missing source ${e.sourceKey}`);
        return source;
      },
    }),
    quote: t.string({ nullable: true, resolve: (e) => e.quote || null }),
    paragraph: t.int({
      nullable: true,
      description: 'The paragraph of the source the quote comes from, where known.',
      resolve: (e) => e.paragraph,
    }),
    note: t.string({
      nullable: true,
      description:
        'Why no quote supports the fact, where none does (the page could not be seen, the quote found states another value …). A quote is always words of the source.',
      resolve: (e) => e.note ?? null,
    }),
  }),
});

export const ClaimRef = builder.objectRef<NodeClaim>('Claim').implement({
  description:
    'One source’s value of one property of an entity. Where sources disagree every value is a claim; the entity’s property holds the headline one.',
  fields: (t) => ({
    property: t.exposeString('property'),
    value: t.string({
      description: 'The value as text (a year, a date as YYYY[-MM[-DD]], a name).',
      resolve: (c) => String(c.value),
    }),
    source: t.field({ type: objectTypeRef('Source'), resolve: (c) => c.source }),
    quote: t.string({
      nullable: true,
      description: 'The source’s own words, where recorded.',
      resolve: (c) => c.quote,
    }),
    note: t.string({
      nullable: true,
      description: 'What else to know about the claim, or why it has no quote.',
      resolve: (c) => c.note,
    }),
    kind: t.exposeString('kind', {
      description:
        'The kind of the claim’s source: official, academic, press, encyclopedia, aggregator or unknown (never relabelled).',
    }),
    basis: t.string({
      nullable: true,
      description:
        'How the value follows from an official text the source reproduces or lists (which text, and the reasoning); the headline rule ranks such a claim next to official ones.',
      resolve: (c) => c.basis,
    }),
    headline: t.exposeBoolean('headline', { description: 'The value the entity’s property holds.' }),
  }),
});

/** One statement of a relationship by one source, with its own properties. */
export type Statement = Record<string, Plain>;

export function statementEvidence(statement: Statement): EvidenceShape {
  return {
    sourceKey: String(statement.sourceKey),
    quote: (statement.quote as string) || null,
    paragraph: (statement.paragraph as number | null) ?? null,
    // A relationship keeps it as `evidenceNote` beside its own properties; an evidence edge as `note`.
    note: ((statement.evidenceNote ?? statement.note) as string | null) ?? null,
  };
}

export const RelationStatementRef = builder.objectRef<Statement>('RelationStatement').implement({
  description:
    'One source’s statement of a relationship. Two sources that state the same relationship, or disagree about its dates, give two statements.',
  fields: (t) => ({
    type: t.string({ resolve: (s) => String(s.type) }),
    ...relationshipPropertyFields(t, (s) => [s]),
    evidence: t.field({ type: EvidenceRef, resolve: statementEvidence }),
  }),
});

// The one map of domain errors to client errors lives in errors.ts.
export { asUserErrors } from './errors.ts';

export interface ConnectionShape {
  edges: Page['edges'];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: () => Promise<number>;
}

/**
 * A page's pageInfo, whose cursors are encoded only when read: a nested list of 20 × 10 connections
 * that reads no pageInfo encoded 440 cursors per request for nothing (3 % of its CPU).
 */
class PageInfo {
  constructor(private readonly page: Page) {}
  get hasNextPage(): boolean {
    return this.page.hasNextPage;
  }
  get hasPreviousPage(): boolean {
    return this.page.hasPreviousPage;
  }
  get startCursor(): string | null {
    return this.page.edges[0]?.cursor ?? null;
  }
  get endCursor(): string | null {
    return this.page.edges.at(-1)?.cursor ?? null;
  }
}

export function toConnection(page: Page, totalCount: () => Promise<number>): ConnectionShape {
  return { edges: page.edges, pageInfo: new PageInfo(page), totalCount };
}

/** The first statement that sets a property (statements are ordered by source). */
EntityRef.implement({
  description: 'Anything the graph holds about the hi-tech zones: every label of the ontology.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (entity) => entity.__label,
  fields: (t) => ({
    key: t.string({
      ...reads({ kind: 'property', name: 'key' }),
      description: 'Stable, readable, unique per type (e.g. "zhongguancun").',
      resolve: (e) => e.key,
    }),
    name: t.string({ ...reads({ kind: 'property', name: 'name' }), resolve: (e) => String(e.name ?? e.key) }),
    nameZh: t.string({
      ...reads({ kind: 'property', name: 'nameZh' }),
      nullable: true,
      description: 'Chinese name, where known.',
      resolve: (e) => (e.nameZh as string) ?? null,
    }),
    aliases: t.stringList({
      ...reads({ kind: 'property', name: 'aliases' }),
      description: 'Former names, abbreviations, other spellings.',
      resolve: (e) => (e.aliases as string[]) ?? [],
    }),
    description: t.string({
      ...reads({ kind: 'property', name: 'description' }),
      nullable: true,
      resolve: (e) => (e.description as string) ?? null,
    }),
    type: t.field({
      ...reads({ kind: 'nothing' }),
      type: EntityTypeEnum,
      description: 'The kind of entity.',
      resolve: (e) => e.__label,
    }),
    formerKeys: t.stringList({
      ...reads({ kind: 'property', name: 'formerKeys' }),
      description:
        'Keys this entity had before keys were made unique across types (the place `shenzhen` is now `shenzhen-place`); they still find it.',
      resolve: (e) => (e.formerKeys as string[]) ?? [],
    }),
    claims: t.field({
      ...reads({ kind: 'nothing' }),
      type: [ClaimRef],
      description:
        'Each source’s value of a property, where sources were recorded per value: every value of a property the sources disagree on, the headline (the property’s own value) first. docs/ontology.md gives the headline rule.',
      args: {
        property: t.arg.string({
          required: false,
          description: 'Only the claims on this property (e.g. "approvedYear").',
        }),
      },
      resolve: (e, { property }, ctx) =>
        asUserErrors(async () => {
          if (property != null && !isProperty(e.__label, property)) {
            throw new FilterError(
              `claims(property: "${property}"): ${e.__label} has no property ${property}; ask for one of the fields of ${e.__label}`,
            );
          }
          const claims = await ctx.loaders.claims(e.__label).load(e.key);
          return property == null ? claims : claims.filter((c) => c.property === property);
        }),
    }),
    evidence: t.field({
      ...reads({ kind: 'nothing' }),
      type: [EvidenceRef],
      description: 'The sources that state this entity, each with a short quote.',
      resolve: (e, _args, ctx) => ctx.loaders.evidence(e.__label).load(e.key),
    }),
  }),
});
