/**
 * Loads data/reference/curation.json: what we add to the CSV rows (known Source keys, province kinds,
 * aliases, notes in our words). Validated here so that a mistyped row fails at start, not as an odd graph.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type NodeFact, nodeFactSchema } from '../facts.ts';

/** Every row says where it comes from; the code never reads it, people do. */
const provenance = z.string().min(1);
const text = z.string().min(1);

const curationSchema = z.strictObject({
  $comment: z.string().optional(),
  keys: z.strictObject({
    hiTechZoneProgram: text,
    demonstrationZoneDesignation: text,
    hiTechZoneDesignation: text,
    referenceTablesSource: text,
    provenance,
  }),
  nodes: z.array(z.intersection(nodeFactSchema, z.object({ provenance }))),
  knownSources: z.array(z.strictObject({ url: text, key: text, provenance })),
  provinceLevelKinds: z.array(
    z.strictObject({ name: text, kind: z.enum(['municipality', 'autonomous-region']), provenance }),
  ),
  prefecturesInBrackets: z.array(z.strictObject({ name: text, kind: text, provenance })),
  zoneAliases: z.array(z.strictObject({ zone: text, aliases: z.array(text).min(1), provenance })),
  demonstrationZoneNotes: z.array(
    z.strictObject({ id: text, description: text, aliases: z.array(text).min(1).optional(), provenance }),
  ),
  inferredHosts: z.array(z.strictObject({ id: text, quote: text, provenance })),
  companyDescriptions: z.array(z.strictObject({ id: text, description: text, provenance })),
  originRoles: z.array(z.strictObject({ id: text, role: text, provenance })),
  approvalBounds: z.array(
    z.strictObject({ zone: text, notAfter: z.number().int().min(1988).max(2100), provenance }),
  ),
  batchMonths: z.array(
    z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/), zones: z.array(text).min(1), provenance }),
  ),
  statedTotals: z.array(
    z.strictObject({
      date: z.string().regex(/^\d{4}(-\d{2})?$/),
      value: z.number().int().positive(),
      quote: text,
      /** The page stating the figure; absent where the data holds no address for it (a note says so). */
      url: text.optional(),
      publisher: text.optional(),
      provenance,
    }),
  ),
  conflictingApprovals: z.array(
    z.strictObject({ zone: text, year: z.number().int().min(1988).max(2100), url: text, provenance }),
  ),
  approvalDocuments: z.array(
    z.strictObject({
      number: text,
      key: text,
      name: text,
      nameZh: text.optional(),
      date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
      url: text.optional(),
      provenance,
    }),
  ),
});

export type CurationFile = z.infer<typeof curationSchema>;

/** The file indexed for lookups; provenance stays in the file. */
export interface Curation {
  keys: Omit<CurationFile['keys'], 'provenance'>;
  /** Nodes created as written (the reference-tables Source, the hi-tech zone Designation). */
  nodes: NodeFact[];
  /** URL → key of a Source the curated data already defines. */
  knownSources: Map<string, string>;
  /** Province-level name → kind, for those that are not plain provinces. */
  provinceLevelKinds: Map<string, string>;
  prefecturesInBrackets: Map<string, string>;
  zoneAliases: Map<string, string[]>;
  demonstrationZoneNotes: Map<string, { description: string; aliases?: string[] }>;
  inferredHosts: Map<string, string>;
  companyDescriptions: Map<string, string>;
  /** Company → how it relates to its origin zone (ORIGINATED_IN's role). */
  originRoles: Map<string, string>;
  /** Zone without an approval year → the latest year by which a source shows it national. */
  approvalBounds: Map<string, number>;
  /** Zone → the month of its approval batch, where its note gives no date. */
  batchMonths: Map<string, string>;
  /** National totals sources state (NOTES.md's count table), by date. */
  statedTotals: CurationFile['statedTotals'];
  /** Zone → a year another source gives for its approval, against the table's (kept as its own statement). */
  conflictingApprovals: Map<string, { year: number; url: string }>;
  /** State Council approval documents by number (国函〔1992〕169号). */
  approvalDocuments: Map<string, CurationFile['approvalDocuments'][number]>;
}

export function parseCuration(json: unknown, where = 'curation.json'): Curation {
  const parsed = curationSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error)}`);
  const file = parsed.data;
  const { provenance: _keys, ...keys } = file.keys;
  return {
    keys,
    nodes: file.nodes.map(({ provenance: _, ...node }) => node as NodeFact),
    knownSources: uniqueMap(where, 'knownSources', file.knownSources, (r) => [r.url, r.key]),
    provinceLevelKinds: uniqueMap(where, 'provinceLevelKinds', file.provinceLevelKinds, (r) => [
      r.name,
      r.kind,
    ]),
    prefecturesInBrackets: uniqueMap(where, 'prefecturesInBrackets', file.prefecturesInBrackets, (r) => [
      r.name,
      r.kind,
    ]),
    zoneAliases: uniqueMap(where, 'zoneAliases', file.zoneAliases, (r) => [r.zone, r.aliases]),
    demonstrationZoneNotes: uniqueMap(where, 'demonstrationZoneNotes', file.demonstrationZoneNotes, (r) => [
      r.id,
      { description: r.description, ...(r.aliases && { aliases: r.aliases }) },
    ]),
    inferredHosts: uniqueMap(where, 'inferredHosts', file.inferredHosts, (r) => [r.id, r.quote]),
    companyDescriptions: uniqueMap(where, 'companyDescriptions', file.companyDescriptions, (r) => [
      r.id,
      r.description,
    ]),
    originRoles: uniqueMap(where, 'originRoles', file.originRoles, (r) => [r.id, r.role]),
    approvalBounds: uniqueMap(where, 'approvalBounds', file.approvalBounds, (r) => [r.zone, r.notAfter]),
    batchMonths: uniqueMap(
      where,
      'batchMonths',
      file.batchMonths.flatMap((r) => r.zones.map((zone) => ({ zone, month: r.month }))),
      (r) => [r.zone, r.month],
    ),
    statedTotals: file.statedTotals,
    conflictingApprovals: uniqueMap(where, 'conflictingApprovals', file.conflictingApprovals, (r) => [
      r.zone,
      { year: r.year, url: r.url },
    ]),
    approvalDocuments: uniqueMap(where, 'approvalDocuments', file.approvalDocuments, (r) => [r.number, r]),
  };
}

export function readCuration(path: string): Curation {
  return parseCuration(JSON.parse(readFileSync(path, 'utf8')), path);
}

/** A row named twice would make one of them silently lost. */
function uniqueMap<R, V>(
  where: string,
  section: string,
  rows: R[],
  entry: (row: R) => [string, V],
): Map<string, V> {
  const map = new Map<string, V>();
  for (const row of rows) {
    const [key, value] = entry(row);
    if (map.has(key)) throw new Error(`${where}: ${section} names ${key} twice`);
    map.set(key, value);
  }
  return map;
}
