/**
 * The relations each label exposes, in both directions, named for what they mean (Zone.companies,
 * Company.originZone, Place.zones …). Each is data: the hops from the parent to the target, which hop's
 * relationship the edge carries (its properties and evidence), and an optional condition on the
 * target's kind. `relation-pattern.ts` turns a definition into a Cypher pattern; a test checks every
 * hop against RELATIONSHIP_ENDPOINTS. The GraphQL relation fields, the relation filters of `where` and
 * the relation-count orders all derive from this list.
 */
import {
  type DomainLabel,
  EVIDENCE_RELATIONSHIP,
  type Label,
  RELATIONSHIP_ENDPOINTS,
  type RelationshipType,
} from './ontology.ts';

export type HopType = RelationshipType | typeof EVIDENCE_RELATIONSHIP;

/** One step of a relation's path. */
export interface Hop {
  /** Relationship types the step may follow (alternatives). */
  types: readonly HopType[];
  direction: 'out' | 'in';
  /** A variable-length step (`PART_OF*0..3`); one relationship otherwise. */
  length?: { min: number; max: number };
  /** The label of the node the step reaches, for steps before the last (the last reaches the target). */
  to?: Label;
}

export interface RelationDef {
  /** Field name on the parent type. */
  name: string;
  description: string;
  /** The target label, or 'Entity' when the target may be any label. */
  target: Label | 'Entity';
  many: boolean;
  /** The path from the parent to the target. */
  hops: readonly Hop[];
  /** The index of the hop whose relationship an edge carries (one relationship, never variable-length). */
  edgeHop: number;
  /** The list its cursors belong to: `<Parent>.<name>`, its GraphQL type and field. */
  list: string;
  /** The target's `kind` is one of these (cities, provinces). */
  targetKinds?: readonly string[];
  /**
   * Whether the pattern names the target's label. Not where the ontology implies it: ORIGINATED_IN
   * joins only a Company to a Zone, so whatever `(n:Zone)<-[:ORIGINATED_IN]-(m)` reaches is a Company,
   * and Neo4j need not read every target's labels to check (1.47 × the throughput of "zones by number
   * of companies"). Every writer (seed, import, curation) refuses a relationship the ontology does not
   * allow. Set by `RELATIONS`, not by the declarations.
   */
  labelTarget: boolean;
}

type Declared = Omit<RelationDef, 'labelTarget' | 'edgeHop' | 'list'> & { edgeHop?: number };

const out = (...types: HopType[]): Hop => ({ types, direction: 'out' });
const into = (...types: HopType[]): Hop => ({ types, direction: 'in' });

/** A relation of one hop, the usual case. */
function oneHop(
  name: string,
  description: string,
  target: Label | 'Entity',
  many: boolean,
  hop: Hop,
): Declared {
  return { name, description, target, many, hops: [hop] };
}

const PROVINCE_KINDS = ['province', 'autonomous-region', 'municipality'] as const;
const CITY_KINDS = ['city', 'municipality', 'autonomous-prefecture', 'new-area'] as const;

/** Relations every domain label has: the events that involve it and the indicators that measure it. */
const common = (label: string): Declared[] => [
  oneHop('events', `Dated milestones that involve this ${label}.`, 'Event', true, into('INVOLVES')),
  oneHop('indicators', `Statistics that measure this ${label}.`, 'Indicator', true, into('MEASURES')),
];

const policiesThatLedTo = oneHop('ledFrom', 'Policies that led to this.', 'Policy', true, into('LED_TO'));
const approvedBy = oneHop(
  'approvedBy',
  'Bodies that approved this.',
  'Organization',
  true,
  out('APPROVED_BY'),
);
const launchedBy = oneHop(
  'launchedBy',
  'Bodies that launched this.',
  'Organization',
  true,
  out('LAUNCHED_BY'),
);
const technologies = oneHop(
  'technologies',
  'Fields of technology or industry this specialises in.',
  'Technology',
  true,
  out('SPECIALIZES_IN'),
);
/** Places within a place, down to three levels (a province's counties), the place itself included. */
const withinPlace: Hop = { types: ['PART_OF'], direction: 'in', length: { min: 0, max: 3 }, to: 'Place' };

const DECLARED: Record<DomainLabel, Declared[]> = {
  Zone: [
    oneHop(
      'location',
      'The most specific place the zone lies in (a city, or a county-level place).',
      'Place',
      false,
      out('LOCATED_IN'),
    ),
    {
      name: 'city',
      description: 'The prefecture-level city (or municipality) the zone lies in.',
      target: 'Place',
      many: false,
      hops: [
        { ...out('LOCATED_IN'), to: 'Place' },
        { ...out('PART_OF'), length: { min: 0, max: 1 } },
      ],
      edgeHop: 0,
      targetKinds: CITY_KINDS,
    },
    {
      name: 'province',
      description: 'The province, autonomous region or municipality the zone lies in.',
      target: 'Place',
      many: false,
      hops: [
        { ...out('LOCATED_IN'), to: 'Place' },
        { ...out('PART_OF'), length: { min: 0, max: 3 } },
      ],
      edgeHop: 0,
      targetKinds: PROVINCE_KINDS,
    },
    oneHop('clusters', 'Industry clusters in the zone.', 'IndustryCluster', true, into('LOCATED_IN')),
    oneHop('companies', 'Companies that started in the zone.', 'Company', true, into('ORIGINATED_IN')),
    oneHop(
      'designations',
      'Statuses the zone holds or held (national hi-tech zone, demonstration zone …), with since/until.',
      'Designation',
      true,
      out('DESIGNATED_AS'),
    ),
    oneHop(
      'programs',
      'Programs the zone belongs to, was established under or takes part in.',
      'Program',
      true,
      out('PART_OF', 'ESTABLISHED_UNDER', 'PARTICIPATES_IN'),
    ),
    technologies,
    approvedBy,
    policiesThatLedTo,
    ...common('zone'),
  ],
  Program: [
    oneHop(
      'zones',
      'Zones that belong to, were established under or take part in the program.',
      'Zone',
      true,
      into('PART_OF', 'ESTABLISHED_UNDER', 'PARTICIPATES_IN'),
    ),
    approvedBy,
    launchedBy,
    policiesThatLedTo,
    oneHop('partOf', 'Programs this one is part of.', 'Program', true, out('PART_OF')),
    oneHop('parts', 'Programs that are part of this one.', 'Program', true, into('PART_OF')),
    technologies,
    ...common('program'),
  ],
  Policy: [
    oneHop(
      'issuedBy',
      'The bodies that issued the policy (the strategic decision had two: the CPC Central Committee and the State Council).',
      'Organization',
      true,
      out('ISSUED_BY'),
    ),
    approvedBy,
    launchedBy,
    oneHop(
      'ledTo',
      'What the policy led to: programs, policies, zones, designations.',
      'Entity',
      true,
      out('LED_TO'),
    ),
    policiesThatLedTo,
    ...common('policy'),
  ],
  Company: [
    oneHop(
      'originZone',
      'The zone the company started in, where a source says so.',
      'Zone',
      false,
      out('ORIGINATED_IN'),
    ),
    oneHop('city', 'The city the company is based in.', 'Place', false, out('LOCATED_IN')),
    ...common('company'),
  ],
  IndustryCluster: [
    oneHop('zone', 'The zone the cluster lies in.', 'Zone', false, out('LOCATED_IN')),
    technologies,
    ...common('cluster'),
  ],
  Organization: [
    oneHop('issued', 'Policies the body issued.', 'Policy', true, into('ISSUED_BY')),
    oneHop(
      'approved',
      'What the body approved: zones, programs, policies, designations.',
      'Entity',
      true,
      into('APPROVED_BY'),
    ),
    oneHop('launched', 'Programs and policies the body launched.', 'Entity', true, into('LAUNCHED_BY')),
    oneHop('location', 'Where the body sits.', 'Place', false, out('LOCATED_IN')),
    ...common('body'),
  ],
  Place: [
    {
      name: 'zones',
      description: 'Zones in this place or in any place within it (a province’s zones include its cities’).',
      target: 'Zone',
      many: true,
      hops: [withinPlace, into('LOCATED_IN')],
      edgeHop: 1,
    },
    {
      name: 'companies',
      description: 'Companies based in this place or in any place within it.',
      target: 'Company',
      many: true,
      hops: [withinPlace, into('LOCATED_IN')],
      edgeHop: 1,
    },
    oneHop(
      'partOf',
      'The larger place this one belongs to (city → province).',
      'Place',
      false,
      out('PART_OF'),
    ),
    oneHop('parts', 'Places directly within this one.', 'Place', true, into('PART_OF')),
    ...common('place'),
  ],
  Designation: [
    oneHop(
      'zones',
      'Zones holding (or having held) the designation, with since/until.',
      'Zone',
      true,
      into('DESIGNATED_AS'),
    ),
    oneHop(
      'partOf',
      'The broader designation this one is an instance of.',
      'Designation',
      false,
      out('PART_OF'),
    ),
    oneHop('parts', 'Designations that are instances of this one.', 'Designation', true, into('PART_OF')),
    approvedBy,
    policiesThatLedTo,
    ...common('designation'),
  ],
  Technology: [
    oneHop(
      'clusters',
      'Industry clusters that specialise in this field.',
      'IndustryCluster',
      true,
      into('SPECIALIZES_IN'),
    ),
    oneHop('zones', 'Zones that specialise in this field.', 'Zone', true, into('SPECIALIZES_IN')),
    oneHop('programs', 'Programs that work in this field.', 'Program', true, into('SPECIALIZES_IN')),
    ...common('field'),
  ],
  Event: [
    oneHop(
      'involves',
      'Who and what the milestone involves, with their role.',
      'Entity',
      true,
      out('INVOLVES'),
    ),
    oneHop('indicators', 'Statistics that measure this event.', 'Indicator', true, into('MEASURES')),
  ],
  Indicator: [
    oneHop(
      'measures',
      'What the statistic describes (a zone, a program, the whole system of zones …).',
      'Entity',
      true,
      out('MEASURES'),
    ),
    oneHop('events', 'Milestones that involve this statistic.', 'Event', true, into('INVOLVES')),
  ],
};

/**
 * Whether the ontology already implies the target's label: one hop of one type and one relationship whose type,
 * from the parent's side, can only reach the target.
 */
function impliesTarget(parent: Label, relation: Declared): boolean {
  const [hop, ...rest] = relation.hops;
  const [type, ...otherTypes] = hop?.types ?? [];
  if (!hop || !type || rest.length || otherTypes.length || hop.length) return false;
  if (type === EVIDENCE_RELATIONSHIP || relation.target === 'Entity') return false;
  const matches = (end: string, label: string) => end === '*' || end === label;
  return RELATIONSHIP_ENDPOINTS[type]
    .filter(([from, to]) => (hop.direction === 'in' ? matches(to, parent) : matches(from, parent)))
    .every(([from, to]) => (hop.direction === 'in' ? from : to) === relation.target);
}

function define(parent: Label, relation: Declared): RelationDef {
  const labelTarget = relation.target !== 'Entity' && !impliesTarget(parent, relation);
  return {
    ...relation,
    edgeHop: relation.edgeHop ?? relation.hops.length - 1,
    labelTarget,
    list: `${parent}.${relation.name}`,
  };
}

export const RELATIONS = Object.fromEntries(
  Object.entries(DECLARED).map(([label, relations]) => [
    label,
    relations.map((relation) => define(label as Label, relation)),
  ]),
) as Record<DomainLabel, RelationDef[]>;

/** Relations a Source has: the statements that cite it. */
export const SOURCE_CITED_BY: RelationDef = define('Source', {
  name: 'citedBy',
  description: 'Entities whose facts this source states.',
  target: 'Entity',
  many: true,
  hops: [into(EVIDENCE_RELATIONSHIP)],
});

export function relationsOf(label: Label): RelationDef[] {
  return label === 'Source' ? [SOURCE_CITED_BY] : RELATIONS[label];
}

/** A relation of a label by name, or undefined. */
export function relationNamed(label: Label, name: string): RelationDef | undefined {
  return relationsOf(label).find((relation) => relation.name === name);
}
