/**
 * One key names one thing. Every node of the ontology also carries the label `Entity`, whose key is
 * unique (cypher/schema/01-constraints.cypher). Where the sources give two labels the same slug (the
 * zone and the city `shenzhen`), one rule decides, here and nowhere else, for the seed, the import and
 * the migration of an existing store: the label that comes first in the ontology's order keeps the
 * key; each other one takes `<key>-<label>` (shortened to fit the key limit: yieldedKey) (the place `shenzhen-place`, the indicator
 * `zones-approved-1991-1992-indicator`) and keeps the old key in `formerKeys`, where lookups still
 * find it (lookup.ts).
 */
import { createHash } from 'node:crypto';
import type { FactDocument, NodeFact, RelationFact } from './facts.ts';
import { nodeRef, parseNodeRef } from './facts.ts';
import { INPUT_LIMITS } from './input-rules.ts';
import { LABELS, type Label } from './ontology.ts';

/** The label every node of the ontology carries besides its own; its key is unique. */
export const ENTITY_LABEL = 'Entity';

/** `IndustryCluster` → `industry-cluster`: the suffix a yielding label adds to the key. */
export function labelSuffix(label: Label): string {
  return label.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/**
 * The key a node of `label` takes when a label earlier in the ontology holds the same key: `<key>-<label>`,
 * or, where that would pass the key length limit, the key cut short and followed by 8 hex digits of its
 * SHA-256 (so that two long keys with one beginning still yield two keys): `<cut>-<hash>-<label>`, at
 * most INPUT_LIMITS.keyLength characters.
 */
export function yieldedKey(label: Label, key: string): string {
  const suffix = `-${labelSuffix(label)}`;
  if (key.length + suffix.length <= INPUT_LIMITS.keyLength) return `${key}${suffix}`;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  const cut = key.slice(0, INPUT_LIMITS.keyLength - suffix.length - hash.length - 1).replace(/[-.]+$/, '');
  return `${cut}-${hash}${suffix}`;
}

/**
 * For one key held by several labels: which label keeps it (the first in LABELS), and the new key of
 * each other one.
 */
export function resolveClash(
  key: string,
  labels: readonly Label[],
): { keeps: Label; renames: Map<Label, string> } {
  const ordered = [...new Set(labels)].sort((a, b) => LABELS.indexOf(a) - LABELS.indexOf(b));
  const [keeps, ...others] = ordered as [Label, ...Label[]];
  return { keeps, renames: new Map(others.map((label) => [label, yieldedKey(label, key)])) };
}

/**
 * The document with every key unique across labels: the yielding nodes renamed (their old key in
 * `formerKeys`), and every reference to them ("Label:key" ends, evidence and relation sources) following.
 * Returns the renames made, "Label:old" → new key, for whoever wants to report them.
 */
export function uniqueKeys(doc: FactDocument): { doc: FactDocument; renamed: Map<string, string> } {
  const labelsByKey = new Map<string, Label[]>();
  for (const node of doc.nodes) labelsByKey.set(node.key, [...(labelsByKey.get(node.key) ?? []), node.label]);
  const renamed = new Map<string, string>();
  for (const [key, labels] of labelsByKey) {
    if (new Set(labels).size < 2) continue;
    for (const [label, next] of resolveClash(key, labels).renames) renamed.set(nodeRef(label, key), next);
  }
  const taken = new Set(doc.nodes.map((n) => n.key));
  for (const [ref, next] of renamed) {
    if (taken.has(next)) throw new Error(`${ref} cannot take the key ${next}: another node already has it`);
  }
  if (renamed.size === 0) {
    assertFormerKeysNameOne(doc.nodes);
    return { doc, renamed };
  }
  const keyOf = (label: string, key: string) => renamed.get(`${label}:${key}`) ?? key;
  const ref = (r: string) => {
    const { label, key } = parseNodeRef(r);
    return `${label}:${keyOf(label, key)}`;
  };
  const nodes = doc.nodes.map((node): NodeFact => {
    const key = keyOf(node.label, node.key);
    const evidence = node.evidence.map((e) => ({ ...e, source: keyOf('Source', e.source) }));
    const claims = node.claims?.map((c) => ({ ...c, source: keyOf('Source', c.source) }));
    if (key === node.key) return { ...node, evidence, ...(claims ? { claims } : {}) };
    return {
      ...node,
      key,
      formerKeys: [...new Set([...(node.formerKeys ?? []), node.key])],
      evidence,
      ...(claims ? { claims } : {}),
    };
  });
  assertFormerKeysNameOne(nodes);
  const relations = doc.relations.map(
    (rel): RelationFact => ({
      ...rel,
      from: ref(rel.from),
      to: ref(rel.to),
      evidence: { ...rel.evidence, source: keyOf('Source', rel.evidence.source) },
    }),
  );
  return { doc: { nodes, relations }, renamed };
}

/**
 * A former key names one node: no two nodes give up the same key, and no node gives up a key another
 * node of its label holds now (a look-up by that label would have to pick; lookup.ts refuses to). A
 * former key a node of another label holds is how a shared slug is resolved (the place
 * `shenzhen-place` gave up `shenzhen`, which the zone holds), so it is no clash.
 */
export function formerKeyClashes(nodes: readonly NodeFact[]): string[] {
  const current = new Map<string, Set<Label>>();
  for (const node of nodes) current.set(node.key, (current.get(node.key) ?? new Set()).add(node.label));
  const formerHolders = new Map<string, Set<string>>();
  const clashes: string[] = [];
  for (const node of nodes) {
    for (const former of new Set(node.formerKeys ?? [])) {
      if (former === node.key) continue;
      const ref = `${node.label}:${node.key}`;
      formerHolders.set(former, (formerHolders.get(former) ?? new Set()).add(ref));
      if (current.get(former)?.has(node.label)) {
        clashes.push(`the former key "${former}" of ${ref} is the key of ${node.label}:${former}`);
      }
    }
  }
  for (const [former, holders] of formerHolders) {
    if (holders.size > 1) clashes.push(`the former key "${former}" is held by ${[...holders].join(' and ')}`);
  }
  return clashes;
}

/** Throws when a former key would name more than one node (formerKeyClashes). */
export function assertFormerKeysNameOne(nodes: readonly NodeFact[]): void {
  const clashes = formerKeyClashes(nodes);
  if (clashes.length > 0) {
    throw new Error(`A former key must name one node: ${clashes.join('; ')}. Give each node its own keys.`);
  }
}
