/**
 * Reads the reference tables (data/reference/*.csv, explained in data/reference/NOTES.md) into facts:
 * zones, the places they lie in, their designations, the demonstration zones and a few companies.
 * What we add to the rows (aliases, notes, known Sources…) is data too: data/reference/curation.json.
 *
 * Pure: reads four files, returns a FactDocument, touches no database. Every fact cites the public
 * page(s) in its row's `source_url` (one Source node per URL); a row without a URL cites the
 * `reference-tables` Source. Quotes are phrases of the table row (its batch note, names or place
 * cells), never text attributed to a page we have not read.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FactDocument, nodeRef } from './facts.ts';
import { type Curation, readCuration } from './reference/curation.ts';
import { FactCollector } from './reference/fact-collector.ts';
import { PlaceIndex, type PlaceSpec } from './reference/places.ts';
import {
  type CompanyRow,
  companyRowSchema,
  type DemonstrationZoneRow,
  demonstrationZoneRowSchema,
  readCsv,
  splitList,
  type ZoneRow,
  zoneRowSchema,
} from './reference/rows.ts';
import { RowSources, webSourceKey as sourceKeyOf } from './reference/sources.ts';

export { shortQuote, slug } from './reference/sources.ts';

const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'reference');

let defaultCuration: Curation | undefined;
/** Read once: the file does not change while the process runs. */
function curationOf(dir: string): Curation {
  if (dir !== DEFAULT_DIR) return readCuration(join(dir, 'curation.json'));
  defaultCuration ??= readCuration(join(DEFAULT_DIR, 'curation.json'));
  return defaultCuration;
}

/** The Source key of a page a row cites (a page the curated data names keeps that key). */
export function webSourceKey(url: string): string {
  return sourceKeyOf(url, curationOf(DEFAULT_DIR).knownSources);
}

/** What a table reader needs while it adds one row. */
interface Reading {
  facts: FactCollector;
  sources: RowSources;
  curation: Curation;
  zoneIds: Set<string>;
}

export function readReferenceTables(dir: string = DEFAULT_DIR): FactDocument {
  const curation = curationOf(dir);
  const zones = readCsv(join(dir, 'zones.csv'), zoneRowSchema);
  const demonstrationZones = readCsv(join(dir, 'demonstration_zones.csv'), demonstrationZoneRowSchema);
  const companies = readCsv(join(dir, 'companies.csv'), companyRowSchema);

  const facts = new FactCollector();
  for (const node of curation.nodes) facts.addNode(node);
  const reading: Reading = {
    facts,
    sources: new RowSources(facts, curation.knownSources, curation.keys.referenceTablesSource),
    curation,
    zoneIds: new Set(zones.map((zone) => zone.id)),
  };
  const places = new PlaceIndex(facts, curation, zones);
  for (const row of zones) addZone(reading, places, row);
  for (const row of demonstrationZones) addDemonstrationZone(reading, row);
  for (const row of companies) addCompany(reading, places, row);
  return facts.toDocument();
}

// ---------------------------------------------------------------------------------------------------
// zones.csv

function addZone({ facts, sources, curation }: Reading, places: PlaceIndex, row: ZoneRow): void {
  const rowSources = sources.of(row.source_url);
  const rowEvidence = sources.evidence(rowSources, row.batch_note || row.name_zh || row.name_en);
  const zone = nodeRef('Zone', row.id);
  const approvedYear = row.approved_year ? Number(row.approved_year) : undefined;
  const approvedDate = approvalDate(row.batch_note, approvedYear);
  const aliases = zoneAliases(curation, row);

  facts.addNode({
    label: 'Zone',
    key: row.id,
    name: row.name_en,
    ...(row.name_zh && { nameZh: row.name_zh }),
    ...(aliases.length > 0 && { aliases }),
    properties: {
      kind: 'national-hi-tech-zone',
      ...(approvedYear !== undefined && { approvedYear }),
      ...(approvedDate && { approvedDate }),
      ...(row.batch_note && { batchNote: row.batch_note }),
    },
    evidence: rowEvidence,
  });

  const placeEvidence = sources.evidence(rowSources, `${row.city}, ${row.province}`);
  const mostSpecific = places.placesOfZone(row, placeEvidence)[0] as PlaceSpec;
  facts.addRelation('LOCATED_IN', zone, nodeRef('Place', mostSpecific.key), placeEvidence);
  facts.addRelation('PART_OF', zone, nodeRef('Program', curation.keys.hiTechZoneProgram), rowEvidence);
  facts.addRelation(
    'DESIGNATED_AS',
    zone,
    nodeRef('Designation', curation.keys.hiTechZoneDesignation),
    rowEvidence,
    {
      ...(approvedYear !== undefined && { since: approvedYear }),
      ...(approvedDate && { date: approvedDate }),
    },
  );
}

/** An alias must be written verbatim in the row's batch_note, so that none is ever made up. */
function zoneAliases(curation: Curation, row: ZoneRow): string[] {
  const aliases = curation.zoneAliases.get(row.id) ?? [];
  for (const alias of aliases) {
    if (!row.batch_note.includes(alias))
      throw new Error(`Alias "${alias}" of zone ${row.id} is not in its batch_note`);
  }
  return aliases;
}

const ISO_DATE = String.raw`\d{4}-\d{2}(?:-\d{2})?`;

/**
 * The approval date a batch note states: a date opening the note ("1991-03-06 first batch") or following
 * "approved", "upgraded" or "approval announced". Other dates in notes are report or ceremony dates
 * (Benxi's "item 2012-11-19", Tonghua's "reported by MOST 2014-01-13") and URLs hold date-like paths,
 * so neither counts. A date whose year disagrees with approved_year is not taken either.
 */
export function approvalDate(batchNote: string, approvedYear: number | undefined): string | undefined {
  const text = batchNote.replace(/https?:\/\/\S+/g, ' ');
  const match =
    new RegExp(`^(${ISO_DATE})\\b`).exec(text) ??
    new RegExp(`\\b(?:approved|upgraded|approval announced)\\s+(${ISO_DATE})\\b`).exec(text);
  const date = match?.[1];
  if (!date || approvedYear === undefined || Number(date.slice(0, 4)) !== approvedYear) return undefined;
  return date;
}

// ---------------------------------------------------------------------------------------------------
// demonstration_zones.csv

function addDemonstrationZone(
  { facts, sources, curation, zoneIds }: Reading,
  row: DemonstrationZoneRow,
): void {
  const rowSources = sources.of(row.source_url);
  const rowEvidence = sources.evidence(rowSources, row.name_zh || row.name_en);
  const designation = nodeRef('Designation', row.id);
  const date = row.approved_date || undefined;
  const year = date ? Number(date.slice(0, 4)) : undefined;
  const notes = curation.demonstrationZoneNotes.get(row.id);

  facts.addNode({
    label: 'Designation',
    key: row.id,
    name: row.name_en,
    ...(row.name_zh && { nameZh: row.name_zh }),
    ...(notes?.aliases && { aliases: notes.aliases }),
    ...(notes && { description: notes.description }),
    properties: {
      kind: 'national-innovation-demonstration-zone',
      ...(date && { date }),
      ...(year !== undefined && { year }),
    },
    evidence: rowEvidence,
  });
  facts.addRelation(
    'PART_OF',
    designation,
    nodeRef('Designation', curation.keys.demonstrationZoneDesignation),
    rowEvidence,
  );

  // An inferred host (Sunan, NOTES.md §2) says so in its quote.
  const inferred = curation.inferredHosts.get(row.id);
  const hostEvidence = inferred ? sources.evidence(rowSources, inferred) : rowEvidence;
  for (const host of splitList(row.host_zone_ids)) {
    if (!zoneIds.has(host)) throw new Error(`Demonstration zone ${row.id}: host ${host} is not in zones.csv`);
    facts.addRelation('DESIGNATED_AS', nodeRef('Zone', host), designation, hostEvidence, {
      ...(year !== undefined && { since: year }),
      ...(date && { date }),
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// companies.csv

function addCompany(
  { facts, sources, curation, zoneIds }: Reading,
  places: PlaceIndex,
  row: CompanyRow,
): void {
  const rowSources = sources.of(row.source_url);
  const rowEvidence = sources.evidence(rowSources, row.name_zh || row.name_en);
  const company = nodeRef('Company', row.id);
  const description = curation.companyDescriptions.get(row.id);

  facts.addNode({
    label: 'Company',
    key: row.id,
    name: row.name_en,
    ...(row.name_zh && { nameZh: row.name_zh }),
    ...(description && { description }),
    ...(row.founded_year && { properties: { foundedYear: Number(row.founded_year) } }),
    evidence: rowEvidence,
  });
  const city = places.cityNamed(row.city);
  facts.addRelation(
    'LOCATED_IN',
    company,
    nodeRef('Place', city.key),
    sources.evidence(rowSources, row.city),
  );

  // An empty origin_zone_id is a finding, not a gap to fill (Alibaba: NOTES.md §3).
  if (row.origin_zone_id) {
    if (!zoneIds.has(row.origin_zone_id)) {
      throw new Error(`Company ${row.id}: origin zone ${row.origin_zone_id} is not in zones.csv`);
    }
    facts.addRelation('ORIGINATED_IN', company, nodeRef('Zone', row.origin_zone_id), rowEvidence);
  }
}
