/**
 * Finding a node by key: of a given label, or of whichever label has it. A key is unique per label,
 * not across labels (Zone:anshan and Place:anshan), so "any label" asks each label's key index in turn,
 * in one order for every caller: the ontology's, Source last, so that a domain entity comes first.
 */
import type { Executor } from '../neo4j/executor.ts';
import type { Plain } from '../neo4j/values.ts';
import { cypherName, LABELS, type Label } from './ontology.ts';
import { type EntityRecord, labelOf, toRecord } from './records.ts';

/** The labels a key is looked up in, in order: every label of the ontology. */
export const LOOKUP_LABELS: readonly Label[] = LABELS;

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PARAMETER = /^\$[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Cypher that binds `variable` to each node whose key is the parameter `keyParam` (e.g. `$key`): the
 * node of `label`, or with no label one row per label that has the key, in LOOKUP_LABELS order (one
 * index seek each). Follow it with `WITH variable LIMIT 1` where the first is wanted.
 */
export function matchByKey(variable: string, keyParam: string, label?: Label): string {
  // Both are names written in our code, never input; checked so that a slip cannot become Cypher.
  if (!VARIABLE.test(variable) || !PARAMETER.test(keyParam))
    throw new Error(`matchByKey: ${variable} and ${keyParam} must be a variable and a $parameter`);
  if (label) return `MATCH (${variable}:${cypherName(label)} {key: ${keyParam}})`;
  const branches = LOOKUP_LABELS.map(
    (l) => `MATCH (${variable}:${cypherName(l)} {key: ${keyParam}}) RETURN ${variable}`,
  );
  return `CALL () { ${branches.join(' UNION ALL ')} }`;
}

/** Every entity with this key, whatever its label (at most one per label), in LOOKUP_LABELS order. */
export async function entitiesByKey(executor: Pick<Executor, 'read'>, key: string): Promise<EntityRecord[]> {
  const rows = await executor.read(`${matchByKey('n', '$key')} RETURN n {.*} AS node, labels(n) AS labels`, {
    key,
  });
  return rows.map((r) => toRecord(labelOf(r.labels ?? []), r.node as Record<string, Plain>));
}
