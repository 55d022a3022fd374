/** Imports every part of the schema and builds it. */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './stats.ts';

export const schema = builder.toSchema();

/** The SDL committed as schema/schema.graphql: sorted, so that diffs show only real changes. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
