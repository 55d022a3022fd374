/**
 * Keyset cursors: the list they belong to (`Query.zones`, `Zone.companies`, `Entity.relations`), the
 * order field, the sort value and key of an edge, as opaque base64url. A cursor of another list or
 * another order, a forged or a truncated one is refused with a clear message.
 */
import type { Plain } from '../neo4j/values.ts';

export interface Cursor {
  list: string;
  /** The order it was made for: field and direction (`name ASC`; paging.ts cursorOrder). */
  field: string;
  value: Plain;
  key: string;
}

export class CursorError extends Error {
  override name = 'CursorError';
}

export function encodeCursor(list: string, field: string, value: Plain, key: string): string {
  return Buffer.from(JSON.stringify([list, field, value, key])).toString('base64url');
}

/** What a list's sort values are: names and keys sort as text, years and counts as numbers. */
export type SortKind = 'text' | 'number';

export function decodeCursor(
  cursor: string,
  expectedList: string,
  expectedField: string,
  expectedKind: SortKind,
): Cursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 4 ||
    typeof decoded[0] !== 'string' ||
    typeof decoded[1] !== 'string' ||
    typeof decoded[3] !== 'string' ||
    !['string', 'number'].includes(typeof decoded[2])
  ) {
    throw new CursorError(
      `Invalid cursor "${cursor.slice(0, 40)}": use a cursor from edges or pageInfo of the same field (${expectedList}).`,
    );
  }
  const [list, field, value, key] = decoded as [string, string, Plain, string];
  if (list !== expectedList) {
    throw new CursorError(
      `This cursor belongs to ${list.slice(0, 80)}, not to ${expectedList}: use a cursor from edges or pageInfo of the same field.`,
    );
  }
  if (field !== expectedField) {
    throw new CursorError(
      `This cursor belongs to a list ordered by ${field.slice(0, 80)}, not by ${expectedField}: page with the orderBy it was made for.`,
    );
  }
  // Compared in Cypher, a value of the other type matches no row: the page would be silently empty.
  if ((typeof value === 'number' ? 'number' : 'text') !== expectedKind) {
    throw new CursorError(
      `Invalid cursor "${cursor.slice(0, 40)}": ${field.split(' ')[0]} sorts by ${expectedKind}, but this cursor holds ${typeof value === 'number' ? 'a number' : 'text'}; use a cursor from edges or pageInfo of the same field.`,
    );
  }
  return { list, field, value, key };
}
