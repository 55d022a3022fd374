/**
 * Keyset cursors: the sort value and key of an edge, and the order field they belong to, as opaque
 * base64url. A cursor from another order, a forged or a truncated one is refused with a clear message.
 */
import type { Plain } from '../neo4j/values.ts';

export interface Cursor {
  field: string;
  value: Plain;
  key: string;
}

export class CursorError extends Error {
  override name = 'CursorError';
}

export function encodeCursor(field: string, value: Plain, key: string): string {
  return Buffer.from(JSON.stringify([field, value, key])).toString('base64url');
}

export function decodeCursor(cursor: string, expectedField: string): Cursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 3 ||
    typeof decoded[0] !== 'string' ||
    typeof decoded[2] !== 'string' ||
    !['string', 'number'].includes(typeof decoded[1])
  ) {
    throw new CursorError(
      `Invalid cursor "${cursor.slice(0, 40)}": use a cursor from edges or pageInfo of the same field.`,
    );
  }
  const [field, value, key] = decoded as [string, Plain, string];
  if (field !== expectedField) {
    throw new CursorError(
      `This cursor belongs to a list ordered by ${field}, not by ${expectedField}: page with the orderBy it was made for.`,
    );
  }
  return { field, value, key };
}
