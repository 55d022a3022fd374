/**
 * Driver values to plain JavaScript: Integers become numbers (our counts and years fit; one beyond
 * ±2^53, which a JSON number would round, becomes its exact decimal string), temporal
 * values become ISO strings, nodes, relationships and paths become plain objects that carry their
 * labels, type and properties (never Neo4j's element ids, which are not stable across stores).
 */
import neo4j, {
  type Integer,
  isDate,
  isDateTime,
  isDuration,
  isLocalDateTime,
  isLocalTime,
  isPoint,
  isTime,
} from 'neo4j-driver';

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (typeof value !== 'object') return value as Plain;
  // Lists and maps arrive as plain arrays and objects, fresh for each result: converted in place
  // (copying every row of a large result doubled the garbage), and first, the common case.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlain(value[i]);
    return value as Plain[];
  }
  if (Object.getPrototypeOf(value) === Object.prototype)
    return toPlainObject(value as Record<string, unknown>);
  if (neo4j.isInt(value)) {
    const integer = value as Integer;
    return integer.inSafeRange() ? integer.toNumber() : integer.toString();
  }
  if (
    isDate(value) ||
    isDateTime(value) ||
    isLocalDateTime(value) ||
    isLocalTime(value) ||
    isTime(value) ||
    isDuration(value) ||
    isPoint(value)
  ) {
    return String(value);
  }
  if (neo4j.isNode(value)) {
    const properties = toPlainObject(value.properties);
    return { labels: [...value.labels], key: properties.key ?? null, properties };
  }
  if (neo4j.isRelationship(value)) {
    return { type: value.type, properties: toPlainObject(value.properties) };
  }
  if (neo4j.isPath(value)) {
    return {
      start: toPlain(value.start),
      end: toPlain(value.end),
      segments: value.segments.map((s) => ({
        start: toPlain(s.start),
        relationship: toPlain(s.relationship),
        end: toPlain(s.end),
      })),
    };
  }
  return toPlainObject(value as Record<string, unknown>);
}

/** A driver map (a record, properties) as plain values, converted in place. */
export function toPlainObject(record: Record<string, unknown>): { [key: string]: Plain } {
  for (const key in record) record[key] = toPlain(record[key]);
  return record as { [key: string]: Plain };
}
