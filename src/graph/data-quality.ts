/**
 * The data-quality report of issue 15 (`npm run check:data`, tests/unit/data-quality.test.ts): checks
 * of the seed facts — the graph `npm run seed` loads — each printed with what it looked at and what it
 * found. Pure: reads files, touches no database.
 *
 * A quote must be words of the source it is credited to. The quotes we hold are recorded, never
 * whole texts: quotes.csv and quotes-added.csv (by page), aliases.json (quotes of pages read for it),
 * source-document-excerpts.json (the quoted passages of the source document, by paragraph) and the cells
 * of the reference tables (the `reference-tables` Source).
 *
 * The model's checks (keys unique across labels, disagreements kept as separate sourced values) run on
 * the seed facts too; the timeline without duplicates is a query, checked on a loaded graph
 * (quality/model-checks.ts, `npm run check:data -- --graph`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Evidence, FactDocument, NodeFact, RelationFact } from './facts.ts';
import type { Label } from './ontology.ts';
import { KNOWN_DISAGREEMENTS } from './quality/model-checks.ts';
import { readAliases } from './reference/aliases.ts';
import { placeRowSchema, quoteRowSchema, readRows, sourceRowSchema } from './reference/rows.ts';

export interface CheckResult {
  name: string;
  /** Who keeps the check (the part of issue 15 it belongs to). */
  owner: 'kgdata' | 'kgmodel';
  /** Whether a problem fails the run; a hook not yet enforced only reports. */
  enforced: boolean;
  /** How many things were looked at. */
  checked: number;
  problems: string[];
  /** Findings that are not failures (known gaps, recorded in the data). */
  notes: string[];
}

/** The quotes we hold, by where they come from. */
export interface RecordedQuotes {
  byUrl: Map<string, Set<string>>;
  /** Quotes of Sources that aliases.json defines (pages read for that file). */
  bySourceKey: Map<string, Set<string>>;
  /** The quoted passages of the source document, by paragraph. */
  documentExcerpts: { paragraph: number; text: string }[];
  /** Every cell of the reference tables, one a line (plus "city, province" as the zone reader quotes it). */
  tableText: string;
}

export const DOCUMENT_SOURCE = 'hi-tech-zones-overview';
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
export const TABLE_SOURCE = 'reference-tables';

const excerptFileSchema = z.object({
  excerpts: z.array(z.object({ paragraph: z.number().int().positive(), text: z.string().min(1) })),
});
const addedQuoteSchema = z.object({
  source_key: z.string().min(1),
  url: z.string().min(1),
  quote: z.string().min(1),
  claim: z.string().min(1),
  provenance: z.string().min(1),
});

export function readRecordedQuotes(referenceDir: string): RecordedQuotes {
  const byUrl = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, quote: string) =>
    map.set(key, (map.get(key) ?? new Set()).add(quote));
  for (const row of readRows(join(referenceDir, 'quotes.csv'), quoteRowSchema))
    add(byUrl, row.url, row.quote);
  for (const row of readRows(join(referenceDir, 'quotes-added.csv'), addedQuoteSchema))
    add(byUrl, row.url, row.quote);
  // A page's own title (sources.csv: read from the page) is words of the page.
  for (const row of readRows(join(referenceDir, 'sources.csv'), sourceRowSchema))
    if (row.title) add(byUrl, row.url, row.title);

  const bySourceKey = new Map<string, Set<string>>();
  const aliases = readAliases(join(referenceDir, 'aliases.json'));
  for (const row of aliases.aliases) {
    if (row.source && row.quoteFrom !== 'row') add(bySourceKey, row.source, row.quote);
    if (row.url && row.quoteFrom === 'page') add(byUrl, row.url, row.quote);
    if (row.url && row.quoteFrom === undefined) add(byUrl, row.url, row.quote);
  }

  const excerpts = excerptFileSchema.parse(
    JSON.parse(readFileSync(join(referenceDir, 'source-document-excerpts.json'), 'utf8')),
  ).excerpts;

  const cells: string[] = [];
  for (const file of ['zones.csv', 'demonstration_zones.csv', 'companies.csv']) {
    const rows = readRows(join(referenceDir, file), z.record(z.string(), z.string()));
    for (const row of rows) {
      cells.push(...Object.values(row));
      if (row.city && row.province) cells.push(`${row.city}, ${row.province}`);
    }
  }
  cells.push(...readRows(join(referenceDir, 'places.csv'), placeRowSchema).map((r) => r.name_en));
  // The curated Source and Designation of curation.json quote NOTES.md, part of the tables.
  cells.push(readFileSync(join(referenceDir, 'NOTES.md'), 'utf8'));
  return { byUrl, bySourceKey, documentExcerpts: excerpts, tableText: collapse(cells.join('\n')) };
}

/** Why a quote is not words of its source, or undefined when it is. */
export function quoteProblem(
  evidence: Evidence,
  sources: Map<string, NodeFact>,
  recorded: RecordedQuotes,
): string | undefined {
  const quote = evidence.quote;
  if (!quote) return evidence.note ? undefined : 'no quote and no note saying why';
  if (evidence.source === DOCUMENT_SOURCE) {
    const text = collapse(quote);
    const found = recorded.documentExcerpts.some(
      (e) =>
        (evidence.paragraph === undefined || e.paragraph === evidence.paragraph) && e.text.includes(text),
    );
    return found
      ? undefined
      : `"${quote}" is not a passage of paragraph ${evidence.paragraph ?? '?'} of the source document`;
  }
  if (evidence.source === TABLE_SOURCE) {
    const text = collapse(quote.replace(/…$/, ''));
    return recorded.tableText.includes(text) ? undefined : `"${quote}" is not words of the reference tables`;
  }
  if (recorded.bySourceKey.get(evidence.source)?.has(quote)) return undefined;
  const url = sources.get(evidence.source)?.properties?.url;
  if (typeof url === 'string' && recorded.byUrl.get(url)?.has(quote)) return undefined;
  return `"${quote}" is not a recorded quote of ${evidence.source}${typeof url === 'string' ? ` (${url})` : ''}`;
}

interface Context {
  facts: FactDocument;
  recorded: RecordedQuotes;
  sources: Map<string, NodeFact>;
  nodes: (label: Label) => NodeFact[];
  relationsFrom: (ref: string, type: RelationFact['type']) => RelationFact[];
}

function context(facts: FactDocument, recorded: RecordedQuotes): Context {
  const sources = new Map(facts.nodes.filter((n) => n.label === 'Source').map((n) => [n.key, n]));
  const from = new Map<string, RelationFact[]>();
  for (const rel of facts.relations) {
    const id = `${rel.from}|${rel.type}`;
    from.set(id, [...(from.get(id) ?? []), rel]);
  }
  return {
    facts,
    recorded,
    sources,
    nodes: (label) => facts.nodes.filter((n) => n.label === label),
    relationsFrom: (ref, type) => from.get(`${ref}|${type}`) ?? [],
  };
}

const result = (
  name: string,
  checked: number,
  problems: string[],
  notes: string[] = [],
  owner: CheckResult['owner'] = 'kgdata',
  enforced = true,
): CheckResult => ({ name, owner, enforced, checked, problems, notes });

// ---------------------------------------------------------------------------------------------------
// kgdata's checks

/** Every domain entity has provenance, and at least one of its citations quotes its source. */
export function everyEntityHasQuotedProvenance(c: Context): CheckResult {
  const domain = c.facts.nodes.filter((n) => n.label !== 'Source');
  const problems = domain
    .filter((n) => !n.evidence.some((e) => e.quote))
    .map((n) => `${n.label}:${n.key} has no quoted source`);
  return result('every domain entity has provenance with a quote', domain.length, problems);
}

/** Every quote is words of its source (recorded quotes, document passages, table cells); no quote has a note. */
export function everyQuoteIsFromItsSource(c: Context): CheckResult {
  const problems: string[] = [];
  let checked = 0;
  const check = (where: string, e: Evidence) => {
    checked += 1;
    const problem = quoteProblem(e, c.sources, c.recorded);
    if (problem) problems.push(`${where} cites ${e.source}: ${problem}`);
  };
  for (const n of c.facts.nodes) for (const e of n.evidence) check(`${n.label}:${n.key}`, e);
  for (const r of c.facts.relations) check(`${r.from} ${r.type} ${r.to}`, r.evidence);
  // a claim (STATED_IN) is a citation too: its quote must be words of its source, or its note say why
  for (const n of c.facts.nodes)
    for (const claim of n.claims ?? [])
      check(`${n.label}:${n.key} claim ${claim.property}=${String(claim.value)}`, {
        source: claim.source,
        ...(claim.quote && { quote: claim.quote }),
        ...(claim.paragraph !== undefined && { paragraph: claim.paragraph }),
        ...(claim.note && { note: claim.note }),
      });
  const notes = [
    `${
      c.facts.nodes
        .flatMap((n) => n.evidence)
        .concat(c.facts.relations.map((r) => r.evidence))
        .filter((e) => !e.quote).length
    } citations carry a note instead of a quote`,
  ];
  return result(
    'every quote is words of its source (or a note says why there is none)',
    checked,
    problems,
    notes,
  );
}

/** Every Source has a title, a publisher and a kind. */
export function everySourceHasTitle(c: Context): CheckResult {
  const sources = c.nodes('Source');
  const problems: string[] = [];
  for (const s of sources) {
    for (const property of ['title', 'publisher', 'kind'] as const) {
      if (typeof s.properties?.[property] !== 'string' || !s.properties[property])
        problems.push(`Source:${s.key} has no ${property}`);
    }
  }
  const supplied = sources.filter((s) => String(s.properties?.title ?? '').startsWith('[')).length;
  return result('every Source has a title, a publisher and a kind', sources.length, problems, [
    `${supplied} titles are supplied in [brackets]: the page's own title could not be read`,
  ]);
}

const STATE_COUNCIL = 'Organization:state-council';
const dated = (r: RelationFact) =>
  r.properties?.year !== undefined ||
  r.properties?.date !== undefined ||
  r.properties?.notAfterYear !== undefined;

/** Every zone and demonstration zone is APPROVED_BY the State Council, with a year, date or bound where known. */
export function everyZoneHasApproval(c: Context): CheckResult {
  const problems: string[] = [];
  const undated: string[] = [];
  const aggregatorOnly: string[] = [];
  const zones = c.nodes('Zone');
  const demonstration = c
    .nodes('Designation')
    .filter((d) => d.properties?.kind === 'national-innovation-demonstration-zone');
  for (const node of [...zones, ...demonstration]) {
    const ref = `${node.label}:${node.key}`;
    const approvals = c.relationsFrom(ref, 'APPROVED_BY').filter((r) => r.to === STATE_COUNCIL);
    if (approvals.length === 0) {
      problems.push(`${ref} has no APPROVED_BY the State Council`);
      continue;
    }
    if (!approvals.some(dated)) {
      if (node.label === 'Zone' && !node.properties?.batchNote)
        problems.push(`${ref}: approval undated, and no note says why`);
      undated.push(node.key);
    }
    if (approvals.some((r) => r.properties?.support === 'aggregator')) aggregatorOnly.push(node.key);
  }
  const notes = [
    `approval neither dated nor bounded (recorded as not found): ${undated.length} — ${undated.join(', ')}`,
    `approval quoted only by aggregator pages (support: aggregator): ${aggregatorOnly.length} — ${aggregatorOnly.join(', ')}`,
  ];
  return result(
    'every zone and demonstration zone APPROVED_BY the State Council, dated where known',
    zones.length + demonstration.length,
    problems,
    notes,
  );
}

/** Zones, places, technologies, clusters and the policies the issue names have a Chinese name. */
export function everyNamedEntityHasChineseName(c: Context): CheckResult {
  const wanted = [
    ...c.nodes('Zone'),
    ...c.nodes('Place'),
    ...c.nodes('Technology'),
    ...c.nodes('IndustryCluster'),
    ...c.nodes('Policy').filter((p) => p.key === 'advice-2009' || p.key === 'decision-1985'),
  ];
  const problems = wanted.filter((n) => !n.nameZh).map((n) => `${n.label}:${n.key} has no Chinese name`);
  const codes = c.nodes('Place').filter((p) => p.properties?.adminCode).length;
  return result('every zone, place, technology and cluster has a Chinese name', wanted.length, problems, [
    `${codes} places carry their GB/T 2260 code (adminCode)`,
  ]);
}

/**
 * A stated figure that the table's dated rows do not reach records the table's count (`tableValue`) and
 * a `departure`; the count is recomputed here so that it cannot go stale.
 */
export function statedFiguresRecordTheirDeparture(c: Context): CheckResult {
  const zones = c.nodes('Zone');
  const years = zones
    .map((z) => z.properties?.approvedYear)
    .filter((y): y is number => typeof y === 'number');
  const problems: string[] = [];
  const figures = c.nodes('Indicator').filter((i) => i.properties?.tableValue !== undefined);
  for (const figure of figures) {
    const p = figure.properties ?? {};
    const year = Number(p.year);
    const recount =
      p.metric === 'zones-total'
        ? years.filter((y) => y <= year).length
        : p.metric === 'zones-elevated-to-national'
          ? years.filter((y) => y === year).length
          : undefined;
    if (recount === undefined)
      problems.push(`Indicator:${figure.key}: no rule to recount metric ${String(p.metric)}`);
    else if (recount !== p.tableValue)
      problems.push(
        `Indicator:${figure.key}: tableValue ${String(p.tableValue)} but the table counts ${recount}`,
      );
    if (p.tableValue !== p.value && !p.departure)
      problems.push(`Indicator:${figure.key}: departs without a departure note`);
  }
  const members = c.facts.relations.filter(
    (r) =>
      r.from === 'Event:provincial-zones-elevated-2009' &&
      r.type === 'INVOLVES' &&
      r.properties?.role === 'elevated-zone',
  );
  const memberZones = new Set(members.map((r) => r.to));
  return result('stated figures record where the table departs from them', figures.length, problems, [
    `the document's 51 upgrades "in 2009": ${memberZones.size} zones identified (table years 2009–2012)`,
  ]);
}

// ---------------------------------------------------------------------------------------------------
// The model's checks (items 1, 4 and 9) on the seed facts. The same checks on a loaded graph, the
// timeline's included (it is a query), are src/graph/quality/model-checks.ts (`check:data -- --graph`).

/** Item 4: one key names one thing across all labels (seedFacts makes keys unique, entity-keys.ts). */
export function keysUniqueAcrossLabels(c: Context): CheckResult {
  const labelsByKey = new Map<string, string[]>();
  for (const n of c.facts.nodes) labelsByKey.set(n.key, [...(labelsByKey.get(n.key) ?? []), n.label]);
  const shared = [...labelsByKey].filter(([, labels]) => labels.length > 1);
  return result(
    'keys unique across labels',
    labelsByKey.size,
    shared.map(([key, labels]) => `${key}: ${labels.join(', ')}`),
    [],
    'kgmodel',
  );
}

/**
 * Disagreements the statements show but claims.json does not keep yet, while another change adds their
 * claims: reported as notes, not problems. The merger empties this list (a15 defect 8; issue 15 and
 * NOTES.md name these four).
 */
export const DISAGREEMENTS_EXPECTED_UNTIL_DATA: readonly string[] = [];

const yearOf = (r: RelationFact): string | undefined => {
  const year = r.properties?.year ?? r.properties?.since ?? String(r.properties?.date ?? '').slice(0, 4);
  return year === '' || year === undefined ? undefined : String(year);
};
const dateOf = (r: RelationFact): string | undefined =>
  r.properties?.date === undefined ? undefined : String(r.properties.date);

/** Dates that disagree: neither a more precise form of the other (1988-05 and 1988-05-10 agree). */
const disagreeingDates = (dates: string[]): boolean =>
  dates.some((a) => dates.some((b) => !a.startsWith(b) && !b.startsWith(a)));

/** The properties a subject's dated statements set: a zone's approval, a demonstration zone's own. */
const DATED_PROPERTIES: Record<string, { year: string; date: string }> = {
  Zone: { year: 'approvedYear', date: 'approvedDate' },
  Designation: { year: 'year', date: 'date' },
};

/**
 * Every property whose statements disagree: a zone's or demonstration zone's APPROVED_BY (or
 * DESIGNATED_AS) statements of one relationship giving different years or, in one year, dates neither
 * of which refines the other (a zone's approvedYear/approvedDate, a Designation's year/date). Keyed
 * "Label:key.property", with the values stated.
 */
export function statedDisagreements(c: Context): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const bySubject = new Map<string, RelationFact[]>();
  for (const r of c.facts.relations)
    if (r.type === 'APPROVED_BY' || r.type === 'DESIGNATED_AS')
      bySubject.set(`${r.type} ${r.from} ${r.to}`, [
        ...(bySubject.get(`${r.type} ${r.from} ${r.to}`) ?? []),
        r,
      ]);
  for (const [subject, statements] of bySubject) {
    const from = subject.split(' ')[1] as string;
    const property = DATED_PROPERTIES[from.split(':')[0] as string];
    if (!property) continue;
    const years = [...new Set(statements.map(yearOf).filter((y) => y !== undefined))].sort();
    const dates = [...new Set(statements.map(dateOf).filter((d) => d !== undefined))].sort();
    if (years.length > 1) found.set(`${from}.${property.year}`, years);
    else if (disagreeingDates(dates) && !found.has(`${from}.${property.year}`))
      found.set(`${from}.${property.date}`, dates);
  }
  return found;
}

/** Item 1: each disagreement keeps every sourced value as a claim, one of them the headline. */
export function disagreementsKeptAsSeparateValues(c: Context): CheckResult {
  const problems: string[] = [];
  const notes: string[] = [];
  const byRef = new Map(c.facts.nodes.map((n) => [`${n.label}:${n.key}`, n]));
  const claimValues = (ref: string, property: string) =>
    new Set(
      (byRef.get(ref)?.claims ?? []).filter((cl) => cl.property === property).map((cl) => String(cl.value)),
    );
  const stated = statedDisagreements(c);
  for (const [expected, values] of stated) {
    const dot = expected.lastIndexOf('.');
    const [ref, property] = [expected.slice(0, dot), expected.slice(dot + 1)];
    // a year disagreement may be kept as claims on the date, and the other way round
    const pair = DATED_PROPERTIES[ref.split(':')[0] as string];
    const kept = Math.max(
      claimValues(ref, property).size,
      claimValues(ref, property === pair?.year ? pair.date : (pair?.year ?? property)).size,
    );
    if (kept >= 2) continue;
    const problem = `${expected}: the APPROVED_BY statements give ${values.join(' and ')}, but ${kept} value(s) are kept as claims`;
    if (DISAGREEMENTS_EXPECTED_UNTIL_DATA.includes(expected)) notes.push(`expected until data: ${problem}`);
    else problems.push(problem);
  }
  for (const expected of KNOWN_DISAGREEMENTS) {
    const dot = expected.lastIndexOf('.');
    const [ref, property] = [expected.slice(0, dot), expected.slice(dot + 1)];
    const node = byRef.get(ref);
    const claims = (node?.claims ?? []).filter((claim) => claim.property === property);
    const values = new Set(claims.map((claim) => String(claim.value)));
    if (values.size < 2)
      problems.push(`${expected}: the sources disagree, but ${values.size} value(s) are kept as claims`);
    else if (!values.has(String(node?.properties?.[property])))
      problems.push(`${expected}: holds ${String(node?.properties?.[property])}, which no claim gives`);
  }
  return result(
    'disagreements kept as separate sourced values',
    KNOWN_DISAGREEMENTS.length + stated.size,
    problems,
    notes,
    'kgmodel',
  );
}

export const DATA_CHECKS: ((c: Context) => CheckResult)[] = [
  everyEntityHasQuotedProvenance,
  everyQuoteIsFromItsSource,
  everySourceHasTitle,
  everyZoneHasApproval,
  everyNamedEntityHasChineseName,
  statedFiguresRecordTheirDeparture,
  keysUniqueAcrossLabels,
  disagreementsKeptAsSeparateValues,
];

export function runDataChecks(facts: FactDocument, recorded: RecordedQuotes): CheckResult[] {
  const c = context(facts, recorded);
  return DATA_CHECKS.map((check) => check(c));
}

/** True when no enforced check found a problem. */
export function passed(results: CheckResult[]): boolean {
  return results.every((r) => !r.enforced || r.problems.length === 0);
}

/** The report as printed: one block per check, at most `limit` problems each. */
export function formatReport(results: CheckResult[], limit = 20): string {
  const lines: string[] = [];
  for (const r of results) {
    const mark = r.problems.length === 0 ? 'ok  ' : r.enforced ? 'FAIL' : 'todo';
    lines.push(`${mark} ${r.name} [${r.owner}] — ${r.checked} checked, ${r.problems.length} problem(s)`);
    for (const p of r.problems.slice(0, limit)) lines.push(`       ✗ ${p}`);
    if (r.problems.length > limit) lines.push(`       … and ${r.problems.length - limit} more`);
    for (const n of r.notes) lines.push(`       · ${n}`);
  }
  return lines.join('\n');
}
