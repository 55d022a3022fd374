/**
 * The vocabulary of the graph, written once. Constraints, import validation, export columns and the
 * GraphQL types all derive from these lists: adding a label or a relationship type starts here.
 * docs/ontology.md explains each entry and where it departs from the starting vocabulary.
 */

export const LABELS = [
  'Zone',
  'Program',
  'Policy',
  'Company',
  'IndustryCluster',
  'Organization',
  'Place',
  'Designation',
  'Technology',
  'Event',
  'Indicator',
  'Source',
] as const;
export type Label = (typeof LABELS)[number];

/** Labels whose nodes must carry provenance (a Source is its own provenance). */
export const DOMAIN_LABELS = LABELS.filter((l): l is Exclude<Label, 'Source'> => l !== 'Source');
export type DomainLabel = (typeof DOMAIN_LABELS)[number];

export const RELATIONSHIP_TYPES = [
  'LOCATED_IN',
  'PART_OF',
  'ISSUED_BY',
  'LAUNCHED_BY',
  'APPROVED_BY',
  'ESTABLISHED_UNDER',
  'LED_TO',
  'DESIGNATED_AS',
  'PARTICIPATES_IN',
  'ORIGINATED_IN',
  'SPECIALIZES_IN',
  'INVOLVES',
  'MEASURES',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/**
 * Provenance of nodes is stored as (node)-[:SOURCED_FROM {quote}]->(:Source); it is not a domain
 * relationship, so it is kept out of RELATIONSHIP_TYPES (neighbourhoods and exports treat it apart).
 */
export const EVIDENCE_RELATIONSHIP = 'SOURCED_FROM';

/**
 * A source's value for one property of a node, (node)-[:STATED_IN {property, value, quote, headline}]->(:Source):
 * where sources disagree each value stays (claims.ts). Like SOURCED_FROM, provenance, not a domain relation.
 */
export const CLAIM_RELATIONSHIP = 'STATED_IN';

type Endpoints = readonly (readonly [from: DomainLabel | '*', to: DomainLabel | '*'])[];

/** Which labels each relationship type may join, direction as written. '*' means any domain label. */
export const RELATIONSHIP_ENDPOINTS: Record<RelationshipType, Endpoints> = {
  LOCATED_IN: [
    ['Zone', 'Place'],
    ['IndustryCluster', 'Zone'],
    ['Company', 'Place'],
    ['Organization', 'Place'],
  ],
  PART_OF: [
    ['Place', 'Place'],
    ['Zone', 'Program'],
    ['Program', 'Program'],
    ['Designation', 'Designation'],
  ],
  ISSUED_BY: [['Policy', 'Organization']],
  LAUNCHED_BY: [
    ['Program', 'Organization'],
    ['Policy', 'Organization'],
  ],
  APPROVED_BY: [
    ['Program', 'Organization'],
    ['Zone', 'Organization'],
    ['Policy', 'Organization'],
    ['Designation', 'Organization'],
  ],
  ESTABLISHED_UNDER: [['Zone', 'Program']],
  LED_TO: [
    ['Policy', 'Program'],
    ['Policy', 'Policy'],
    ['Policy', 'Zone'],
    ['Policy', 'Designation'],
    ['Program', 'Zone'],
  ],
  DESIGNATED_AS: [['Zone', 'Designation']],
  PARTICIPATES_IN: [['Zone', 'Program']],
  ORIGINATED_IN: [['Company', 'Zone']],
  SPECIALIZES_IN: [
    ['IndustryCluster', 'Technology'],
    ['Zone', 'Technology'],
    ['Program', 'Technology'],
  ],
  INVOLVES: [['Event', '*']],
  MEASURES: [['Indicator', '*']],
};

export function isLabel(value: string): value is Label {
  return (LABELS as readonly string[]).includes(value);
}

export function isRelationshipType(value: string): value is RelationshipType {
  return (RELATIONSHIP_TYPES as readonly string[]).includes(value);
}

/** True when `type` may join a node labelled `from` to one labelled `to`. */
export function allowsRelationship(type: RelationshipType, from: Label, to: Label): boolean {
  if (from === 'Source' || to === 'Source') return false;
  return RELATIONSHIP_ENDPOINTS[type].some(([f, t]) => (f === '*' || f === from) && (t === '*' || t === to));
}

/** Keys are lowercase slugs: stable, readable, safe in URLs and global IDs. */
export const KEY_PATTERN = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

/** Backtick-quotes a label or type for Cypher; only ever called with a value checked against the lists above. */
export function cypherName(
  name: Label | RelationshipType | typeof EVIDENCE_RELATIONSHIP | typeof CLAIM_RELATIONSHIP,
): string {
  if (
    !isLabel(name) &&
    !isRelationshipType(name) &&
    name !== EVIDENCE_RELATIONSHIP &&
    name !== CLAIM_RELATIONSHIP
  ) {
    throw new Error(`Not a label or relationship type of the ontology: ${String(name)}`);
  }
  return `\`${name}\``;
}

/** The scalar kinds a property may hold; dates are ISO strings as precise as the source (YYYY, YYYY-MM, YYYY-MM-DD). */
export type PropertyKind = 'string' | 'int' | 'float' | 'boolean' | 'date' | 'string[]';

/** Properties every domain node has besides `key`. */
export const COMMON_PROPERTIES = {
  name: 'string',
  nameZh: 'string',
  aliases: 'string[]',
  description: 'string',
  /** Keys the entity had before keys became unique across labels (entity-keys.ts): still resolved. */
  formerKeys: 'string[]',
} as const satisfies Record<string, PropertyKind>;

/** Each label's own properties, with their kinds. Import validation and the GraphQL types read this. */
export const LABEL_PROPERTIES: Record<Label, Record<string, PropertyKind>> = {
  Zone: {
    kind: 'string',
    approvedYear: 'int',
    approvedDate: 'date',
    batchNote: 'string',
    establishedYear: 'int',
  },
  Program: {
    kind: 'string',
    year: 'int',
    date: 'date',
    target: 'string',
    managementModel: 'string',
    financingInstruments: 'string[]',
    internationalPlatforms: 'string[]',
  },
  Policy: { kind: 'string', year: 'int', date: 'date', documentNumber: 'string', purpose: 'string' },
  Company: { foundedYear: 'int' },
  IndustryCluster: {},
  Organization: { kind: 'string' },
  Place: { kind: 'string', adminCode: 'string' },
  Designation: { kind: 'string', date: 'date', year: 'int', goal: 'string' },
  Technology: {},
  Event: {
    date: 'date',
    year: 'int',
    endYear: 'int',
    zoneCount: 'int',
    statedZoneCount: 'int',
    departure: 'string',
  },
  Indicator: {
    metric: 'string',
    value: 'float',
    unit: 'string',
    year: 'int',
    share: 'float',
    threshold: 'float',
    comparison: 'string',
    qualifier: 'string',
    date: 'date',
    computedValue: 'float',
    tableValue: 'float',
    departure: 'string',
  },
  Source: {
    title: 'string',
    publisher: 'string',
    year: 'int',
    url: 'string',
    kind: 'string',
    language: 'string',
    date: 'date',
    seen: 'boolean',
  },
};

/** Properties a relationship may carry besides its provenance (`sourceKey`, `quote`). */
export const RELATIONSHIP_PROPERTIES: Record<string, PropertyKind> = {
  since: 'int',
  until: 'int',
  year: 'int',
  date: 'date',
  role: 'string',
  notAfterYear: 'int',
  support: 'string',
};
