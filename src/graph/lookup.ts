/**
 * Finding a node by key: of a given label, or of any. Keys are unique across labels (the `Entity`
 * label's constraint, entity-keys.ts), so "any label" is one seek on that constraint's index. A key
 * a node gave up when keys became unique (its `formerKeys`) still finds it, where no node has that
 * key now: with a label, the former key of that label (the place `shenzhen`, now `shenzhen-place`).
 * That second look is a scan, so it is made only after the seek found nothing.
 */
import type { Executor } from '../neo4j/executor.ts';
import type { Plain } from '../neo4j/values.ts';
import { ENTITY_LABEL } from './entity-keys.ts';
import type { FactDocument } from './facts.ts';
import { parseNodeRef } from './facts.ts';
import { cypherName, isLabel, type Label } from './ontology.ts';
import { type EntityRecord, labelOf, toRecord } from './records.ts';

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PARAMETER = /^\$[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Cypher that binds `variable` to the node whose key is the parameter `keyParam` (e.g. `$key`), of
 * `label` or of any label: one seek on that label's key index, or on the Entity key constraint's.
 * Former keys are not looked at (that is a scan): callers that find nothing ask `byFormerKey`.
 */
export function matchByKey(variable: string, keyParam: string, label?: Label): string {
  // Both are names written in our code, never input; checked so that a slip cannot become Cypher.
  if (!VARIABLE.test(variable) || !PARAMETER.test(keyParam))
    throw new Error(`matchByKey: ${variable} and ${keyParam} must be a variable and a $parameter`);
  return `MATCH (${variable}:${label ? cypherName(label) : ENTITY_LABEL} {key: ${keyParam}})`;
}

/**
 * A former key that more than one node gave up: no look-up may pick one of them (import validation and
 * uniqueKeys refuse to make such a store; this guards one made before they did).
 */
export class AmbiguousKeyError extends Error {
  constructor(
    readonly key: string,
    readonly refs: readonly string[],
  ) {
    super(
      `The key "${key}" is a former key of more than one node (${refs.join(', ')}), so it names none of them: use the current key of the one you mean.`,
    );
    this.name = 'AmbiguousKeyError';
  }
}

/** No key is this long (keys are slugs of at most 100 characters): such a text names no former key either. */
const LONGEST_KEY_LOOKED_UP = 1_000;

/**
 * The node (of `label`, or of any) that gave up this key when keys became unique (its `formerKeys`),
 * if no node has the key now. Only asked after a key found nothing: one query of the full-text index
 * that holds each former key as one term (entity_former_key_terms), then the exact check.
 */
export async function byFormerKey(
  executor: Pick<Executor, 'read'>,
  key: string,
  label?: Label,
): Promise<EntityRecord | null> {
  if (key.length > LONGEST_KEY_LOOKED_UP) return null;
  const rows = await executor.read(
    `CALL db.index.fulltext.queryNodes('entity_former_key_terms', $term) YIELD node AS n
     WITH n WHERE $key IN n.formerKeys AND ($label IS NULL OR $label IN labels(n))
     RETURN n {.*} AS node, labels(n) AS labels ORDER BY n.key LIMIT 2`,
    // A quoted Lucene phrase: with the keyword analyzer, exactly this one term.
    { term: `"${key.replace(/[\\"]/g, '\\$&')}"`, key, label: label ?? null },
  );
  const [row, ...others] = rows;
  if (others.length > 0) {
    throw new AmbiguousKeyError(
      key,
      rows.map((r) => `${labelOf(r.labels ?? [])}:${String((r.node as Record<string, Plain>).key)}`),
    );
  }
  return row ? toRecord(labelOf(row.labels ?? []), row.node as Record<string, Plain>) : null;
}

/** The entity with this key (or, when none has it, the one that had it), whatever its label: at most one. */
export async function entitiesByKey(executor: Pick<Executor, 'read'>, key: string): Promise<EntityRecord[]> {
  const rows = await executor.read(`${matchByKey('n', '$key')} RETURN n {.*} AS node, labels(n) AS labels`, {
    key,
  });
  if (rows.length === 0) {
    const former = await byFormerKey(executor, key);
    return former ? [former] : [];
  }
  return rows.map((r) => toRecord(labelOf(r.labels ?? []), r.node as Record<string, Plain>));
}

/**
 * An import's "Label:key" references and node keys that name a node by a key it gave up (entity-keys.ts),
 * rewritten to its key now, so that files written before keys became unique still load.
 */
export async function withCurrentKeys(
  executor: Pick<Executor, 'read'>,
  doc: FactDocument,
): Promise<FactDocument> {
  const refs = new Set<string>([
    ...doc.nodes.map((n) => `${n.label}:${n.key}`),
    ...doc.relations.flatMap((r) => [r.from, r.to]),
  ]);
  const wanted = [...refs].map(parseNodeRef).filter((r) => isLabel(r.label));
  if (wanted.length === 0) return doc;
  // The entities with former keys are few (an index holds them): read them once and match the file's
  // references in memory. Matching in Cypher was a scan of every entity per reference.
  const holders = await executor.read(
    `MATCH (n:${ENTITY_LABEL}) WHERE n.formerKeys IS NOT NULL
     RETURN n.key AS key, n.formerKeys AS formerKeys, labels(n) AS labels`,
  );
  const gaveUp = new Map<string, { key: string; labels: string[] }[]>();
  for (const h of holders) {
    for (const former of (h.formerKeys ?? []) as string[]) {
      gaveUp.set(former, [
        ...(gaveUp.get(former) ?? []),
        { key: String(h.key), labels: (h.labels ?? []) as string[] },
      ]);
    }
  }
  const candidates = wanted.filter((ref) => gaveUp.get(ref.key)?.some((h) => h.labels.includes(ref.label)));
  if (candidates.length === 0) return doc;
  // A reference a node of its label still has as its key names that node, not the one that gave it up.
  const stillKeys = await executor.read(
    `UNWIND $refs AS ref
     MATCH (same:${ENTITY_LABEL} {key: ref.key}) WHERE ref.label IN labels(same)
     RETURN ref.label + ':' + ref.key AS ref`,
    { refs: candidates },
  );
  const held = new Set(stillKeys.map((r) => String(r.ref)));
  const rows = candidates
    .filter((ref) => !held.has(`${ref.label}:${ref.key}`))
    .flatMap((ref) =>
      (gaveUp.get(ref.key) ?? [])
        .filter((h) => h.labels.includes(ref.label))
        .map((h) => ({ ref: `${ref.label}:${ref.key}`, key: h.key, holder: `${ref.label}:${h.key}` })),
    );
  if (rows.length === 0) return doc;
  const current = new Map<string, string>();
  for (const r of rows) {
    const ref = String(r.ref);
    const taken = current.get(ref);
    if (taken !== undefined && taken !== String(r.key)) {
      throw new AmbiguousKeyError(parseNodeRef(ref).key, [`${parseNodeRef(ref).label}:${taken}`, r.holder]);
    }
    current.set(ref, String(r.key));
  }
  const rewrite = (ref: string) => {
    const next = current.get(ref);
    return next ? `${parseNodeRef(ref).label}:${next}` : ref;
  };
  return {
    nodes: doc.nodes.map((n) => {
      const next = current.get(`${n.label}:${n.key}`);
      return next ? { ...n, key: next, formerKeys: [...new Set([...(n.formerKeys ?? []), n.key])] } : n;
    }),
    relations: doc.relations.map((r) => ({ ...r, from: rewrite(r.from), to: rewrite(r.to) })),
  };
}
