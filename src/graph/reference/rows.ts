/** The three CSV tables' rows, checked cell by cell, with unique ids. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

const cell = z.string().trim();
const yearCell = cell.regex(/^(\d{4})?$/, 'must be a four-digit year or empty');
const dateCell = cell.regex(/^(\d{4}(-\d{2}(-\d{2})?)?)?$/, 'must be YYYY, YYYY-MM, YYYY-MM-DD or empty');

export const zoneRowSchema = z.object({
  id: cell.min(1),
  name_en: cell.min(1),
  name_zh: cell,
  city: cell.min(1),
  province: cell.min(1),
  approved_year: yearCell,
  batch_note: cell,
  source_url: cell,
});
export type ZoneRow = z.infer<typeof zoneRowSchema>;

export const demonstrationZoneRowSchema = z.object({
  id: cell.min(1),
  name_en: cell.min(1),
  name_zh: cell,
  host_zone_ids: cell,
  approved_date: dateCell,
  source_url: cell,
});
export type DemonstrationZoneRow = z.infer<typeof demonstrationZoneRowSchema>;

export const companyRowSchema = z.object({
  id: cell.min(1),
  name_en: cell.min(1),
  name_zh: cell,
  founded_year: yearCell,
  origin_zone_id: cell,
  city: cell.min(1),
  source_url: cell,
});
export type CompanyRow = z.infer<typeof companyRowSchema>;

/** sources.csv: every page a row or a quote cites, as far as it could be seen (NOTES.md, "sources.csv"). */
export const sourceRowSchema = z.object({
  url: cell.min(1),
  title: cell,
  publisher: cell,
  published: dateCell,
  language: cell,
  kind: z.enum(['official', 'press', 'encyclopedia', 'academic', 'aggregator', 'unknown']),
  seen: z.enum(['yes', 'no']),
});
export type SourceRow = z.infer<typeof sourceRowSchema>;

/** quotes.csv: verbatim words of a page that support one claim of one row. */
export const quoteRowSchema = z.object({
  table: z.enum(['zones', 'demonstration_zones', 'companies']),
  row_id: cell.min(1),
  claim: cell.min(1),
  url: cell.min(1),
  quote: cell.min(1),
  language: cell,
});
export type QuoteRow = z.infer<typeof quoteRowSchema>;

/** places.csv: Chinese names and GB/T 2260 codes of the places the zone table names. */
export const placeRowSchema = z.object({
  name_en: cell.min(1),
  name_zh: cell,
  kind: cell,
  parent_en: cell,
  adcode: cell.regex(/^(\d{6})?$/, 'must be a six-digit GB/T 2260 code or empty'),
  source: cell,
});
export type PlaceRow = z.infer<typeof placeRowSchema>;

/** Rows of a CSV file, each checked against its schema (no id column needed). */
export function readRows<T>(path: string, schema: z.ZodType<T>): T[] {
  const records: Record<string, string>[] = parse(readFileSync(path), {
    columns: true,
    skip_empty_lines: true,
  });
  return records.map((record, i) => {
    const parsed = schema.safeParse(record);
    if (!parsed.success) throw new Error(`${path} row ${i + 2}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  });
}

export function readCsv<T extends { id: string }>(path: string, schema: z.ZodType<T>): T[] {
  const rows = readRows(path, schema);
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id)) throw new Error(`${path}: id ${row.id} appears twice`);
    seen.add(row.id);
  }
  return rows;
}

/** A ';'-separated cell: "a; b;" → ["a", "b"]. */
export function splitList(text: string): string[] {
  return text
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
