/**
 * Reads the reference tables (data/reference/*.csv, explained in data/reference/NOTES.md) into facts:
 * zones, the places they lie in, their approvals by the State Council, their designations, the
 * demonstration zones and a few companies. What we add to the rows (aliases, notes, known Sources…) is
 * data too: data/reference/curation.json.
 *
 * Pure: reads the files, returns a FactDocument, touches no database. Evidence follows one rule: a quote
 * is words of the source it is credited to. A row's pages (its `source_url`) are cited with the verbatim
 * quotes of quotes.csv that support the statement, or, where none does, with a `note` saying so; the
 * table's own cells (batch note, names, places) quote the `reference-tables` Source.
 */
import { join } from 'node:path';
import { fromRoot } from '../project-root.ts';
import { type Evidence, type FactDocument, nodeRef, type RelationFact } from './facts.ts';
import { type Curation, readCuration } from './reference/curation.ts';
import { EvidenceBook } from './reference/evidence-book.ts';
import { FactCollector } from './reference/fact-collector.ts';
import { PlaceIndex, type PlaceNames, type PlaceSpec } from './reference/places.ts';
import {
  type CompanyRow,
  companyRowSchema,
  type DemonstrationZoneRow,
  demonstrationZoneRowSchema,
  placeRowSchema,
  readCsv,
  readRows,
  splitList,
  type ZoneRow,
  zoneRowSchema,
} from './reference/rows.ts';
import { RowSources, shortQuote, webSourceKey as sourceKeyOf } from './reference/sources.ts';

export { shortQuote, slug } from './reference/sources.ts';

/** The repository that transcribes GB/T 2260 and GB/T 37028 (NOTES.md, places.csv). */
const GB_T_2260_REPOSITORY = 'https://github.com/WankkoRee/cn-adcode-efzcode';

const DEFAULT_DIR = fromRoot('data', 'reference');

/** The body every national hi-tech zone and demonstration zone was approved by. */
export const STATE_COUNCIL = nodeRef('Organization', 'state-council');
/** The source document, whose statement of the 2009 upgrades the table's per-year spread departs from. */
const SOURCE_DOCUMENT = 'hi-tech-zones-overview';
const ELEVATED_2009 = nodeRef('Event', 'provincial-zones-elevated-2009');
const PROVINCIAL_DESIGNATION = nodeRef('Designation', 'provincial-hi-tech-zone');
/** The document's "51 provincial zones … in 2009": the table spreads them over these years. */
export const DOCUMENT_2009_BATCH_YEARS = [2009, 2010, 2011, 2012] as const;

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

/** sources.csv and quotes.csv of a folder. */
export function readEvidenceBook(dir: string = DEFAULT_DIR): EvidenceBook {
  return EvidenceBook.read(join(dir, 'sources.csv'), join(dir, 'quotes.csv'));
}

/** What a table reader needs while it adds one row. */
interface Reading {
  facts: FactCollector;
  sources: RowSources;
  book: EvidenceBook;
  curation: Curation;
  zoneIds: Set<string>;
  referenceSource: string;
}

export function readReferenceTables(dir: string = DEFAULT_DIR): FactDocument {
  const curation = curationOf(dir);
  const zones = readCsv(join(dir, 'zones.csv'), zoneRowSchema);
  const demonstrationZones = readCsv(join(dir, 'demonstration_zones.csv'), demonstrationZoneRowSchema);
  const companies = readCsv(join(dir, 'companies.csv'), companyRowSchema);
  const book = readEvidenceBook(dir);

  const facts = new FactCollector();
  for (const node of curation.nodes) facts.addNode(node);
  const sources = new RowSources(facts, curation.knownSources, book);
  const reading: Reading = {
    facts,
    sources,
    book,
    curation,
    zoneIds: new Set(zones.map((zone) => zone.id)),
    referenceSource: curation.keys.referenceTablesSource,
  };
  // A curated row naming a zone the table lacks would be silently unused.
  for (const [section, ids] of [
    ['approvalBounds', curation.approvalBounds.keys()],
    ['batchMonths', curation.batchMonths.keys()],
    ['conflictingApprovals', curation.conflictingApprovals.keys()],
  ] as const) {
    for (const id of ids)
      if (!reading.zoneIds.has(id))
        throw new Error(`curation.json ${section}: ${id} is not a zone of zones.csv`);
  }
  const places = new PlaceIndex(facts, curation, zones, placeNames(dir, sources));
  for (const row of zones) addZone(reading, places, row);
  addBatchEvents(reading, zones);
  addApprovalDocuments(reading, zones);
  for (const row of demonstrationZones) addDemonstrationZone(reading, row);
  for (const row of companies) addCompany(reading, places, row);
  addStatedTotals(reading, zones);
  return facts.toDocument();
}

/** GB/T 2260 kinds (places.csv) that fix a place's kind: one kind per division, whatever the table's cell. */
const PLACE_KINDS_OF_CODE_LIST: [RegExp, string][] = [
  [/^autonomous prefecture$/, 'autonomous-prefecture'],
  [/^county-level city\b/, 'county-level'],
  [/^district$/, 'district'],
];

/** places.csv as PlaceNames: the Chinese name and code of a place, citing the code list they come from. */
function placeNames(dir: string, sources: RowSources): PlaceNames {
  const rows = readRows(join(dir, 'places.csv'), placeRowSchema).filter((row) => row.name_zh);
  const byName = new Map(rows.map((row) => [`${row.name_en}|${row.parent_en}`, row]));
  // A place the zone table hangs elsewhere than GB/T 2260 (Yangling: a district of Xianyang, a city of
  // Shaanxi in the table) is found by its name alone when that name is unique.
  const find = (name: string, parentName: string) => {
    const exact = byName.get(`${name}|${parentName}`);
    if (exact) return exact;
    const named = rows.filter((row) => row.name_en === name);
    return named.length === 1 ? named[0] : undefined;
  };
  return {
    lookup(name, parentName) {
      const row = find(name, parentName);
      const kind = row && PLACE_KINDS_OF_CODE_LIST.find(([pattern]) => pattern.test(row.kind))?.[1];
      return row && { nameZh: row.name_zh, adminCode: row.adcode, ...(kind && { kind }) };
    },
    evidence(name, parentName) {
      const row = find(name, parentName);
      if (!row) return [];
      // The code list is JSON, not prose: the name and code are its words, but there is no sentence to quote.
      // places.csv names a file of the repository sources.csv lists: cite the repository, name the file.
      return [
        {
          source: sources.source(GB_T_2260_REPOSITORY),
          note: `No quote: an entry of the GB/T 2260-2021 code list (${row.adcode} ${row.name_zh}) in ${row.source}, as places.csv records it.`,
        },
      ];
    },
  };
}

/** The table's own words, credited to the reference-tables Source. */
function tableQuote(reading: Reading, text: string): Evidence {
  return { source: reading.referenceSource, quote: shortQuote(text) };
}

// ---------------------------------------------------------------------------------------------------
// zones.csv

/** Why the State Council is the approver of every batch: the tables' notes, not a cell of a row. */
const APPROVER_NOTE = (reading: Reading): Evidence => ({
  source: reading.referenceSource,
  note: 'National hi-tech zones are approved by the State Council (NOTES.md §1: the State Council documents and replies, 国发/国函, behind the years).',
});

/** One source's statement of a zone's approval: its own year or date where its quote gives one. */
interface ApprovalStatement {
  evidence: Evidence;
  year?: number;
  date?: string;
  notAfter?: number;
}

function addZone(reading: Reading, places: PlaceIndex, row: ZoneRow): void {
  const { facts, sources, book, curation } = reading;
  const pages = sources.pages(row.source_url);
  const zone = nodeRef('Zone', row.id);
  const approvedYear = row.approved_year ? Number(row.approved_year) : undefined;
  const approvedDate = approvalDate(row.batch_note, approvedYear);
  const aliases = zoneAliases(curation, row);
  // A note that only says what was not found ("approval year not found") supports nothing: the row's
  // name is then its words that state the zone (the note stays the zone's batchNote).
  const notesAFinding = row.batch_note && !/\bnot found\b/.test(row.batch_note);
  const rowQuote = tableQuote(reading, notesAFinding ? row.batch_note : row.name_zh || row.name_en);
  const pageEvidence = book.evidenceFor(
    'zones',
    row.id,
    ALL,
    pages,
    sources.source.bind(sources),
    'this row',
  );

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
    evidence: [rowQuote, ...pageEvidence],
  });

  const placeEvidence = [tableQuote(reading, `${row.city}, ${row.province}`)];
  const mostSpecific = places.placesOfZone(row, placeEvidence)[0] as PlaceSpec;
  facts.addRelation('LOCATED_IN', zone, nodeRef('Place', mostSpecific.key), placeEvidence);
  facts.addRelation('PART_OF', zone, nodeRef('Program', curation.keys.hiTechZoneProgram), [rowQuote]);

  const approvals = approvalStatements(reading, row, pages, rowQuote, approvedYear, approvedDate);
  for (const approval of approvals) {
    const dated = {
      ...(approval.year !== undefined && { year: approval.year }),
      ...(approval.date && { date: approval.date }),
      ...(approval.notAfter !== undefined && { notAfterYear: approval.notAfter }),
    };
    facts.addRelation('APPROVED_BY', zone, STATE_COUNCIL, [approval.evidence], dated);
    facts.addRelation(
      'DESIGNATED_AS',
      zone,
      nodeRef('Designation', curation.keys.hiTechZoneDesignation),
      [approval.evidence],
      {
        ...(approval.year !== undefined && { since: approval.year }),
        ...(approval.date && { date: approval.date }),
        ...(approval.notAfter !== undefined && { notAfterYear: approval.notAfter }),
      },
    );
  }
  addBatchMembership(reading, row, approvals, approvedYear, approvedDate);
  addProvincialStatus(reading, row, approvedYear, rowQuote);
}

const ALL = ['approved_year', 'national_status', 'same_batch', 'renamed', 'renamed_from'] as const;
const APPROVAL_FIELDS = ['approved_year', 'national_status', 'same_batch'] as const;

/**
 * Each source's statement of the approval: the table's (its year, the date its note states, or the
 * latest year a source bounds it by), each quote of quotes.csv with the year or date that quote's claim
 * gives, and each of the row's pages that no quote supports, with the table's year and a note.
 */
function approvalStatements(
  reading: Reading,
  row: ZoneRow,
  pages: { url: string; key: string }[],
  rowQuote: Evidence,
  approvedYear: number | undefined,
  approvedDate: string | undefined,
): ApprovalStatement[] {
  const { book, sources, curation } = reading;
  const notAfter = curation.approvalBounds.get(row.id);
  const statements: ApprovalStatement[] = [
    {
      evidence: rowQuote,
      ...(approvedYear !== undefined && { year: approvedYear }),
      ...(approvedDate && { date: approvedDate }),
      ...(approvedYear === undefined && notAfter !== undefined && { notAfter }),
    },
  ];
  // A page the curated data defines (the source document) states its own approvals there, with their
  // paragraph: the table's copy of its quote would be a second, poorer statement of the same source.
  const quotes = book
    .quotes('zones', row.id, APPROVAL_FIELDS)
    .filter((q) => !curation.knownSources.has(q.url));
  for (const quote of quotes) {
    const claim = quote.claims.find((c) => c.field === 'approved_year');
    const year = claim && /^\d{4}$/.test(claim.value) ? Number(claim.value) : undefined;
    // The detail dates the claim ("2012-08-28)"), else a quote opening with its own date does
    // (Chengde's "2012年9月：经国务院批准…" dates the approval to September 2012).
    const date =
      (claim?.detail && /^(\d{4}-\d{2}(?:-\d{2})?)\)?$/.exec(claim.detail.split(/[;,]/)[0] ?? '')?.[1]) ||
      openingDate(quote.quote);
    statements.push({
      evidence: { source: sources.source(quote.url), quote: quote.quote },
      ...(year !== undefined && { year }),
      ...(date && year !== undefined && date.startsWith(String(year)) && { date }),
      ...(year === undefined && notAfter !== undefined && { notAfter }),
    });
  }
  // A source that dates the zone otherwise (China Daily's 2008 timeline) stays, as its own statement.
  const conflict = curation.conflictingApprovals.get(row.id);
  if (conflict) {
    statements.push({
      evidence: {
        source: sources.source(conflict.url),
        note: `No quote: the table's note reports that this page gives ${conflict.year}; quotes.csv holds none of its words. Kept as a disagreeing statement.`,
      },
      year: conflict.year,
    });
  }
  for (const page of pages) {
    if (quotes.some((q) => q.url === page.url)) continue;
    statements.push({
      evidence: { source: page.key, note: book.missingQuoteNote(page.url, 'the approval of this zone') },
      ...(approvedYear !== undefined && { year: approvedYear }),
      ...(approvedDate && { date: approvedDate }),
      ...(approvedYear === undefined && notAfter !== undefined && { notAfter }),
    });
  }
  return statements;
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

/** The date a quote opens with, "2012年9月…" → 2012-09 ("2014年11月3日" → 2014-11-03). */
function openingDate(quote: string): string | undefined {
  const match = /^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?/.exec(quote);
  if (!match) return undefined;
  const [, year, month, day] = match as unknown as [string, string, string, string?];
  return `${year}-${month.padStart(2, '0')}${day ? `-${day.padStart(2, '0')}` : ''}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The month of a zone's approval batch: its approval date's, or a month the note names for its batch
 * ("Dec 2013 batch of 9", "one of the 26 zones of March 1991"), or curation.json's batchMonths.
 */
export function batchMonth(
  batchNote: string,
  approvedYear: number | undefined,
  approvedDate: string | undefined,
  curated?: string,
): string | undefined {
  if (curated) return curated;
  if (approvedDate) return approvedDate.slice(0, 7);
  // A zone no citable source dates (Anqing: "since the Dec 2022 batch" per an excerpt without a URL)
  // is in no batch, as `zones(asOf:)` leaves it out; the batch's departure counts it.
  if (approvedYear === undefined) return undefined;
  // Only a month the note gives the zone's own batch counts: "Dec 2013 batch of 9", "zones of March
  // 1991". A month in parentheses dates another zone ("Xinxiang (Aug/Sep 2012) was called Henan's 5th")
  // and "before/by <month>" is a bound, so neither puts a zone in that month's batch.
  const match =
    /(?<!\b(?:before|by|after) )\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4}) batch\b/.exec(
      batchNote.replace(/https?:\/\/\S+/g, ' '),
    ) ?? /\bzones of (March) (\d{4})\b/.exec(batchNote);
  if (!match) return undefined;
  const [, month, year] = match as unknown as [string, string, string];
  if (approvedYear !== undefined && Number(year) !== approvedYear) return undefined;
  return `${year}-${String(MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1).padStart(2, '0')}`;
}

/** The key of the Event standing for the State Council's approvals of one month. */
export function batchEventKey(month: string): string {
  return `zone-approvals-${month}`;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A zone's membership of its approval batch (an Event per month of State Council approvals, with the
 * approving body), and, for the 39 zones the table dates to 2009–2012, of the document's "51 provincial
 * zones … elevated … in 2009", each membership citing the zone's approval statements.
 */
function addBatchMembership(
  reading: Reading,
  row: ZoneRow,
  approvals: ApprovalStatement[],
  approvedYear: number | undefined,
  approvedDate: string | undefined,
): void {
  const { facts, curation } = reading;
  const zone = nodeRef('Zone', row.id);
  const month = batchMonth(row.batch_note, approvedYear, approvedDate, curation.batchMonths.get(row.id));
  const quoted = approvals.filter((a) => a.evidence.quote).map((a) => a.evidence);
  const membership = quoted.length ? quoted : approvals.slice(0, 1).map((a) => a.evidence);
  if (month) {
    const key = batchEventKey(month);
    facts.addRelation('INVOLVES', nodeRef('Event', key), zone, membership, {
      role: 'approved-zone',
      ...(approvedDate && { date: approvedDate }),
      ...(approvedYear !== undefined && { year: approvedYear }),
    });
  }
  if (approvedYear !== undefined && (DOCUMENT_2009_BATCH_YEARS as readonly number[]).includes(approvedYear)) {
    facts.addRelation('INVOLVES', ELEVATED_2009, zone, membership, {
      role: 'elevated-zone',
      year: approvedYear,
    });
  }
}

/**
 * The Event of each month of State Council approvals, with as many zones as the rows dated to it
 * (`zoneCount`), the size a row's note states for the batch ("Dec 2013 batch of 9": `statedZoneCount`)
 * and, where they differ, the `departure`. Its evidence is a member's note that names the month or the
 * date (the table's words), never a note about what was not found.
 */
function addBatchEvents(reading: Reading, zones: ZoneRow[]): void {
  const { facts, curation } = reading;
  const months = new Map<string, ZoneRow[]>();
  for (const row of zones) {
    const approvedYear = row.approved_year ? Number(row.approved_year) : undefined;
    const approvedDate = approvalDate(row.batch_note, approvedYear);
    const month = batchMonth(row.batch_note, approvedYear, approvedDate, curation.batchMonths.get(row.id));
    if (month) months.set(month, [...(months.get(month) ?? []), row]);
  }
  for (const [month, rows] of months) {
    const [year, mm] = month.split('-') as [string, string];
    const monthName = MONTH_NAMES[Number(mm) - 1] as string;
    const dating = rows.find(
      (row) =>
        row.batch_note.includes(month) ||
        new RegExp(`\\b${monthName.slice(0, 3)}[a-z]* (?:\\d{1,2} )?${year}\\b`).test(row.batch_note),
    );
    const stated = [
      ...new Set(
        rows.flatMap((row) => [...row.batch_note.matchAll(/\bbatch of (\d+)\b/g)].map((m) => Number(m[1]))),
      ),
    ];
    if (stated.length > 1)
      throw new Error(`zones.csv: the ${month} batch is given sizes ${stated.join(' and ')}`);
    const statedZoneCount = stated[0];
    const departure =
      statedZoneCount !== undefined && statedZoneCount !== rows.length
        ? `the notes call it a batch of ${statedZoneCount}; the table dates ${rows.length} zones to ${month} (a zone the notes name whose year no citable source gives is in no batch, as in zones(asOf:))`
        : undefined;
    facts.addNode({
      label: 'Event',
      key: batchEventKey(month),
      name: `State Council approvals of national hi-tech zones, ${monthName} ${year}`,
      description:
        'The national hi-tech zones the State Council approved in one month (an approval batch), as the reference tables date them; each membership cites the sources of that zone’s approval.',
      properties: {
        year: Number(year),
        date: month,
        zoneCount: rows.length,
        ...(statedZoneCount !== undefined && { statedZoneCount }),
        ...(departure && { departure }),
      },
      evidence: [
        dating
          ? tableQuote(reading, dating.batch_note)
          : {
              source: reading.referenceSource,
              note: `no row's note names ${monthName} ${year}; the month is its members' approval dates or curation.json batchMonths`,
            },
      ],
    });
    facts.addRelation(
      'INVOLVES',
      nodeRef('Event', batchEventKey(month)),
      STATE_COUNCIL,
      [APPROVER_NOTE(reading)],
      {
        role: 'approver',
      },
    );
  }
}

/**
 * The provincial status a zone held before it became national: every zone of the document's 2009
 * batch (the document: "another 51 provincial zones were elevated"), and any zone whose quotes or note
 * say it was upgraded (升级, upgraded) from a provincial zone.
 */
function addProvincialStatus(
  reading: Reading,
  row: ZoneRow,
  approvedYear: number | undefined,
  rowQuote: Evidence,
): void {
  const { facts, book, sources } = reading;
  const zone = nodeRef('Zone', row.id);
  // The provincial status ends when the zone became national: its year, or where no source dates that,
  // the latest year by which it was national (curation.json approvalBounds: Baiyin by 2018).
  const ended = approvedYear ?? reading.curation.approvalBounds.get(row.id);
  const until = ended !== undefined ? { until: ended } : {};
  const evidence: Evidence[] = [];
  if (approvedYear !== undefined && (DOCUMENT_2009_BATCH_YEARS as readonly number[]).includes(approvedYear)) {
    evidence.push({
      source: SOURCE_DOCUMENT,
      quote: 'another 51 provincial zones were elevated to become national-level ones in 2009',
      paragraph: 4,
    });
  }
  for (const quote of book.quotes('zones', row.id)) {
    if (/升级|升格|升級|upgrade/i.test(quote.quote))
      evidence.push({ source: sources.source(quote.url), quote: quote.quote });
  }
  if (/\bupgraded?\b|provincial/i.test(row.batch_note) && row.id !== 'xiongan') evidence.push(rowQuote);
  if (row.id === 'xiongan' && /provincial-level zone/.test(row.batch_note)) evidence.push(rowQuote);
  if (evidence.length) facts.addRelation('DESIGNATED_AS', zone, PROVINCIAL_DESIGNATION, evidence, until);
}

/**
 * The State Council documents the batch notes name (国发〔1991〕12号 …), as Policy nodes that led to the
 * zones they approved; each membership cites the zone's row (its note names the document) and the
 * quotes of the document's own text where quotes.csv has them.
 */
function addApprovalDocuments(reading: Reading, zones: ZoneRow[]): void {
  const { facts, curation, book, sources } = reading;
  for (const document of curation.approvalDocuments.values()) {
    // "not among the 21 named in 国发〔1991〕12号" names the document to say the zone is not in it.
    const notIn = new RegExp(
      `not (?:among|in)[^;]*${document.number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
    );
    const members = zones.filter(
      (row) => row.batch_note.includes(document.number) && !notIn.test(row.batch_note),
    );
    if (members.length === 0) throw new Error(`curation.json: no zone's batch note names ${document.number}`);
    const ref = nodeRef('Policy', document.key);
    const page = document.url ? { url: document.url, key: sources.source(document.url) } : undefined;
    const year = Number(document.date.slice(0, 4));
    facts.addNode({
      label: 'Policy',
      key: document.key,
      name: document.name,
      // Its Chinese title where a page gives it, else its document number (国函〔1992〕169号), the name
      // Chinese texts cite it by; the evidence below quotes the row that names it.
      nameZh: document.nameZh ?? document.number,
      properties: { kind: 'approval-document', documentNumber: document.number, date: document.date, year },
      evidence: [
        tableQuote(
          reading,
          members[0]?.batch_note.includes(document.number) ? document.number : document.name,
        ),
        ...(page && book.page(page.url)?.title
          ? [{ source: page.key, quote: book.page(page.url)?.title as string }]
          : []),
      ],
    });
    facts.addRelation('ISSUED_BY', ref, STATE_COUNCIL, [tableQuote(reading, document.number)], {
      date: document.date,
      year,
    });
    for (const row of members) {
      const zone = nodeRef('Zone', row.id);
      const onPage = page ? book.quotes('zones', row.id).filter((q) => q.url === page.url) : [];
      const evidence: Evidence[] = [
        tableQuote(reading, row.batch_note),
        ...onPage.map((q) => ({ source: page?.key as string, quote: q.quote })),
      ];
      facts.addRelation('LED_TO', ref, zone, evidence, { date: document.date, year, role: 'approval' });
    }
  }
}

/**
 * The national totals sources state over time (NOTES.md's count table), as Indicators of the zone
 * system with the table's own count by the end of that year (`tableValue`) and, where they differ, a
 * `departure`: what `asOf` compares its count with.
 */
function addStatedTotals(reading: Reading, zones: ZoneRow[]): void {
  const { facts, curation, sources } = reading;
  const years = zones.map((z) => Number(z.approved_year)).filter((y) => y > 0);
  const undated = zones.length - years.length;
  for (const total of curation.statedTotals) {
    const year = Number(total.date.slice(0, 4));
    const tableValue = years.filter((y) => y <= year).length;
    const key = `national-zones-total-${total.date}`;
    const quote = tableQuote(reading, total.quote);
    facts.addNode({
      label: 'Indicator',
      key,
      name: `Total number of national hi-tech zones, ${total.date}`,
      description: `The national total a source states for ${total.date} (NOTES.md, count reconciliation).`,
      properties: {
        metric: 'zones-total',
        value: total.value,
        unit: 'zones',
        year,
        date: total.date,
        tableValue,
        ...(tableValue !== total.value && {
          departure: `The reference table counts ${tableValue} zones national by the end of ${year}, with ${undated} rows undated; the official totals probably also count Suzhou Industrial Park, which is not in the table (NOTES.md).`,
        }),
      },
      evidence: [
        quote,
        total.url
          ? {
              source: sources.source(total.url),
              note: 'No quote: the count table of NOTES.md cites this page for the figure; quotes.csv holds none of its words.',
            }
          : {
              source: reading.referenceSource,
              note: `No page: NOTES.md names ${total.publisher ?? 'the source'} for the figure but not the address of the page.`,
            },
      ],
    });
    facts.addRelation(
      'MEASURES',
      nodeRef('Indicator', key),
      nodeRef('Program', curation.keys.hiTechZoneProgram),
      [quote],
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// demonstration_zones.csv

function addDemonstrationZone(reading: Reading, row: DemonstrationZoneRow): void {
  const { facts, sources, book, curation, zoneIds } = reading;
  const pages = sources.pages(row.source_url);
  const designation = nodeRef('Designation', row.id);
  const date = row.approved_date || undefined;
  const year = date ? Number(date.slice(0, 4)) : undefined;
  const notes = curation.demonstrationZoneNotes.get(row.id);
  const rowQuote = tableQuote(reading, row.name_zh || row.name_en);
  const source = sources.source.bind(sources);

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
    evidence: [
      rowQuote,
      ...book.evidenceFor('demonstration_zones', row.id, ['approved_date'], pages, source, 'this row'),
    ],
  });
  facts.addRelation(
    'PART_OF',
    designation,
    nodeRef('Designation', curation.keys.demonstrationZoneDesignation),
    [rowQuote],
  );

  // Approval by the State Council: the table's date, and each quote with the date its claim gives.
  const approvals: RelationFact['properties'][] = [];
  const approvalEvidence: Evidence[] = [];
  approvals.push({ ...(date && { date }), ...(year !== undefined && { year }) });
  approvalEvidence.push(rowQuote);
  const dateQuotes = book
    .quotes('demonstration_zones', row.id, ['approved_date'])
    .filter((q) => !curation.knownSources.has(q.url));
  for (const quote of dateQuotes) {
    const claim = quote.claims.find((c) => c.field === 'approved_date');
    const value = claim?.value ?? '';
    const bound = claim?.relation === '<=';
    const valid = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value);
    approvals.push(
      valid
        ? bound
          ? { notAfterYear: Number(value.slice(0, 4)) }
          : { date: value, year: Number(value.slice(0, 4)) }
        : {},
    );
    approvalEvidence.push({ source: source(quote.url), quote: quote.quote });
  }
  approvalEvidence.forEach((evidence, i) => {
    facts.addRelation('APPROVED_BY', designation, STATE_COUNCIL, [evidence], approvals[i]);
  });

  // An inferred host (Sunan, NOTES.md §2) says so in its quote.
  const inferred = curation.inferredHosts.get(row.id);
  const hostQuotes = book.quotes('demonstration_zones', row.id, ['host_zone_ids']);
  const hostEvidence: Evidence[] = [
    inferred ? { source: reading.referenceSource, note: inferred } : tableQuote(reading, row.host_zone_ids),
    ...hostQuotes.map((q) => ({ source: source(q.url), quote: q.quote })),
  ];
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

function addCompany(reading: Reading, places: PlaceIndex, row: CompanyRow): void {
  const { facts, sources, book, curation, zoneIds } = reading;
  const pages = sources.pages(row.source_url);
  const company = nodeRef('Company', row.id);
  const description = curation.companyDescriptions.get(row.id);
  const source = sources.source.bind(sources);
  const rowQuote = tableQuote(reading, row.name_zh || row.name_en);

  facts.addNode({
    label: 'Company',
    key: row.id,
    name: row.name_en,
    ...(row.name_zh && { nameZh: row.name_zh }),
    ...(description && { description }),
    ...(row.founded_year && { properties: { foundedYear: Number(row.founded_year) } }),
    evidence: [
      rowQuote,
      ...book
        .quotes('companies', row.id)
        .filter((q) => !q.claims.some((c) => c.field === 'origin_zone_id'))
        .map((q) => ({ source: source(q.url), quote: q.quote })),
    ],
  });
  const city = places.cityNamed(row.city);
  facts.addRelation('LOCATED_IN', company, nodeRef('Place', city.key), [tableQuote(reading, row.city)]);

  // An empty origin_zone_id is a finding, not a gap to fill (Alibaba: NOTES.md §3).
  if (row.origin_zone_id) {
    if (!zoneIds.has(row.origin_zone_id)) {
      throw new Error(`Company ${row.id}: origin zone ${row.origin_zone_id} is not in zones.csv`);
    }
    const role = curation.originRoles.get(row.id);
    const evidence = book.evidenceFor(
      'companies',
      row.id,
      ['origin_zone_id'],
      pages,
      source,
      'the origin zone',
    );
    facts.addRelation('ORIGINATED_IN', company, nodeRef('Zone', row.origin_zone_id), evidence, {
      ...(role && { role }),
    });
  }
}
