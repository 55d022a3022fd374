/**
 * Curation: create, update and delete an entity; link and unlink a relation. Each operation is one
 * transaction, validated against the ontology first, and fails with a typed error a client can act
 * on (not found, duplicate key, relation not allowed, missing evidence, invalid input). Writes reuse
 * the loader's statements, so curation and imports store facts identically.
 */
import type { Executor, Tx } from '../neo4j/executor.ts';
import type { Plain } from '../neo4j/values.ts';
import { refreshHeadlines } from './claims-writer.ts';
import { ENTITY_LABEL, yieldedKey } from './entity-keys.ts';
import {
  type Evidence,
  type NodeFact,
  nodeFactSchema,
  nodeRef,
  type RelationFact,
  relationFactSchema,
} from './facts.ts';
import {
  check,
  createRule,
  keyRule,
  linkRule,
  orderProblems,
  unlinkRule,
  updateRule,
} from './input-rules.ts';
import { emptySummary, writeEvidence, writeNodes, writeRelations } from './loader.ts';
import { byFormerKey } from './lookup.ts';
import {
  allowsRelationship,
  cypherName,
  EVIDENCE_RELATIONSHIP,
  LABEL_PROPERTIES,
  type Label,
  type RelationshipType,
} from './ontology.ts';
import { type EntityRecord, labelOf, toRecord } from './records.ts';
import { searchProperties } from './search-text.ts';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(readonly ref: string) {
    super(`Nothing found for ${ref}.`);
  }
}

export class DuplicateKeyError extends Error {
  override name = 'DuplicateKeyError';
  constructor(
    readonly label: Label,
    readonly key: string,
    /** The label of the node that has the key, when it is another one (keys are unique across labels). */
    readonly holder: Label = label,
  ) {
    super(
      holder === label
        ? `A ${label} with key "${key}" exists already: choose another key, or update that one.`
        : `The key "${key}" names a ${holder} already, and a key names one entity of any type: choose another key (such as "${yieldedKey(label, key)}").`,
    );
  }
}

export class RelationNotAllowedError extends Error {
  override name = 'RelationNotAllowedError';
  constructor(
    readonly type: string,
    readonly from: Label,
    readonly to: Label,
  ) {
    super(`${type} may not join ${from} to ${to}; see the ontology (docs/ontology.md) for what it joins.`);
  }
}

export class MissingEvidenceError extends Error {
  override name = 'MissingEvidenceError';
  constructor() {
    super('A fact needs at least one source: give evidence with the key of a Source (and a short quote).');
  }
}

export class InUseError extends Error {
  override name = 'InUseError';
  constructor(
    readonly key: string,
    readonly citations: number,
  ) {
    super(
      `Source "${key}" is cited by ${citations} fact(s): deleting it would leave them without provenance. Cite another source for them, or delete them first.`,
    );
  }
}

export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`Invalid input: ${problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}`);
  }
}

/** The input as the rules clean it (texts trimmed), or an InvalidInputError before any Cypher. */
function checked<T>(
  result: { ok: true; value: T } | { ok: false; problems: InvalidInputError['problems'] },
): T {
  if (!result.ok) throw new InvalidInputError(result.problems);
  return result.value;
}

function validateNode(fact: NodeFact): NodeFact {
  const parsed = nodeFactSchema.safeParse(fact);
  if (parsed.success) return parsed.data as NodeFact;
  const problems = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  if (problems.some((p) => p.path === 'evidence' && /source/.test(p.message)))
    throw new MissingEvidenceError();
  throw new InvalidInputError(problems);
}

/**
 * The key the node of `label` named by `key` has now: `key` itself, or, when no node of the label has it,
 * the key of the one that gave it up (its `formerKeys`: the place `shenzhen` is `shenzhen-place`), so
 * that mutations resolve keys as reads and imports do (lookup.ts). `key` unchanged when neither finds one.
 */
async function currentKey(tx: Tx, label: Label, key: string): Promise<string> {
  if (await exists(tx, label, key)) return key;
  const former = await byFormerKey({ read: (query, params) => tx.run(query, params) }, key, label);
  return former ? String(former.key) : key;
}

/** An end of a relation with its key now (currentKey). */
async function currentEnd(
  tx: Tx,
  end: { label: Label; key: string },
): Promise<{ label: Label; key: string }> {
  return { label: end.label, key: await currentKey(tx, end.label, end.key) };
}

async function exists(tx: Tx, label: Label, key: string): Promise<Record<string, Plain> | null> {
  const [row] = await tx.run(`MATCH (n:${cypherName(label)} {key: $key}) RETURN n {.*} AS node`, { key });
  return (row?.node as Record<string, Plain>) ?? null;
}

async function requireSources(tx: Tx, evidence: Evidence[]): Promise<void> {
  const keys = [...new Set(evidence.map((e) => e.source))];
  if (!keys.length) return;
  const rows = await tx.run(
    'UNWIND $keys AS key OPTIONAL MATCH (s:Source {key: key}) WITH key, s WHERE s IS NULL RETURN key',
    {
      keys,
    },
  );
  if (rows.length) throw new NotFoundError(`Source:${rows[0]?.key}`);
}

export async function createEntity(executor: Executor, input: NodeFact): Promise<EntityRecord> {
  const { label, ...values } = input;
  const clean = checked(check(createRule(label), { properties: {}, ...values })) as Omit<NodeFact, 'label'>;
  const fact = validateNode({ label, ...clean });
  return executor.writeTx(async (tx) => {
    if (await exists(tx, fact.label, fact.key)) throw new DuplicateKeyError(fact.label, fact.key);
    const [other] = await tx.run(`MATCH (n:${ENTITY_LABEL} {key: $key}) RETURN labels(n) AS labels`, {
      key: fact.key,
    });
    if (other) throw new DuplicateKeyError(fact.label, fact.key, labelOf(other.labels ?? []));
    await requireSources(tx, fact.evidence);
    await writeNodes(tx, fact.label, [fact], emptySummary());
    return toRecord(fact.label, (await exists(tx, fact.label, fact.key)) ?? {});
  });
}

export interface EntityPatch {
  name?: string | null;
  nameZh?: string | null;
  aliases?: string[] | null;
  description?: string | null;
  properties?: Record<string, unknown>;
  /** Added to the entity's evidence. */
  evidence?: Evidence[] | null;
}

/** Sets what the patch gives (null removes an optional property) and adds its evidence. */
export async function updateEntity(
  executor: Executor,
  label: Label,
  key: string,
  patch: EntityPatch,
): Promise<EntityRecord> {
  if (patch.name === null) throw new InvalidInputError([{ path: 'name', message: 'cannot be removed' }]);
  const clean = checked(
    check(updateRule(label), { ...patch, key, properties: patch.properties ?? {}, evidence: patch.evidence }),
  );
  const { properties, evidence } = clean;
  return executor.writeTx(async (tx) => {
    const asked = key;
    key = await currentKey(tx, label, key);
    const current = await exists(tx, label, key);
    if (!current) throw new NotFoundError(`${label}:${asked}`);
    const own = Object.keys(LABEL_PROPERTIES[label]);
    const merged: Record<string, unknown> = { ...current };
    const changes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries({
      name: clean.name,
      nameZh: clean.nameZh,
      aliases: clean.aliases,
      description: clean.description,
      ...properties,
    })) {
      if (value === undefined) continue;
      changes[name] = value;
      merged[name] = value;
    }
    // The entity as it will be: a new end year must not come before the year it keeps.
    const order = orderProblems(merged);
    if (order.length) throw new InvalidInputError(order.map((p) => ({ ...p, path: `properties.${p.path}` })));
    // Validate the entity as it will be, with the evidence it will have.
    validateNode({
      label,
      key,
      name: String(merged.name),
      nameZh: (merged.nameZh as string) ?? undefined,
      aliases: (merged.aliases as string[]) ?? undefined,
      description: (merged.description as string) ?? undefined,
      properties: Object.fromEntries(own.filter((p) => merged[p] != null).map((p) => [p, merged[p]])),
      evidence: evidence?.length ? evidence : [{ source: 'existing-evidence' }],
    });
    // What search derives from the names follows them (pinyin: none left when no Chinese name is).
    const derived = searchProperties(merged);
    Object.assign(changes, { pinyin: derived.pinyin ?? null, searchNames: derived.searchNames });
    await tx.run(`MATCH (n:${cypherName(label)} {key: $key}) SET n += $changes`, { key, changes });
    await refreshHeadlines(
      tx,
      label,
      key,
      Object.keys(properties).filter((name) => properties[name] !== undefined),
    );
    if (evidence?.length) {
      await requireSources(tx, evidence);
      await writeEvidence(tx, label, [{ key, evidence }], emptySummary());
    }
    return toRecord(label, (await exists(tx, label, key)) ?? {});
  });
}

export async function deleteEntity(
  executor: Executor,
  label: Label,
  key: string,
): Promise<{ label: Label; key: string }> {
  checked(check(keyRule, { key }));
  return executor.writeTx(async (tx) => {
    const asked = key;
    key = await currentKey(tx, label, key);
    if (label === 'Source') {
      const [cited] = await tx.run(
        `OPTIONAL MATCH (s:Source {key: $key})
         RETURN COUNT { (s)<-[:${EVIDENCE_RELATIONSHIP}]-() } + COUNT { ()-[r]->() WHERE r.sourceKey = $key } AS citations`,
        { key },
      );
      const citations = Number(cited?.citations ?? 0);
      if (citations > 0) throw new InUseError(key, citations);
    }
    const [row] = await tx.run(
      `MATCH (n:${cypherName(label)} {key: $key}) WITH n, n.key AS key DETACH DELETE n RETURN key`,
      { key },
    );
    if (!row) throw new NotFoundError(`${label}:${asked}`);
    return { label, key };
  });
}

export interface LinkInput {
  type: RelationshipType;
  from: { label: Label; key: string };
  to: { label: Label; key: string };
  properties?: RelationFact['properties'];
  evidence: Evidence;
}

export async function linkEntities(executor: Executor, input: LinkInput): Promise<Record<string, Plain>> {
  if (!input.evidence?.source) throw new MissingEvidenceError();
  const properties = Object.fromEntries(Object.entries(input.properties ?? {}).filter(([, v]) => v != null));
  const clean = checked(check(linkRule, { ...input, properties }));
  input = { ...input, properties: clean.properties as RelationFact['properties'], evidence: clean.evidence };
  if (!allowsRelationship(input.type, input.from.label, input.to.label)) {
    throw new RelationNotAllowedError(input.type, input.from.label, input.to.label);
  }
  const fact = {
    type: input.type,
    from: nodeRef(input.from.label, input.from.key),
    to: nodeRef(input.to.label, input.to.key),
    properties: Object.fromEntries(Object.entries(input.properties ?? {}).filter(([, v]) => v != null)),
    evidence: input.evidence,
  };
  const parsed = relationFactSchema.safeParse(fact);
  if (!parsed.success) {
    throw new InvalidInputError(
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return executor.writeTx(async (tx) => {
    const from = await currentEnd(tx, input.from);
    const to = await currentEnd(tx, input.to);
    for (const [end, asked] of [
      [from, input.from],
      [to, input.to],
    ] as const) {
      if (!(await exists(tx, end.label, end.key))) throw new NotFoundError(`${asked.label}:${asked.key}`);
    }
    fact.from = nodeRef(from.label, from.key);
    fact.to = nodeRef(to.label, to.key);
    await requireSources(tx, [input.evidence]);
    await writeRelations(
      tx,
      { type: input.type, from: input.from.label, to: input.to.label },
      [fact as RelationFact],
      emptySummary(),
    );
    const [row] = await tx.run(
      `MATCH (:${cypherName(input.from.label)} {key: $from})-[r:${cypherName(input.type)} {sourceKey: $source}]->(:${cypherName(input.to.label)} {key: $to})
       RETURN r {.*, type: type(r)} AS statement`,
      { from: from.key, to: to.key, source: input.evidence.source },
    );
    return row?.statement as Record<string, Plain>;
  });
}

export interface UnlinkInput {
  type: RelationshipType;
  from: { label: Label; key: string };
  to: { label: Label; key: string };
  /** Only the statement of this source; all statements when absent. */
  source?: string | null;
}

/** Removes the relation's statements; returns how many. */
export async function unlinkEntities(executor: Executor, input: UnlinkInput): Promise<number> {
  checked(check(unlinkRule, input));
  return executor.writeTx(async (tx) => {
    const [row] = await tx.run(
      `MATCH (:${cypherName(input.from.label)} {key: $from})-[r:${cypherName(input.type)}]->(:${cypherName(input.to.label)} {key: $to})
       WHERE $source IS NULL OR r.sourceKey = $source
       DELETE r
       RETURN count(*) AS removed`,
      {
        from: (await currentEnd(tx, input.from)).key,
        to: (await currentEnd(tx, input.to)).key,
        source: input.source ?? null,
      },
    );
    const removed = Number(row?.removed ?? 0);
    if (removed === 0) {
      throw new NotFoundError(
        `${input.type} from ${input.from.label}:${input.from.key} to ${input.to.label}:${input.to.key}`,
      );
    }
    return removed;
  });
}
