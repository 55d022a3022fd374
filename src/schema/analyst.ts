/**
 * Analyst tools: neighborhood, paths, timeline, and the aggregates of `stats`. Inputs are checked and
 * refused with BAD_USER_INPUT before any Cypher runs.
 */
import { AnalystStore, type GraphPath, type GraphRelation, type Subgraph } from '../graph/analyst-store.ts';
import type { Label } from '../graph/ontology.ts';
import { type EntityRecord, labelOf, toRecord } from '../graph/records.ts';
import type { Plain } from '../neo4j/values.ts';
import { checkKeyArg } from './arg-rules.ts';
import { builder } from './builder.ts';
import {
  EntityRef,
  EntityTypeEnum,
  EvidenceRef,
  objectTypeRef,
  RelationStatementRef,
  statementEvidence,
} from './entity.ts';
import { asUserErrors, userInputError } from './errors.ts';
import { reads } from './field-reads.ts';
import { relationshipPropertyFields } from './relationship-properties.ts';
import { subgraphSelection } from './selection.ts';
import { StatsRef } from './stats.ts';

const nothing = reads({ kind: 'nothing' });
const statements = reads({ kind: 'statements' });

export const RelationRef = builder.objectRef<GraphRelation>('Relation').implement({
  description: 'A relationship between two entities, with the statements (one per source) behind it.',
  fields: (t) => ({
    // Exposed (default resolvers): graphql-jit reads the property inline, with no call and no info
    // object per edge; a neighbourhood has hundreds.
    id: t.exposeID('id', {
      ...nothing,
      description: 'Stable: type and both ends, e.g. "LOCATED_IN:Zone:shenzhen->Place:shenzhen".',
    }),
    type: t.exposeString('type', { ...nothing }),
    from: t.expose('from', { ...nothing, type: EntityRef }),
    to: t.expose('to', { ...nothing, type: EntityRef }),
    ...relationshipPropertyFields(t, (r) => r.statements),
    evidence: t.field({
      ...statements,
      type: [EvidenceRef],
      resolve: (r) => r.statements.map(statementEvidence),
    }),
    statements: t.expose('statements', { ...statements, type: [RelationStatementRef] }),
  }),
});

const SubgraphRef = builder.objectRef<Subgraph>('Subgraph').implement({
  description: 'Entities and the relations between them; nodes and edges appear once each.',
  fields: (t) => ({
    nodes: t.expose('nodes', { type: [EntityRef] }),
    edges: t.expose('edges', { type: [RelationRef] }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when `limit` cut the neighbourhood short.',
    }),
  }),
});

const PathRef = builder.objectRef<GraphPath>('Path').implement({
  description: 'A path: its nodes and edges in path order; each edge keeps its own direction (from → to).',
  fields: (t) => ({
    length: t.exposeInt('length'),
    nodes: t.field({ type: [EntityRef], resolve: (p) => p.nodes }),
    edges: t.field({ type: [RelationRef], resolve: (p) => p.edges }),
  }),
});

builder.queryField('neighborhood', (t) =>
  t.field({
    type: SubgraphRef,
    description: 'The entities around one, up to `depth` relations away (1–3), optionally as of a year.',
    args: {
      key: t.arg.string({ required: true }),
      depth: t.arg.int({ required: false, defaultValue: 1 }),
      types: t.arg.stringList({ required: false, description: 'Only these relation types (default: all).' }),
      labels: t.arg({
        type: [EntityTypeEnum],
        required: false,
        description: 'Only entities of these types.',
      }),
      limit: t.arg.int({ required: false, defaultValue: 200, description: 'At most this many nodes.' }),
      asOf: t.arg.int({
        required: false,
        description: 'Only what held in this year (from since/until and years).',
      }),
    },
    resolve: (_root, args, { executor }, info) =>
      asUserErrors(() =>
        new AnalystStore(executor).neighborhood({
          key: checkKeyArg('key', args.key),
          depth: args.depth ?? 1,
          types: args.types,
          labels: args.labels as Label[] | null,
          limit: args.limit ?? 200,
          asOf: args.asOf,
          select: subgraphSelection(info),
        }),
      ),
  }),
);

builder.queryField('paths', (t) =>
  t.field({
    type: [PathRef],
    description: 'How two entities connect: the shortest paths first (distinct, at most `limit`).',
    args: {
      fromKey: t.arg.string({ required: true }),
      toKey: t.arg.string({ required: true }),
      maxLength: t.arg.int({ required: false, defaultValue: 4 }),
      limit: t.arg.int({ required: false, defaultValue: 3 }),
    },
    resolve: (_root, args, { executor }, info) =>
      asUserErrors(() =>
        new AnalystStore(executor).paths(
          checkKeyArg('fromKey', args.fromKey),
          checkKeyArg('toKey', args.toKey),
          args.maxLength ?? 4,
          args.limit ?? 3,
          subgraphSelection(info),
        ),
      ),
  }),
);

interface TimelineEntry {
  year: number;
  date: string | null;
  title: string;
  entities: EntityRecord[];
}

/** A timeline entity as the query sends it: its properties, and its labels under `__labels`. */
function toEntity(node: Record<string, Plain>): EntityRecord {
  const { __labels, ...props } = node;
  return toRecord(labelOf(__labels ?? []), props);
}

const TimelineEntryRef = builder.objectRef<TimelineEntry>('TimelineEntry').implement({
  description:
    'A dated fact: a milestone, a policy issued, a program launched, a zone approved, a designation.',
  fields: (t) => ({
    year: t.exposeInt('year'),
    date: t.exposeString('date', { nullable: true, description: 'As precise as the source gives it.' }),
    title: t.exposeString('title'),
    entities: t.field({ type: [EntityRef], resolve: (e) => e.entities }),
  }),
});

builder.queryField('timeline', (t) =>
  t.field({
    type: [TimelineEntryRef],
    description: 'Every dated fact in chronological order, optionally within years and involving some types.',
    args: {
      fromYear: t.arg.int({ required: false }),
      toYear: t.arg.int({ required: false }),
      labels: t.arg({ type: [EntityTypeEnum], required: false }),
    },
    resolve: async (_root, args, { reports }) => {
      if (args.fromYear != null && args.toYear != null && args.fromYear > args.toYear) {
        throw userInputError(`fromYear (${args.fromYear}) is after toYear (${args.toYear})`);
      }
      const rows = await reports.timeline({
        fromYear: args.fromYear ?? null,
        toYear: args.toYear ?? null,
        labels: args.labels ?? [],
      });
      return rows.map((r) => ({
        year: Number(r.year),
        date: (r.date as string) ?? null,
        title: String(r.title),
        entities: (r.entities as Record<string, Plain>[]).map(toEntity),
      }));
    },
  }),
);

// Aggregates, added to Stats (src/schema/stats.ts).
interface PlaceCount {
  place: EntityRecord;
  zones: number;
}
const PlaceCountRef = builder.objectRef<PlaceCount>('ZonesInPlace').implement({
  fields: (t) => ({
    place: t.field({ type: objectTypeRef('Place'), resolve: (c) => c.place }),
    zones: t.exposeInt('zones'),
  }),
});

interface YearCount {
  year: number;
  approved: number;
  total: number;
}
const YearCountRef = builder.objectRef<YearCount>('ZonesApprovedInYear').implement({
  fields: (t) => ({
    year: t.exposeInt('year'),
    approved: t.exposeInt('approved', { description: 'Zones that became national that year.' }),
    total: t.exposeInt('total', { description: 'The running total (of zones whose year is known).' }),
  }),
});

interface MetricYear {
  metric: string;
  year: number | null;
  count: number;
  indicators: EntityRecord[];
}
const MetricYearRef = builder.objectRef<MetricYear>('IndicatorsOfMetric').implement({
  fields: (t) => ({
    metric: t.exposeString('metric'),
    year: t.exposeInt('year', { nullable: true }),
    count: t.exposeInt('count'),
    indicators: t.field({ type: [objectTypeRef('Indicator')], resolve: (m) => m.indicators }),
  }),
});

interface StatedFigure {
  indicator: EntityRecord;
  value: number;
  difference: number;
}
const StatedFigureRef = builder.objectRef<StatedFigure>('StatedFigure').implement({
  description: 'A total a source states for the year, and how far the graph’s count is from it.',
  fields: (t) => ({
    indicator: t.field({ type: objectTypeRef('Indicator'), resolve: (f) => f.indicator }),
    value: t.exposeInt('value', { description: 'The stated total.' }),
    difference: t.exposeInt('difference', {
      description:
        'The stated total minus the graph’s count (105 − 56 = 49 in 2009: upgrades the tables date later or not at all).',
    }),
  }),
});

interface ZoneCountAsOf {
  year: number;
  count: number;
  undated: number;
  stated: StatedFigure[];
}
const ZoneCountAsOfRef = builder.objectRef<ZoneCountAsOf>('ZoneCountAsOf').implement({
  description:
    'How many zones were national in a year, as `zones(asOf:)` counts them, and where that departs from a total a source states.',
  fields: (t) => ({
    year: t.exposeInt('year'),
    count: t.exposeInt('count', {
      description: 'Zones whose approvedYear is at most the year (what zones(asOf:) lists).',
    }),
    undated: t.exposeInt('undated', { description: 'Zones left out because no source gives their year.' }),
    stated: t.field({
      type: [StatedFigureRef],
      description: 'Totals sources state for this year.',
      resolve: (c) => c.stated,
    }),
    departs: t.boolean({
      description: 'True when a stated total differs from the count.',
      resolve: (c) => c.stated.some((f) => f.difference !== 0),
    }),
  }),
});

builder.objectFields(StatsRef, (t) => ({
  zoneCountAsOf: t.field({
    type: ZoneCountAsOfRef,
    description:
      'The zones national in a year as the graph counts them, with the totals sources state for that year.',
    args: { year: t.arg.int({ required: true }) },
    resolve: async (_root, { year }, { reports }) => {
      const [row] = await reports.zoneCountAsOf(year);
      const count = Number(row?.counted ?? 0);
      return {
        year,
        count,
        undated: Number(row?.undated ?? 0),
        stated: ((row?.stated ?? []) as Record<string, Plain>[]).map((i) => ({
          indicator: toRecord('Indicator', i),
          value: Number(i.value),
          difference: Number(i.value) - count,
        })),
      };
    },
  }),
  zonesPerProvince: t.field({
    type: [PlaceCountRef],
    description: 'National hi-tech zones per province-level division, most first (optionally as of a year).',
    args: { asOf: t.arg.int({ required: false }) },
    resolve: async (_root, { asOf }, { reports }) =>
      (await reports.zonesPerProvince(asOf ?? null)).map((r) => ({
        place: toRecord('Place', r.place as Record<string, Plain>),
        zones: Number(r.zones),
      })),
  }),
  zonesApprovedPerYear: t.field({
    type: [YearCountRef],
    description: 'Zones that became national per year, with the running total.',
    resolve: async (_root, _args, { reports }) =>
      (await reports.zonesPerYear()).map((r) => ({
        year: Number(r.year),
        approved: Number(r.approved),
        total: Number(r.total),
      })),
  }),
  indicatorsByMetric: t.field({
    type: [MetricYearRef],
    description: 'Indicators grouped by metric and year.',
    resolve: async (_root, _args, { reports }) =>
      (await reports.indicators()).map((r) => ({
        metric: String(r.metric),
        year: (r.year as number) ?? null,
        count: Number(r.count),
        indicators: (r.indicators as Record<string, Plain>[]).map((i) => toRecord('Indicator', i)),
      })),
  }),
}));
