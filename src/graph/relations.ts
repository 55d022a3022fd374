/**
 * The relations each label exposes, in both directions, named for what they mean (Zone.companies,
 * Company.originZone, Place.zones …). Each is a fixed Cypher pattern from the parent `n` to the target
 * `m`; `r` is the relationship whose properties and evidence an edge carries (the hop next to `m`).
 * Patterns are constants of the code, never built from input. The GraphQL relation fields, the
 * relation filters of `where` and the relation-count orders all derive from this list.
 */
import {
  type DomainLabel,
  EVIDENCE_RELATIONSHIP,
  type Label,
  RELATIONSHIP_ENDPOINTS,
  type RelationshipType,
} from './ontology.ts';

export interface RelationDef {
  /** Field name on the parent type. */
  name: string;
  description: string;
  /** The target label, or 'Entity' when the target may be any label. */
  target: Label | 'Entity';
  many: boolean;
  /** MATCH pattern binding n (parent), r (relationship next to m) and m (target). */
  pattern: string;
  /** Optional condition on m (constant). */
  condition?: string;
}

const PROVINCE_KINDS = "['province', 'autonomous-region', 'municipality']";
const CITY_KINDS = "['city', 'municipality', 'autonomous-prefecture', 'new-area']";

/** Relations every domain label has: the events that involve it and the indicators that measure it. */
const common = (label: string): RelationDef[] => [
  {
    name: 'events',
    description: `Dated milestones that involve this ${label}.`,
    target: 'Event',
    many: true,
    pattern: '(n)<-[r:INVOLVES]-(m:Event)',
  },
  {
    name: 'indicators',
    description: `Statistics that measure this ${label}.`,
    target: 'Indicator',
    many: true,
    pattern: '(n)<-[r:MEASURES]-(m:Indicator)',
  },
];

const policiesThatLedTo: RelationDef = {
  name: 'ledFrom',
  description: 'Policies that led to this.',
  target: 'Policy',
  many: true,
  pattern: '(n)<-[r:LED_TO]-(m:Policy)',
};

const approvedBy: RelationDef = {
  name: 'approvedBy',
  description: 'Bodies that approved this.',
  target: 'Organization',
  many: true,
  pattern: '(n)-[r:APPROVED_BY]->(m:Organization)',
};

const launchedBy: RelationDef = {
  name: 'launchedBy',
  description: 'Bodies that launched this.',
  target: 'Organization',
  many: true,
  pattern: '(n)-[r:LAUNCHED_BY]->(m:Organization)',
};

const technologies: RelationDef = {
  name: 'technologies',
  description: 'Fields of technology or industry this specialises in.',
  target: 'Technology',
  many: true,
  pattern: '(n)-[r:SPECIALIZES_IN]->(m:Technology)',
};

const DECLARED: Record<Exclude<DomainLabel, never>, RelationDef[]> = {
  Zone: [
    {
      name: 'location',
      description: 'The most specific place the zone lies in (a city, or a county-level place).',
      target: 'Place',
      many: false,
      pattern: '(n)-[r:LOCATED_IN]->(m:Place)',
    },
    {
      name: 'city',
      description: 'The prefecture-level city (or municipality) the zone lies in.',
      target: 'Place',
      many: false,
      pattern: '(n)-[r:LOCATED_IN]->(:Place)-[:PART_OF*0..1]->(m:Place)',
      condition: `m.kind IN ${CITY_KINDS}`,
    },
    {
      name: 'province',
      description: 'The province, autonomous region or municipality the zone lies in.',
      target: 'Place',
      many: false,
      pattern: '(n)-[r:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(m:Place)',
      condition: `m.kind IN ${PROVINCE_KINDS}`,
    },
    {
      name: 'clusters',
      description: 'Industry clusters in the zone.',
      target: 'IndustryCluster',
      many: true,
      pattern: '(n)<-[r:LOCATED_IN]-(m:IndustryCluster)',
    },
    {
      name: 'companies',
      description: 'Companies that started in the zone.',
      target: 'Company',
      many: true,
      pattern: '(n)<-[r:ORIGINATED_IN]-(m:Company)',
    },
    {
      name: 'designations',
      description:
        'Statuses the zone holds or held (national hi-tech zone, demonstration zone …), with since/until.',
      target: 'Designation',
      many: true,
      pattern: '(n)-[r:DESIGNATED_AS]->(m:Designation)',
    },
    {
      name: 'programs',
      description: 'Programs the zone belongs to, was established under or takes part in.',
      target: 'Program',
      many: true,
      pattern: '(n)-[r:PART_OF|ESTABLISHED_UNDER|PARTICIPATES_IN]->(m:Program)',
    },
    technologies,
    approvedBy,
    policiesThatLedTo,
    ...common('zone'),
  ],
  Program: [
    {
      name: 'zones',
      description: 'Zones that belong to, were established under or take part in the program.',
      target: 'Zone',
      many: true,
      pattern: '(n)<-[r:PART_OF|ESTABLISHED_UNDER|PARTICIPATES_IN]-(m:Zone)',
    },
    approvedBy,
    launchedBy,
    policiesThatLedTo,
    {
      name: 'partOf',
      description: 'Programs this one is part of.',
      target: 'Program',
      many: true,
      pattern: '(n)-[r:PART_OF]->(m:Program)',
    },
    {
      name: 'parts',
      description: 'Programs that are part of this one.',
      target: 'Program',
      many: true,
      pattern: '(n)<-[r:PART_OF]-(m:Program)',
    },
    technologies,
    ...common('program'),
  ],
  Policy: [
    {
      name: 'issuedBy',
      description: 'The body that issued the policy.',
      target: 'Organization',
      many: false,
      pattern: '(n)-[r:ISSUED_BY]->(m:Organization)',
    },
    approvedBy,
    launchedBy,
    {
      name: 'ledTo',
      description: 'What the policy led to: programs, policies, zones, designations.',
      target: 'Entity',
      many: true,
      pattern: '(n)-[r:LED_TO]->(m)',
    },
    policiesThatLedTo,
    ...common('policy'),
  ],
  Company: [
    {
      name: 'originZone',
      description: 'The zone the company started in, where a source says so.',
      target: 'Zone',
      many: false,
      pattern: '(n)-[r:ORIGINATED_IN]->(m:Zone)',
    },
    {
      name: 'city',
      description: 'The city the company is based in.',
      target: 'Place',
      many: false,
      pattern: '(n)-[r:LOCATED_IN]->(m:Place)',
    },
    ...common('company'),
  ],
  IndustryCluster: [
    {
      name: 'zone',
      description: 'The zone the cluster lies in.',
      target: 'Zone',
      many: false,
      pattern: '(n)-[r:LOCATED_IN]->(m:Zone)',
    },
    technologies,
    ...common('cluster'),
  ],
  Organization: [
    {
      name: 'issued',
      description: 'Policies the body issued.',
      target: 'Policy',
      many: true,
      pattern: '(n)<-[r:ISSUED_BY]-(m:Policy)',
    },
    {
      name: 'approved',
      description: 'What the body approved: zones, programs, policies, designations.',
      target: 'Entity',
      many: true,
      pattern: '(n)<-[r:APPROVED_BY]-(m)',
    },
    {
      name: 'launched',
      description: 'Programs and policies the body launched.',
      target: 'Entity',
      many: true,
      pattern: '(n)<-[r:LAUNCHED_BY]-(m)',
    },
    {
      name: 'location',
      description: 'Where the body sits.',
      target: 'Place',
      many: false,
      pattern: '(n)-[r:LOCATED_IN]->(m:Place)',
    },
    ...common('body'),
  ],
  Place: [
    {
      name: 'zones',
      description: 'Zones in this place or in any place within it (a province’s zones include its cities’).',
      target: 'Zone',
      many: true,
      pattern: '(n)<-[:PART_OF*0..3]-(:Place)<-[r:LOCATED_IN]-(m:Zone)',
    },
    {
      name: 'companies',
      description: 'Companies based in this place or in any place within it.',
      target: 'Company',
      many: true,
      pattern: '(n)<-[:PART_OF*0..3]-(:Place)<-[r:LOCATED_IN]-(m:Company)',
    },
    {
      name: 'partOf',
      description: 'The larger place this one belongs to (city → province).',
      target: 'Place',
      many: false,
      pattern: '(n)-[r:PART_OF]->(m:Place)',
    },
    {
      name: 'parts',
      description: 'Places directly within this one.',
      target: 'Place',
      many: true,
      pattern: '(n)<-[r:PART_OF]-(m:Place)',
    },
    ...common('place'),
  ],
  Designation: [
    {
      name: 'zones',
      description: 'Zones holding (or having held) the designation, with since/until.',
      target: 'Zone',
      many: true,
      pattern: '(n)<-[r:DESIGNATED_AS]-(m:Zone)',
    },
    {
      name: 'partOf',
      description: 'The broader designation this one is an instance of.',
      target: 'Designation',
      many: false,
      pattern: '(n)-[r:PART_OF]->(m:Designation)',
    },
    {
      name: 'parts',
      description: 'Designations that are instances of this one.',
      target: 'Designation',
      many: true,
      pattern: '(n)<-[r:PART_OF]-(m:Designation)',
    },
    approvedBy,
    policiesThatLedTo,
    ...common('designation'),
  ],
  Technology: [
    {
      name: 'clusters',
      description: 'Industry clusters that specialise in this field.',
      target: 'IndustryCluster',
      many: true,
      pattern: '(n)<-[r:SPECIALIZES_IN]-(m:IndustryCluster)',
    },
    {
      name: 'zones',
      description: 'Zones that specialise in this field.',
      target: 'Zone',
      many: true,
      pattern: '(n)<-[r:SPECIALIZES_IN]-(m:Zone)',
    },
    {
      name: 'programs',
      description: 'Programs that work in this field.',
      target: 'Program',
      many: true,
      pattern: '(n)<-[r:SPECIALIZES_IN]-(m:Program)',
    },
    ...common('field'),
  ],
  Event: [
    {
      name: 'involves',
      description: 'Who and what the milestone involves, with their role.',
      target: 'Entity',
      many: true,
      pattern: '(n)-[r:INVOLVES]->(m)',
    },
    {
      name: 'indicators',
      description: 'Statistics that measure this event.',
      target: 'Indicator',
      many: true,
      pattern: '(n)<-[r:MEASURES]-(m:Indicator)',
    },
  ],
  Indicator: [
    {
      name: 'measures',
      description: 'What the statistic describes (a zone, a program, the whole system of zones …).',
      target: 'Entity',
      many: true,
      pattern: '(n)-[r:MEASURES]->(m)',
    },
    {
      name: 'events',
      description: 'Milestones that involve this statistic.',
      target: 'Event',
      many: true,
      pattern: '(n)<-[r:INVOLVES]-(m:Event)',
    },
  ],
};

const SINGLE_HOP = /^\(n\)(<-|-)\[r:([A-Z_]+)\](->|-)\(m:([A-Za-z]+)\)$/;

/**
 * The pattern without the target's label where the ontology implies it: ORIGINATED_IN joins only a
 * Company to a Zone, so whatever `(n:Zone)<-[:ORIGINATED_IN]-(m)` reaches is a Company, and Neo4j
 * need not read every target's labels to check (1.47 × the throughput of "zones by number of
 * companies"). Every writer (seed, import, curation) refuses a relationship the ontology does not allow.
 */
function withoutImpliedLabel(parent: Label, relation: RelationDef): RelationDef {
  const hop = SINGLE_HOP.exec(relation.pattern);
  if (!hop) return relation;
  const [, left, type, right, target] = hop as unknown as [string, string, RelationshipType, string, string];
  const incoming = left === '<-' && right === '-';
  const outgoing = left === '-' && right === '->';
  const endpoints = RELATIONSHIP_ENDPOINTS[type];
  if ((!incoming && !outgoing) || !endpoints) return relation;
  const matches = (end: string, label: string) => end === '*' || end === label;
  const implied = endpoints
    .filter(([from, to]) => (incoming ? matches(to, parent) : matches(from, parent)))
    .every(([from, to]) => (incoming ? from : to) === target);
  return implied ? { ...relation, pattern: relation.pattern.replace(`(m:${target})`, '(m)') } : relation;
}

export const RELATIONS = Object.fromEntries(
  Object.entries(DECLARED).map(([label, relations]) => [
    label,
    relations.map((relation) => withoutImpliedLabel(label as Label, relation)),
  ]),
) as typeof DECLARED;

/** Relations a Source has: the statements that cite it. */
export const SOURCE_CITED_BY: RelationDef = {
  name: 'citedBy',
  description: 'Entities whose facts this source states.',
  target: 'Entity',
  many: true,
  pattern: `(n)<-[r:${EVIDENCE_RELATIONSHIP}]-(m)`,
};

export function relationsOf(label: Label): RelationDef[] {
  return label === 'Source' ? [SOURCE_CITED_BY] : RELATIONS[label];
}
