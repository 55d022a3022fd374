/**
 * Entities as read off the graph: a plain object of the node's properties (all of them, or those a
 * query selected) with its label, and with the relation pages a query fetched in the same statement.
 */
import type { Plain } from '../neo4j/values.ts';
import { isLabel, type Label } from './ontology.ts';
import type { Page } from './paging.ts';

/** Where a record keeps the relation pages fetched along with it, by the field's response name. */
export const PREFETCHED: unique symbol = Symbol('prefetched relation pages');

export type EntityRecord = {
  __label: Label;
  key: string;
  [PREFETCHED]?: Record<string, Page | Error>;
} & Record<string, Plain>;

/** A node's properties as read (a map fresh for each result) made the record, in place. */
export function toRecord(label: Label, props: Record<string, Plain>): EntityRecord {
  const record = props as EntityRecord;
  record.__label = label;
  record.key = String(props.key);
  return record;
}

/** The label of a node we read without knowing it (an Entity-typed relation). */
export function labelOf(labels: Plain): Label {
  const found = (labels as string[]).find(isLabel);
  if (!found) throw new Error(`A node without a label of the ontology: ${JSON.stringify(labels)}`);
  return found;
}

/**
 * The relation page a query fetched with this record under a response name, if it did (or the error
 * that kept the planned page from being fetched: its field reports it).
 */
export function prefetched(record: EntityRecord, responseName: string): Page | Error | undefined {
  return record[PREFETCHED]?.[responseName];
}
