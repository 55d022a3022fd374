/** The import CSV's layout, which the CSV export writes too: its columns and its aliases cell. */
import type { ProblemDetail } from './problems.ts';

export const CSV_COLUMNS = [
  'kind',
  'label',
  'key',
  'name',
  'nameZh',
  'aliases',
  'description',
  'properties',
  'type',
  'from',
  'to',
  'source',
  'quote',
  'paragraph',
  'note',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Separates aliases in the CSV `aliases` cell; a cell may instead hold a JSON array of strings. */
export const ALIAS_SEPARATOR = '|';

/** Aliases from a CSV cell: `a|b|c`, or a JSON array of strings when an alias holds a `|`. */
export function parseAliasesCell(cell: string): string[] | { error: ProblemDetail } {
  const text = cell.trim();
  if (text.startsWith('[')) {
    try {
      const value = JSON.parse(text) as unknown;
      if (Array.isArray(value) && value.every((a) => typeof a === 'string')) return value as string[];
    } catch {
      // reported below
    }
    return { error: { code: 'bad-aliases-cell' } };
  }
  return text
    .split(ALIAS_SEPARATOR)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** The `aliases` cell for a list of aliases (the inverse of parseAliasesCell). */
export function aliasesCell(aliases: readonly string[] | undefined): string {
  if (!aliases?.length) return '';
  const plain = aliases.every((a) => !a.includes(ALIAS_SEPARATOR) && a === a.trim() && a !== '');
  return plain && !aliases[0]?.startsWith('[') ? aliases.join(ALIAS_SEPARATOR) : JSON.stringify(aliases);
}
