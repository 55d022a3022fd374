/**
 * Reads the reference tables (data/reference/*.csv, explained in data/reference/NOTES.md) into facts:
 * zones, the places they lie in, their designations, the demonstration zones and a few companies.
 *
 * Pure: reads three files, returns a FactDocument, touches no database. Every fact cites the public
 * page(s) in its row's `source_url` (one Source node per URL); a row without a URL cites the
 * `reference-tables` Source. Quotes are phrases of the table row (its batch note, names or place
 * cells), never text attributed to a page we have not read.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { type Evidence, type FactDocument, type NodeFact, nodeRef, type RelationFact } from './facts.ts';
import type { RelationshipType } from './ontology.ts';

const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'reference');

/** Nodes these facts point at but do not create: the curated data owns them. */
export const HI_TECH_ZONE_PROGRAM_KEY = 'national-hi-tech-zones';
export const DEMONSTRATION_ZONE_DESIGNATION_KEY = 'national-innovation-demonstration-zone';
export const EXTERNAL_NODE_REFS = [
  nodeRef('Program', HI_TECH_ZONE_PROGRAM_KEY),
  nodeRef('Designation', DEMONSTRATION_ZONE_DESIGNATION_KEY),
] as const;

/** Created here: the status every row of zones.csv holds. */
export const HI_TECH_ZONE_DESIGNATION_KEY = 'national-hi-tech-zone';
export const REFERENCE_TABLES_SOURCE_KEY = 'reference-tables';

const MAX_ROW_QUOTE = 200;

export function readReferenceTables(dir: string = DEFAULT_DIR): FactDocument {
  const zones = readCsv(join(dir, 'zones.csv'), zoneRowSchema);
  const demonstrationZones = readCsv(join(dir, 'demonstration_zones.csv'), demonstrationZoneRowSchema);
  const companies = readCsv(join(dir, 'companies.csv'), companyRowSchema);

  const facts = new FactCollector();
  facts.addNode(referenceTablesSource());
  facts.addNode(hiTechZoneDesignation());
  const places = new PlaceIndex(facts, zones);
  addZones(facts, places, zones);
  const zoneIds = new Set(zones.map((zone) => zone.id));
  addDemonstrationZones(facts, demonstrationZones, zoneIds);
  addCompanies(facts, places, companies, zoneIds);
  return facts.toDocument();
}

// ---------------------------------------------------------------------------------------------------
// Rows

const cell = z.string().trim();
const yearCell = cell.regex(/^(\d{4})?$/, 'must be a four-digit year or empty');
const dateCell = cell.regex(/^(\d{4}(-\d{2}(-\d{2})?)?)?$/, 'must be YYYY, YYYY-MM, YYYY-MM-DD or empty');

const zoneRowSchema = z.object({
  id: cell.min(1),
  name_en: cell.min(1),
  name_zh: cell,
  city: cell.min(1),
  province: cell.min(1),
  approved_year: yearCell,
  batch_note: cell,
  source_url: cell,
});
type ZoneRow = z.infer<typeof zoneRowSchema>;

const demonstrationZoneRowSchema = z.object({
  id: cell.min(1),
  name_en: cell.min(1),
  name_zh: cell,
  host_zone_ids: cell,
  approved_date: dateCell,
  source_url: cell,
});
type DemonstrationZoneRow = z.infer<typeof demonstrationZoneRowSchema>;

const companyRowSchema = z.object({
  id: cell.min(1),
  name_en: cell.min(1),
  name_zh: cell,
  founded_year: yearCell,
  origin_zone_id: cell,
  city: cell.min(1),
  source_url: cell,
});
type CompanyRow = z.infer<typeof companyRowSchema>;

function readCsv<T extends { id: string }>(path: string, schema: z.ZodType<T>): T[] {
  const records: Record<string, string>[] = parse(readFileSync(path), {
    columns: true,
    skip_empty_lines: true,
  });
  const rows = records.map((record, i) => {
    const parsed = schema.safeParse(record);
    if (!parsed.success) throw new Error(`${path} row ${i + 2}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  });
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id)) throw new Error(`${path}: id ${row.id} appears twice`);
    seen.add(row.id);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Collecting facts without duplicates

class FactCollector {
  private readonly nodes = new Map<string, NodeFact>();
  private readonly relations = new Map<string, RelationFact>();

  /** A node met again (a province named by many rows) gains the new evidence; anything else must agree. */
  addNode(node: NodeFact): void {
    const ref = nodeRef(node.label, node.key);
    const existing = this.nodes.get(ref);
    if (!existing) {
      this.nodes.set(ref, { ...node, evidence: [...node.evidence] });
      return;
    }
    const { evidence: _a, ...was } = existing;
    const { evidence: _b, ...now } = node;
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      throw new Error(
        `${ref} is described twice, differently: ${JSON.stringify(was)} vs ${JSON.stringify(now)}`,
      );
    }
    for (const item of node.evidence) {
      if (!existing.evidence.some((e) => e.source === item.source)) existing.evidence.push(item);
    }
  }

  /** One relation per piece of evidence: a relation is identified by type, ends and source. */
  addRelation(
    type: RelationshipType,
    from: string,
    to: string,
    evidence: Evidence[],
    properties?: RelationFact['properties'],
  ): void {
    for (const item of evidence) {
      const id = `${type}|${from}|${to}|${item.source}`;
      if (this.relations.has(id)) continue;
      const hasProperties = properties !== undefined && Object.keys(properties).length > 0;
      this.relations.set(id, { type, from, to, evidence: item, ...(hasProperties && { properties }) });
    }
  }

  toDocument(): FactDocument {
    return { nodes: [...this.nodes.values()], relations: [...this.relations.values()] };
  }
}

// ---------------------------------------------------------------------------------------------------
// Sources and evidence

/** Lowercase ASCII slug: "Huai'an" → "huaian", "Inner Mongolia" → "inner-mongolia". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Pages that the curated data already names as a Source. The public copy of the source document is
 * cited by a table row too; both must meet in one Source node.
 */
const KNOWN_SOURCE_KEYS: Record<string, string> = {
  'http://houston.china-consulate.org/eng/st/t1108038.htm': 'hi-tech-zones-overview',
};

export function webSourceKey(url: string): string {
  const known = KNOWN_SOURCE_KEYS[url];
  if (known) return known;
  return `web-${createHash('sha1').update(url).digest('hex').slice(0, 10)}`;
}

function referenceTablesSource(): NodeFact {
  return {
    label: 'Source',
    key: REFERENCE_TABLES_SOURCE_KEY,
    name: 'hitech-kg reference tables (data/reference)',
    description:
      'Three CSV tables compiled for hitech-kg: 177 national hi-tech zones (the 168 of the GB/T 37028-2018 ' +
      'code list, eight added in 2022 and Xiong\u2019an, upgraded in 2026), 22 national innovation ' +
      'demonstration zones and 7 companies. Each row cites the public page its values come from; a cell ' +
      'is empty where no citable source was found. Quotes that cite these tables or a row\u2019s page are ' +
      'phrases of the table row, not of the page.',
    evidence: [],
  };
}

/** "zh.wikipedia.org/wiki/国家级高新技术产业开发区", shortened; readable, not unique (the key is). */
function sourceName(url: string): string {
  let name = url;
  try {
    const parsed = new URL(url);
    name = `${parsed.hostname}${safeDecode(parsed.pathname + parsed.search)}`.replace(/\/$/, '');
  } catch {
    // Not a URL we can parse: keep the cell as written.
  }
  return name.length <= 80 ? name : `${name.slice(0, 79)}…`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The Source keys of a `source_url` cell (several URLs are separated by ';'), creating their nodes. */
function rowSources(facts: FactCollector, urlCell: string): string[] {
  const urls = urlCell
    .split(';')
    .map((url) => url.trim())
    .filter((url) => url.length > 0);
  if (urls.length === 0) return [REFERENCE_TABLES_SOURCE_KEY];
  return urls.map((url) => {
    const key = webSourceKey(url);
    // A known page's Source node is defined, with its title, by the curated data.
    if (KNOWN_SOURCE_KEYS[url]) return key;
    facts.addNode({ label: 'Source', key, name: sourceName(url), properties: { url }, evidence: [] });
    return key;
  });
}

/**
 * Row quotes are phrases of the table row, not of the cited page; for a page the curated data quotes
 * itself (the source document) they are left out, so nothing is credited to a text that lacks it.
 */
function evidence(sources: string[], quote: string | undefined): Evidence[] {
  const short = quote && shortQuote(quote);
  const curated = new Set(Object.values(KNOWN_SOURCE_KEYS));
  return sources.map((source) => (short && !curated.has(source) ? { source, quote: short } : { source }));
}

/** At most `max` characters, cut at a word boundary (or hard, for a long run of Chinese) with an ellipsis. */
export function shortQuote(text: string, max = MAX_ROW_QUOTE): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const head = trimmed.slice(0, max - 1);
  const lastSpace = head.lastIndexOf(' ');
  const cut = lastSpace > max / 2 ? head.slice(0, lastSpace) : head;
  return `${cut.replace(/[\s,;:(]+$/, '')}…`;
}

// ---------------------------------------------------------------------------------------------------
// Places

const MUNICIPALITIES = new Set(['Beijing', 'Shanghai', 'Tianjin', 'Chongqing']);
const AUTONOMOUS_REGIONS = new Set(['Guangxi', 'Inner Mongolia', 'Ningxia', 'Tibet', 'Xinjiang']);

/**
 * City cells whose bracket names the prefecture rather than a county-level place: "Yanji (Yanbian)" is
 * the county-level city Yanji in the Yanbian Korean Autonomous Prefecture (NOTES' convention is the
 * other way round: "Suzhou (Kunshan)").
 */
const PREFECTURES_IN_BRACKETS: Record<string, string> = { Yanbian: 'autonomous-prefecture' };

interface PlaceSpec {
  key: string;
  name: string;
  kind: string;
  /** Key of the Place it is PART_OF; none for a province-level division. */
  parent?: string;
}

/**
 * Turns city/province cells into Place keys and emits the Place nodes and PART_OF relations.
 *
 * Key rules:
 * - province-level divisions: slug of the English name (`guangdong`, `inner-mongolia`); a municipality
 *   is one Place serving as both city and province (`beijing`).
 * - cities: slug of the English name (`wuhan`, `huaian`); a city spelled like a province-level division
 *   it is not gets `-city` (`jilin-city` in Jilin province).
 * - homonymous cities, written with their province in brackets ("Fuzhou (Fujian)", "Fuzhou (Jiangxi)",
 *   "Yulin (Shaanxi)", "Taizhou (Jiangsu)"), follow the zone ids, which already tell them apart
 *   (`fuzhou` for Fujian, `fuzhou-jiangxi`, `yulin-shaanxi`): the city keeps the bare slug only if one
 *   of its zones has that bare id, otherwise it is `<city>-<province>`.
 * - county-level places in brackets ("Suzhou (Kunshan)"): slug of their name, PART_OF the city.
 * Two different places landing on one key is an error, never a silent merge.
 */
class PlaceIndex {
  private readonly specs = new Map<string, PlaceSpec>();
  private readonly provinceKeys: Set<string>;
  /** Homonymous cities ("Fuzhou|Fujian") one of whose zones has the city's bare slug as its id. */
  private readonly homonymsKeepingBareKey: Set<string>;

  constructor(
    private readonly facts: FactCollector,
    zones: ZoneRow[],
  ) {
    this.provinceKeys = new Set(zones.map((zone) => slug(zone.province)));
    this.homonymsKeepingBareKey = new Set(
      zones
        .map((zone) => ({ zone, city: parseCityCell(zone.city) }))
        .filter(({ zone, city }) => city.qualifier === zone.province && zone.id === slug(city.name))
        .map(({ zone, city }) => `${city.name}|${zone.province}`),
    );
  }

  /**
   * Resolves a zone row's city and province cells into its places, most specific first and ending at the
   * province-level division, emitting them with the row's evidence.
   */
  placesOfZone(row: ZoneRow, rowEvidence: Evidence[]): PlaceSpec[] {
    const chain = this.chainOf(row.city, row.province);
    for (const spec of chain) this.emit(spec, rowEvidence);
    return chain;
  }

  /** The city Place a company row names: one already met among the zones, matched by English name. */
  cityNamed(name: string): PlaceSpec {
    const matches = [...this.specs.values()].filter(
      (spec) => spec.name === name && (spec.kind === 'city' || spec.kind === 'municipality'),
    );
    if (matches.length !== 1) {
      throw new Error(
        `City "${name}" matches ${matches.length} places of the zone table; expected exactly one`,
      );
    }
    return matches[0] as PlaceSpec;
  }

  private chainOf(cityCell: string, provinceName: string): PlaceSpec[] {
    const province = provinceSpec(provinceName);
    const { name, qualifier } = parseCityCell(cityCell);

    if (qualifier !== undefined && qualifier in PREFECTURES_IN_BRACKETS) {
      const prefecture: PlaceSpec = {
        key: this.cityKey(qualifier),
        name: qualifier,
        kind: PREFECTURES_IN_BRACKETS[qualifier] as string,
        parent: province.key,
      };
      const county: PlaceSpec = { key: slug(name), name, kind: 'county-level', parent: prefecture.key };
      return [county, prefecture, province];
    }

    if (name === provinceName && MUNICIPALITIES.has(provinceName)) {
      if (qualifier === undefined) return [province];
      return [
        { key: slug(qualifier), name: qualifier, kind: 'county-level', parent: province.key },
        province,
      ];
    }

    const isHomonymQualifier = qualifier === provinceName;
    const city: PlaceSpec = {
      key: isHomonymQualifier ? this.homonymCityKey(name, provinceName) : this.cityKey(name),
      name,
      kind: name.endsWith(' New Area') ? 'new-area' : 'city',
      parent: province.key,
    };
    if (qualifier === undefined || isHomonymQualifier) return [city, province];
    return [
      { key: slug(qualifier), name: qualifier, kind: 'county-level', parent: city.key },
      city,
      province,
    ];
  }

  /** A city spelled like a province-level division (Jilin city, Jilin province) gets `-city`. */
  private cityKey(name: string): string {
    const key = slug(name);
    return this.provinceKeys.has(key) ? `${key}-city` : key;
  }

  private homonymCityKey(name: string, provinceName: string): string {
    return this.homonymsKeepingBareKey.has(`${name}|${provinceName}`)
      ? this.cityKey(name)
      : `${slug(name)}-${slug(provinceName)}`;
  }

  private emit(spec: PlaceSpec, rowEvidence: Evidence[]): void {
    const known = this.specs.get(spec.key);
    if (known && JSON.stringify(known) !== JSON.stringify(spec)) {
      throw new Error(
        `Place key ${spec.key} would name two places: ${JSON.stringify(known)} and ${JSON.stringify(spec)}; ` +
          'qualify the city cell with its province, e.g. "Yulin (Guangxi)"',
      );
    }
    this.specs.set(spec.key, spec);
    this.facts.addNode({
      label: 'Place',
      key: spec.key,
      name: spec.name,
      properties: { kind: spec.kind },
      evidence: rowEvidence,
    });
    if (spec.parent) {
      this.facts.addRelation(
        'PART_OF',
        nodeRef('Place', spec.key),
        nodeRef('Place', spec.parent),
        rowEvidence,
      );
    }
  }
}

/** "Suzhou (Kunshan)" → { name: "Suzhou", qualifier: "Kunshan" }; "Wuhan" → { name: "Wuhan" }. */
function parseCityCell(text: string): { name: string; qualifier?: string } {
  const match = /^(.*?)\s*\(([^)]+)\)$/.exec(text);
  if (!match) return { name: text };
  return { name: (match[1] as string).trim(), qualifier: (match[2] as string).trim() };
}

function provinceSpec(name: string): PlaceSpec {
  const kind = MUNICIPALITIES.has(name)
    ? 'municipality'
    : AUTONOMOUS_REGIONS.has(name)
      ? 'autonomous-region'
      : 'province';
  return { key: slug(name), name, kind };
}

// ---------------------------------------------------------------------------------------------------
// zones.csv

/**
 * Names a zone has had besides name_en/name_zh, each written verbatim in its row's batch_note (checked
 * when read, so no alias is ever made up).
 */
const ZONE_ALIASES: Record<string, string[]> = {
  zhongguancun: [
    '北京市新技术产业开发试验区',
    'Beijing New Technology Industry Development Experimental Zone',
  ],
  'shanghai-zhangjiang': ['上海高新技术产业开发区'],
  xiangyang: ['襄樊', 'Xiangfan'],
  'wuhan-east-lake': ['Donghu New Technology Development Zone'],
  'xiaoshan-linjiang': ['杭州钱塘高新技术产业开发区'],
};

function hiTechZoneDesignation(): NodeFact {
  return {
    label: 'Designation',
    key: HI_TECH_ZONE_DESIGNATION_KEY,
    name: 'National hi-tech industrial development zone',
    nameZh: '国家高新技术产业开发区',
    description: 'The status of a national (state-level) hi-tech industrial development zone.',
    properties: { kind: 'national-hi-tech-zone' },
    evidence: [
      {
        source: REFERENCE_TABLES_SOURCE_KEY,
        quote: 'national hi-tech zone (高新技术产业开发区) code list of the standard GB/T 37028-2018',
      },
    ],
  };
}

function addZones(facts: FactCollector, places: PlaceIndex, zones: ZoneRow[]): void {
  for (const row of zones) addZone(facts, places, row);
}

function addZone(facts: FactCollector, places: PlaceIndex, row: ZoneRow): void {
  const sources = rowSources(facts, row.source_url);
  const rowEvidence = evidence(sources, row.batch_note || row.name_zh || row.name_en);
  const zone = nodeRef('Zone', row.id);
  const approvedYear = row.approved_year ? Number(row.approved_year) : undefined;
  const approvedDate = approvalDate(row.batch_note, approvedYear);
  const aliases = zoneAliases(row);

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

  const placeEvidence = evidence(sources, `${row.city}, ${row.province}`);
  const mostSpecific = places.placesOfZone(row, placeEvidence)[0] as PlaceSpec;
  facts.addRelation('LOCATED_IN', zone, nodeRef('Place', mostSpecific.key), placeEvidence);
  facts.addRelation('PART_OF', zone, nodeRef('Program', HI_TECH_ZONE_PROGRAM_KEY), rowEvidence);
  facts.addRelation(
    'DESIGNATED_AS',
    zone,
    nodeRef('Designation', HI_TECH_ZONE_DESIGNATION_KEY),
    rowEvidence,
    {
      ...(approvedYear !== undefined && { since: approvedYear }),
      ...(approvedDate && { date: approvedDate }),
    },
  );
}

function zoneAliases(row: ZoneRow): string[] {
  const aliases = ZONE_ALIASES[row.id] ?? [];
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

/** What NOTES.md says about individual demonstration zones, in our words. */
const DEMONSTRATION_ZONE_NOTES: Record<string, { description: string; aliases?: string[] }> = {
  'sunan-nidz': {
    description:
      'Its host zones are inferred by the reference tables: the source covers all national hi-tech parks in ' +
      'Nanjing, Wuxi, Changzhou, Suzhou and Zhenjiang, and the eight hi-tech zones there that were national ' +
      'by October 2014 are listed. Suzhou Industrial Park also belongs to it but is not a hi-tech zone; ' +
      'Changshu (national in 2015) may have been added later.',
  },
  'chongqing-nidz': {
    description:
      'Also covers the directly managed park of the Liangjiang New Area; only the Chongqing and Bishan ' +
      'hi-tech zones are listed as hosts.',
  },
  'changzhutan-nidz': { description: 'Approval date not found.' },
  'shenzhen-nidz': { description: 'Approved in 2014 as the fourth national innovation demonstration zone.' },
  'shenyang-dalian-nidz': {
    description:
      'The date is when the State Council reply (国函〔2016〕65号) was signed; it was published 2016-04-11.',
  },
  'shandong-peninsula-nidz': {
    description:
      'The date given with the State Council reply (国函〔2016〕64号) may be its publication date.',
  },
  'fuxiaquan-nidz': { description: 'The date is the State Council executive meeting decision.' },
  'hefei-wuhu-bengbu-nidz': { description: 'The date is the State Council executive meeting decision.' },
  'urumqi-changji-shihezi-nidz': { description: 'Approved by 国函〔2018〕145号; only the year is known.' },
  'poyang-lake-nidz': {
    description:
      'Approved by 国函〔2019〕77号, published on gov.cn on 2019-09-05; "鄱阳湖" is the common short name.',
  },
  'ningbo-wenzhou-nidz': {
    description:
      'GB/T 37028-2018 calls it 浙东南国家自主创新示范区; the Zhejiang provincial document names it after Ningbo and Wenzhou.',
    aliases: ['浙东南国家自主创新示范区'],
  },
};

/** The Sunan hosts are an inference (NOTES.md §2); their relations say so in the quote. */
const INFERRED_HOSTS: Record<string, string> = {
  'sunan-nidz':
    '[host inferred by the reference tables from:] all national hi-tech parks in Nanjing, Wuxi, Changzhou, Suzhou and Zhenjiang',
};

function addDemonstrationZones(
  facts: FactCollector,
  rows: DemonstrationZoneRow[],
  zoneIds: Set<string>,
): void {
  for (const row of rows) addDemonstrationZone(facts, row, zoneIds);
}

function addDemonstrationZone(facts: FactCollector, row: DemonstrationZoneRow, zoneIds: Set<string>): void {
  const sources = rowSources(facts, row.source_url);
  const rowEvidence = evidence(sources, row.name_zh || row.name_en);
  const designation = nodeRef('Designation', row.id);
  const date = row.approved_date || undefined;
  const year = date ? Number(date.slice(0, 4)) : undefined;
  const notes = DEMONSTRATION_ZONE_NOTES[row.id];

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
    nodeRef('Designation', DEMONSTRATION_ZONE_DESIGNATION_KEY),
    rowEvidence,
  );

  const hostEvidence = INFERRED_HOSTS[row.id] ? evidence(sources, INFERRED_HOSTS[row.id]) : rowEvidence;
  for (const host of splitList(row.host_zone_ids)) {
    if (!zoneIds.has(host)) throw new Error(`Demonstration zone ${row.id}: host ${host} is not in zones.csv`);
    facts.addRelation('DESIGNATED_AS', nodeRef('Zone', host), designation, hostEvidence, {
      ...(year !== undefined && { since: year }),
      ...(date && { date }),
    });
  }
}

function splitList(text: string): string[] {
  return text
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

// ---------------------------------------------------------------------------------------------------
// companies.csv

/** What NOTES.md says about where each company began, in our words. */
const COMPANY_DESCRIPTIONS: Record<string, string> = {
  lenovo:
    'Founded in 1984 in the gatehouse of the CAS Institute of Computing Technology in Zhongguancun, four years ' +
    'before the Beijing zone was created.',
  baidu: 'Started in Zhongguancun in 2000.',
  huawei:
    'Founded in 1987 (one source says 1988); headquartered in Bantian, Longgang, since 1997, which no source ' +
    'places inside the Shenzhen hi-tech zone. A 2019 Shenzhen report credits the zone with fostering it.',
  zte: 'Headquartered at 55 Hi-tech Road South, Shenzhen; a 2019 Shenzhen report credits the zone with fostering it.',
  tencent:
    'Founded in 1998 in Huaqiangbei, outside the Shenzhen hi-tech park; its headquarters are in the Nanshan ' +
    'High Tech Park.',
  zoomlion:
    'Founded on 1992-09-28 as "Changsha Hi-tech Development Area Zoomlion Construction Mechanical Industry Company".',
  alibaba:
    'Founded in 1999 in a flat in Hupan Garden, Xihu District, Hangzhou, which no source places in a hi-tech ' +
    'zone; it moved its main China base to the Hangzhou hi-tech zone (Binjiang) in 2009.',
};

function addCompanies(
  facts: FactCollector,
  places: PlaceIndex,
  rows: CompanyRow[],
  zoneIds: Set<string>,
): void {
  for (const row of rows) addCompany(facts, places, row, zoneIds);
}

function addCompany(facts: FactCollector, places: PlaceIndex, row: CompanyRow, zoneIds: Set<string>): void {
  const sources = rowSources(facts, row.source_url);
  const rowEvidence = evidence(sources, row.name_zh || row.name_en);
  const company = nodeRef('Company', row.id);
  const description = COMPANY_DESCRIPTIONS[row.id];

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
  facts.addRelation('LOCATED_IN', company, nodeRef('Place', city.key), evidence(sources, row.city));

  // An empty origin_zone_id is a finding, not a gap to fill (Alibaba: NOTES.md §3).
  if (row.origin_zone_id) {
    if (!zoneIds.has(row.origin_zone_id)) {
      throw new Error(`Company ${row.id}: origin zone ${row.origin_zone_id} is not in zones.csv`);
    }
    facts.addRelation('ORIGINATED_IN', company, nodeRef('Zone', row.origin_zone_id), rowEvidence);
  }
}
