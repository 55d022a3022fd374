/** Imports every part of the schema and builds it. */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './entity.ts';
import './types/zone.ts';
import './types/program.ts';
import './types/policy.ts';
import './types/company.ts';
import './types/industry-cluster.ts';
import './types/organization.ts';
import './types/place.ts';
import './types/designation.ts';
import './types/technology.ts';
import './types/event.ts';
import './types/indicator.ts';
import './types/source.ts';
import './relation.ts';
import './node-fields.ts';
import './search.ts';
import './analyst.ts';
import './cypher.ts';
import './mutations.ts';
import './stats.ts';

export const schema = builder.toSchema();

/** The SDL committed as schema/schema.graphql: sorted, so that diffs show only real changes. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
