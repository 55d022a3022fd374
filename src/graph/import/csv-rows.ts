/**
 * The CSV's rows made the raw items the validator checks: a node from its rows (one per piece of
 * evidence), a relation from its row. The cells that hold JSON or numbers are read here, and what is
 * wrong with them reported at their row and column.
 */
import { type CsvColumn, parseAliasesCell } from './csv-format.ts';
import { type ImportProblem, type Locator, type ProblemDetail, problemAt } from './problems.ts';
import { isRecord } from './validate.ts';

/** A row's non-empty cells by column, with the line it starts at. */
export type Row = Partial<Record<CsvColumn, string>> & { line: number };

/** The rows of one node (label and key), merged. */
export interface CsvNode {
  ref: string;
  first: Row;
  /** Detail cells as first filled, with the line that filled them. */
  detail: Partial<Record<CsvColumn, { value: string; line: number }>>;
  /** The rows that carry evidence, in order. */
  evidenceRows: Row[];
  problems: ImportProblem[];
}

/** Cells compared across the rows of one node; the others are identity or evidence. */
const NODE_DETAIL: readonly CsvColumn[] = ['name', 'nameZh', 'aliases', 'description', 'properties'];

const hasEvidence = (row: Row) =>
  row.source !== undefined ||
  row.quote !== undefined ||
  row.paragraph !== undefined ||
  row.note !== undefined;

/** Adds a node row to its node, reporting detail cells that differ from an earlier row's. */
export function addNodeRow(nodes: Map<string, CsvNode>, row: Row): void {
  // Rows without a key cannot be merged with another: each stands alone (and is reported).
  const ref =
    row.label !== undefined && row.key !== undefined ? `${row.label}:${row.key}` : `line ${row.line}`;
  let entry = nodes.get(ref);
  if (!entry) {
    entry = { ref, first: row, detail: {}, evidenceRows: [], problems: [] };
    nodes.set(ref, entry);
  }
  for (const column of NODE_DETAIL) {
    const value = row[column];
    if (value === undefined) continue;
    const earlier = entry.detail[column];
    if (!earlier) entry.detail[column] = { value, line: row.line };
    else if (earlier.value !== value) {
      entry.problems.push(
        problemAt(
          { line: row.line, path: column },
          { code: 'cell-differs', value, firstLine: earlier.line, firstValue: earlier.value, node: ref },
        ),
      );
    }
  }
  if (hasEvidence(row)) entry.evidenceRows.push(row);
}

/** Where the parts of a node are: the row that filled the cell, and the column. */
export function csvNodeLocator(entry: CsvNode): Locator {
  return (sub) => {
    const [head, index, member] = sub;
    if (head === 'evidence') {
      const row = typeof index === 'number' ? entry.evidenceRows[index] : undefined;
      return { line: (row ?? entry.first).line, path: typeof member === 'string' ? member : 'source' };
    }
    if (head === undefined) return { line: entry.first.line };
    const column = String(head) as CsvColumn;
    const line = entry.detail[column]?.line ?? entry.first.line;
    if (head === 'properties') return { line, path: ['properties', ...sub.slice(1).map(String)].join('.') };
    return { line, path: column };
  };
}

/** Where the parts of a relation are: its row, and the column. */
export function csvRelationLocator(row: Row): Locator {
  return (sub) => {
    const [head, member] = sub;
    if (head === undefined) return { line: row.line };
    if (head === 'evidence') return { line: row.line, path: typeof member === 'string' ? member : 'source' };
    if (head === 'properties') return { line: row.line, path: sub.map(String).join('.') };
    return { line: row.line, path: String(head) };
  };
}

/** The `properties` cell: a JSON object. */
function propertiesCell(
  value: string | undefined,
): { value?: Record<string, unknown> } | { error: ProblemDetail } {
  if (value === undefined || value.trim() === '') return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    if (isRecord(parsed)) return { value: parsed };
  } catch {
    // reported below
  }
  return { error: { code: 'bad-properties-cell', value } };
}

function paragraphCell(value: string | undefined): number | { error: ProblemDetail } | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) : { error: { code: 'bad-paragraph-cell', value } };
}

function evidenceOf(
  row: Row,
  locate: Locator,
  sub: PropertyKey[],
  problems: ImportProblem[],
): Record<string, unknown> | undefined {
  const paragraph = paragraphCell(row.paragraph);
  let ok = true;
  if (typeof paragraph === 'object') {
    problems.push(problemAt(locate([...sub, 'paragraph']), paragraph.error));
    ok = false;
  }
  if (row.source === undefined) {
    problems.push(problemAt(locate([...sub, 'source']), { code: 'evidence-needs-source' }));
    ok = false;
  }
  if (!ok) return undefined;
  return {
    source: row.source,
    ...(row.quote !== undefined && { quote: row.quote }),
    ...(paragraph !== undefined && { paragraph }),
    ...(row.note !== undefined && { note: row.note }),
  };
}

/** The node its rows describe, as the JSON format would write it; undefined when a cell is unreadable. */
export function csvNode(
  entry: CsvNode,
  locate: Locator,
  problems: ImportProblem[],
): Record<string, unknown> | undefined {
  const cell = (c: CsvColumn) => entry.detail[c]?.value ?? entry.first[c];
  let ok = true;
  const raw: Record<string, unknown> = {};
  if (entry.first.label !== undefined) raw.label = entry.first.label;
  if (entry.first.key !== undefined) raw.key = entry.first.key;
  for (const c of ['name', 'nameZh', 'description'] as const) {
    const value = cell(c);
    if (value !== undefined) raw[c] = value;
  }
  const aliases = cell('aliases');
  if (aliases !== undefined) {
    const parsed = parseAliasesCell(aliases);
    if (Array.isArray(parsed)) {
      if (parsed.length) raw.aliases = parsed;
    } else {
      problems.push(problemAt(locate(['aliases']), parsed.error));
      ok = false;
    }
  }
  const properties = propertiesCell(cell('properties'));
  if ('error' in properties) {
    problems.push(problemAt(locate(['properties']), properties.error));
    ok = false;
  } else if (properties.value) raw.properties = properties.value;
  const evidence: Record<string, unknown>[] = [];
  entry.evidenceRows.forEach((row, j) => {
    const e = evidenceOf(row, locate, ['evidence', j], problems);
    if (e) evidence.push(e);
    else ok = false;
  });
  raw.evidence = evidence;
  return ok ? raw : undefined;
}

/** The relation a row describes, as the JSON format would write it; undefined when a cell is unreadable. */
export function csvRelation(
  row: Row,
  locate: Locator,
  problems: ImportProblem[],
): Record<string, unknown> | undefined {
  let ok = true;
  const raw: Record<string, unknown> = {};
  for (const c of ['type', 'from', 'to'] as const) if (row[c] !== undefined) raw[c] = row[c];
  const properties = propertiesCell(row.properties);
  if ('error' in properties) {
    problems.push(problemAt(locate(['properties']), properties.error));
    ok = false;
  } else if (properties.value) raw.properties = properties.value;
  if (hasEvidence(row)) {
    const e = evidenceOf(row, locate, ['evidence'], problems);
    if (e) raw.evidence = e;
    else ok = false;
  }
  return ok ? raw : undefined;
}
