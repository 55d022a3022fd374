/**
 * Reads a file for `npm run import` into a fact document, and says precisely what is wrong with it.
 *
 * Two formats (docs/import-export.md): JSON, a fact document exactly as facts.ts defines it
 * (json-source.ts); CSV, one row per node or relation (csv-source.ts).
 *
 * Pure: no database. Every item is validated with the fact schemas (validate.ts), all problems are
 * collected as data (problems.ts) with the file line, and for JSON the path such as `nodes[3].label`;
 * messages.ts words them. Only valid items enter the document. The checks that need the database run
 * later, and `referenceProblems` turns their result into problems at the right lines.
 */
import { parseCsvFacts } from './csv-source.ts';
import { parseJsonFacts } from './json-source.ts';
import { fileFormerKeyProblems } from './key-problems.ts';
import type { ImportFormat, ParsedImport } from './parsed-import.ts';
import { sortProblems } from './problems.ts';

export { ALIAS_SEPARATOR, aliasesCell, CSV_COLUMNS, type CsvColumn, parseAliasesCell } from './csv-format.ts';
export { parseCsvFacts } from './csv-source.ts';
export { jsonLineIndex } from './json-lines.ts';
export { parseJsonFacts } from './json-source.ts';
export { fileFormerKeyProblems, storeKeyProblems } from './key-problems.ts';
export { formatProblem, problemMessage } from './messages.ts';
export type { ImportFormat, ParsedImport } from './parsed-import.ts';
export {
  type ImportProblem,
  type Location,
  type Locator,
  type ProblemCode,
  type ProblemDetail,
  problemAt,
  sortProblems,
} from './problems.ts';
export { referenceProblems } from './references.ts';

/** The format a file name asks for, or undefined for an extension we do not read. */
export function importFormatOf(file: string): ImportFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}

/** Parses and validates an import file's text. */
export function parseImportFile(text: string, format: ImportFormat): ParsedImport {
  const parsed = format === 'json' ? parseJsonFacts(text) : parseCsvFacts(text);
  const keys = fileFormerKeyProblems(parsed);
  return keys.length ? { ...parsed, problems: sortProblems([...parsed.problems, ...keys]) } : parsed;
}
