/**
 * Reads the import CSV: one row per node or relation (CSV_COLUMNS). A node with several pieces of
 * evidence takes one row per piece; those rows repeat (or leave empty) the node's other columns.
 * Problems are at their line, with the column.
 */
import { parse } from 'csv-parse/sync';
import type { FactDocument } from '../facts.ts';
import { CSV_COLUMNS, type CsvColumn } from './csv-format.ts';
import {
  addNodeRow,
  type CsvNode,
  csvNode,
  csvNodeLocator,
  csvRelation,
  csvRelationLocator,
  type Row,
} from './csv-rows.ts';
import { Duplicates } from './duplicates.ts';
import { nothingParsed, type ParsedImport } from './parsed-import.ts';
import { type ImportProblem, problemAt, sortProblems } from './problems.ts';
import { validateNode, validateRelation } from './validate.ts';

const NODE_ONLY: readonly CsvColumn[] = ['label', 'key', 'name', 'nameZh', 'aliases', 'description'];
const RELATION_ONLY: readonly CsvColumn[] = ['type', 'from', 'to'];
/** Identifier cells: surrounding spaces are dropped. Text cells are kept as written. */
const TRIMMED = new Set<CsvColumn>(['kind', 'label', 'key', 'type', 'from', 'to', 'source', 'paragraph']);

interface CsvRecord {
  record: string[];
  info: { lines: number; raw?: string };
}

/** The line a record starts at (csv-parse counts the line it ends at). */
const startLine = (r: CsvRecord) =>
  r.info.lines - ((r.info.raw ?? '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);

/** The file's records, or the problem that stops csv-parse (its words, without the line it names apart). */
function readRecords(text: string): CsvRecord[] | ImportProblem {
  try {
    return parse(text, {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const e = error as Error & { lines?: number };
    const reason = e.message.replace(/ at line \d+/, '');
    return problemAt(e.lines === undefined ? {} : { line: e.lines }, { code: 'invalid-csv', reason });
  }
}

/** Problems of the header: unknown or repeated columns, no `kind`. */
function headerProblems(columns: readonly string[], line: number): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const known = new Set<string>(CSV_COLUMNS);
  const seen = new Set<string>();
  for (const column of columns) {
    if (!known.has(column)) problems.push(problemAt({ line }, { code: 'unknown-column', column }));
    else if (seen.has(column)) problems.push(problemAt({ line }, { code: 'repeated-column', column }));
    seen.add(column);
  }
  if (!seen.has('kind')) problems.push(problemAt({ line }, { code: 'no-kind-column' }));
  return problems;
}

export function parseCsvFacts(text: string): ParsedImport {
  const empty = () => nothingParsed('csv', [problemAt({}, { code: 'empty-file' })]);
  if (text.replace(/^\ufeff/, '').trim() === '') return empty();
  const records = readRecords(text);
  if (!Array.isArray(records)) return nothingParsed('csv', [records]);

  const [header, ...rows] = records;
  if (!header) return empty();
  const headerLine = startLine(header);
  const columns = header.record.map((c) => c.trim());
  const wrongHeader = headerProblems(columns, headerLine);
  if (wrongHeader.length) return nothingParsed('csv', wrongHeader);
  if (rows.length === 0) return nothingParsed('csv', [problemAt({ line: headerLine }, { code: 'no-rows' })]);

  const problems: ImportProblem[] = [];
  const nodes = new Map<string, CsvNode>();
  const relationRows: Row[] = [];
  for (const r of rows) {
    const line = startLine(r);
    if (r.record.length !== columns.length) {
      problems.push(
        problemAt({ line }, { code: 'field-count', fields: r.record.length, expected: columns.length }),
      );
      continue;
    }
    const row: Row = { line };
    columns.forEach((column, k) => {
      const cell = r.record[k] ?? '';
      const value = TRIMMED.has(column as CsvColumn) ? cell.trim() : cell;
      if (value !== '') row[column as CsvColumn] = value;
    });
    const kind = row.kind?.toLowerCase();
    if (kind === 'node' || kind === 'relation') {
      const misplaced = (kind === 'node' ? RELATION_ONLY : NODE_ONLY).filter((c) => row[c] !== undefined);
      if (misplaced.length) {
        problems.push(
          problemAt(
            { line, path: misplaced.join(', ') },
            { code: 'misplaced-cells', kind, columns: misplaced },
          ),
        );
      } else if (kind === 'relation') relationRows.push(row);
      else addNodeRow(nodes, row);
    } else if (row.kind === undefined) {
      problems.push(problemAt({ line, path: 'kind' }, { code: 'missing-kind' }));
    } else {
      problems.push(problemAt({ line, path: 'kind' }, { code: 'unknown-kind', kind: row.kind }));
    }
  }

  const document: FactDocument = { nodes: [], relations: [] };
  const locators: ParsedImport['locators'] = { nodes: [], relations: [] };
  const declared = new Set<string>();
  // A first occurrence is named by its line alone: the column is the same as the repeat's.
  const duplicates = new Duplicates(problems, (locate) => ({ line: locate([]).line }));

  for (const entry of nodes.values()) {
    problems.push(...entry.problems);
    if (entry.first.label !== undefined && entry.first.key !== undefined) declared.add(entry.ref);
    const locate = csvNodeLocator(entry);
    const raw = csvNode(entry, locate, problems);
    if (!raw) continue;
    const node = validateNode(raw, locate, problems);
    if (node && duplicates.evidence(node, locate)) {
      document.nodes.push(node);
      locators.nodes.push(locate);
    }
  }
  for (const row of relationRows) {
    const locate = csvRelationLocator(row);
    const raw = csvRelation(row, locate, problems);
    if (!raw) continue;
    const rel = validateRelation(raw, locate, problems);
    if (rel && duplicates.relation(rel, locate)) {
      document.relations.push(rel);
      locators.relations.push(locate);
    }
  }
  return { format: 'csv', document, problems: sortProblems(problems), locators, declared };
}
