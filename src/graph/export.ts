/**
 * Reads the graph (or the neighbourhood of one node) back into facts, a page at a time, and writes
 * them as a JSON fact document, the import CSV, or GraphML. Used by `npm run export`.
 *
 * - Nodes are identified by their stable "Label:key", never by Neo4j element ids.
 * - Nodes come first, by label (the ontology's order, so Sources last) and key; then relationships,
 *   by the label and key of their start node. Each page is one query of at most PAGE_SIZE nodes, so
 *   memory stays bounded whatever the size of the graph.
 * - JSON and CSV are what `npm run import` reads: nodes carry their evidence, and the Source nodes
 *   the exported facts cite are exported with them.
 */

import type { Executor } from '../neo4j/executor.ts';
import type { Plain } from '../neo4j/values.ts';
import { chunks } from '../util/collections.ts';
import { walkNeighbourhood } from './analyst-store.ts';
import type { Evidence, NodeFact, RelationFact } from './facts.ts';
import { aliasesCell, CSV_COLUMNS, type CsvColumn } from './import/csv-format.ts';
import { byFormerKey, entitiesByKey, matchByKey } from './lookup.ts';
import {
  CLAIM_RELATIONSHIP,
  COMMON_PROPERTIES,
  cypherName,
  EVIDENCE_RELATIONSHIP,
  isLabel,
  LABEL_PROPERTIES,
  LABELS,
  type Label,
  type PropertyKind,
  RELATIONSHIP_PROPERTIES,
  RELATIONSHIP_TYPES,
} from './ontology.ts';
import type { EntityRecord } from './records.ts';
import { SEARCH_PROPERTY_NAMES } from './search-text.ts';

export const EXPORT_FORMATS = ['json', 'csv', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const PAGE_SIZE = 1000;
export const MAX_DEPTH = 3;

/** What to export: the whole graph, or these nodes (keys per label) and the relationships between them. */
export type Selection = { kind: 'all' } | { kind: 'nodes'; members: Map<Label, Set<string>> };

export type ExportItem = { kind: 'node'; node: NodeFact } | { kind: 'relation'; relation: RelationFact };

export interface ReadOptions {
  pageSize?: number;
  /** Called after each page with how many nodes, then relationships, have been read. */
  onProgress?: (phase: 'nodes' | 'relations', done: number) => void;
  /** Told about data the fact format cannot carry (and which is therefore left out). */
  onWarning?: (message: string) => void;
}

// ---------------------------------------------------------------------------------------------------
// Choosing the nodes

export interface NodeId {
  label: Label;
  key: string;
}

/** The nodes that have this key, whatever their label (at most one per label). */
export async function nodesWithKey(executor: Executor, key: string): Promise<NodeId[]> {
  return (await entitiesByKey(executor, key)).map((node) => ({ label: node.__label, key }));
}

/** True when the node exists. */
export async function nodeExists(executor: Executor, id: NodeId): Promise<boolean> {
  const [row] = await executor.read(`${matchByKey('n', '$key', id.label)} RETURN count(n) AS n`, {
    key: id.key,
  });
  return Number(row?.n ?? 0) > 0 || (await byFormerKey(executor, id.key, id.label)) !== null;
}

function addMember(members: Map<Label, Set<string>>, label: Label, key: string): void {
  const keys = members.get(label) ?? new Set<string>();
  keys.add(key);
  members.set(label, keys);
}

const LABEL_OF = (variable: string) => `[l IN labels(${variable}) WHERE l IN $labels][0]`;

/**
 * The node and every node within `depth` domain relationships of it (either direction; evidence edges
 * are not followed), plus the Sources that the facts among them cite. The walk is the analyst's
 * neighbourhood (walkNeighbourhood), uncut, reading only keys.
 */
export async function neighbourhood(executor: Executor, start: NodeId, depth: number): Promise<Selection> {
  const { nodes } = await walkNeighbourhood(executor, {
    key: start.key,
    label: start.label,
    depth,
    limit: null,
    select: { properties: [], statements: false },
  });
  return selectionOf(executor, nodes);
}

/** The selection of these nodes, with the Sources their facts cite. */
export function selectionOf(executor: Executor, nodes: readonly EntityRecord[]): Promise<Selection> {
  const members = new Map<Label, Set<string>>();
  for (const node of nodes) addMember(members, node.__label, node.key);
  return withCitedSources(executor, members);
}

/** The selection of these members plus the Sources cited by their evidence and the relationships among them. */
export async function withCitedSources(
  executor: Executor,
  members: Map<Label, Set<string>>,
  pageSize = PAGE_SIZE,
): Promise<Selection> {
  const sources = new Set<string>();
  for (const [label, keys] of members) {
    if (label === 'Source') continue;
    for (const page of chunks([...keys], pageSize)) {
      const rows = await executor.read(
        `UNWIND $keys AS k
         MATCH (a:${cypherName(label)} {key: k})
         CALL (a) {
           MATCH (a)-[:${cypherName(EVIDENCE_RELATIONSHIP)}|${cypherName(CLAIM_RELATIONSHIP)}]->(s:Source)
           RETURN null AS label, null AS key, s.key AS source
           UNION
           MATCH (a)-[r]->(b) WHERE type(r) IN $types
           RETURN ${LABEL_OF('b')} AS label, b.key AS key, r.sourceKey AS source
         }
         RETURN DISTINCT label, key, source`,
        { keys: page, types: [...RELATIONSHIP_TYPES], labels: [...LABELS] },
      );
      for (const row of rows) {
        if (typeof row.source !== 'string') continue;
        const inside =
          row.label === null ||
          (isLabel(String(row.label)) && members.get(row.label as Label)?.has(String(row.key)));
        if (inside) sources.add(row.source);
      }
    }
  }
  for (const source of sources) addMember(members, 'Source', source);
  return { kind: 'nodes', members };
}

/** How many nodes the selection holds. */
export async function countNodes(executor: Executor, selection: Selection): Promise<number> {
  if (selection.kind === 'nodes')
    return [...selection.members.values()].reduce((n, keys) => n + keys.size, 0);
  const [row] = await executor.read(
    'MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN count(n) AS n',
    { labels: [...LABELS] },
  );
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------------
// Reading facts

/** The ontology's labels with Source last (as LABELS has it): the facts first, what they cite after. */
const LABEL_ORDER: readonly Label[] = [...LABELS.filter((l) => l !== 'Source'), 'Source'];

const NODE_COLUMNS = `
  OPTIONAL MATCH (n)-[e:${cypherName(EVIDENCE_RELATIONSHIP)}]->(s:Source)
  WITH n, e, s ORDER BY s.key, e.paragraph, e.quote
  WITH n, collect(CASE WHEN s IS NULL THEN null ELSE {source: s.key, quote: e.quote, paragraph: e.paragraph, note: e.note} END) AS evidence
  OPTIONAL MATCH (n)-[c:${cypherName(CLAIM_RELATIONSHIP)}]->(cs:Source)
  WITH n, evidence, c, cs ORDER BY c.property, cs.key, c.value
  WITH n, evidence, collect(CASE WHEN cs IS NULL THEN null ELSE c {.property, .value, .quote, .paragraph, .basis, .note, source: cs.key} END) AS claims
  RETURN properties(n) AS props, evidence, claims
  ORDER BY n.key`;

const RELATION_COLUMNS = `
  MATCH (a)-[r]->(b) WHERE type(r) IN $types
  RETURN a.key AS fromKey, type(r) AS type, ${LABEL_OF('b')} AS toLabel, b.key AS toKey, properties(r) AS props
  ORDER BY fromKey, type, toLabel, toKey, props.sourceKey`;

/** Pages of start keys: the sorted keys of a selection, or the label's keys read page by page. */
async function* keyPages(
  executor: Executor,
  selection: Selection,
  label: Label,
  pageSize: number,
): AsyncGenerator<string[]> {
  if (selection.kind === 'nodes') {
    const keys = [...(selection.members.get(label) ?? [])].sort();
    for (const page of chunks(keys, pageSize)) yield page;
    return;
  }
  let after = '';
  for (;;) {
    const rows = await executor.read(
      `MATCH (n:${cypherName(label)}) WHERE n.key > $after RETURN n.key AS key ORDER BY n.key LIMIT ${pageSize}`,
      { after },
    );
    const keys = rows.map((r) => String(r.key));
    if (keys.length) yield keys;
    if (keys.length < pageSize) return;
    after = keys[keys.length - 1] as string;
  }
}

/**
 * The selected facts: nodes (with evidence) in label and key order, then the domain relationships
 * whose both ends are selected.
 */
export async function* readFacts(
  executor: Executor,
  selection: Selection,
  options: ReadOptions = {},
): AsyncGenerator<ExportItem> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new Error(`page size must be a whole number: ${pageSize}`);
  const warn = onceEach(options.onWarning);
  let done = 0;
  for (const label of LABEL_ORDER) {
    for await (const keys of keyPages(executor, selection, label, pageSize)) {
      const rows = await executor.read(
        `UNWIND $keys AS k MATCH (n:${cypherName(label)} {key: k}) ${NODE_COLUMNS}`,
        { keys },
      );
      for (const row of rows)
        yield {
          kind: 'node',
          node: withClaims(
            toNodeFact(label, row.props ?? null, row.evidence ?? null, warn),
            row.claims ?? null,
          ),
        };
      done += rows.length;
      options.onProgress?.('nodes', done);
    }
  }
  done = 0;
  for (const label of LABEL_ORDER) {
    if (label === 'Source') continue; // Sources are never the start of a domain relationship
    for await (const keys of keyPages(executor, selection, label, pageSize)) {
      const rows = await executor.read(
        `UNWIND $keys AS k MATCH (a:${cypherName(label)} {key: k}) WITH a ${RELATION_COLUMNS}`,
        { keys, types: [...RELATIONSHIP_TYPES], labels: [...LABELS] },
      );
      for (const row of rows) {
        const toLabel = row.toLabel;
        if (typeof toLabel !== 'string' || !isLabel(toLabel)) {
          warn(`a ${String(row.type)} relationship ends at a node with no label of the ontology: left out`);
          continue;
        }
        if (selection.kind === 'nodes' && !selection.members.get(toLabel)?.has(String(row.toKey))) continue;
        const relation = toRelationFact(label, row, toLabel, warn);
        if (relation) yield { kind: 'relation', relation };
        done++;
      }
      options.onProgress?.('relations', done);
    }
  }
}

function onceEach(report: ((message: string) => void) | undefined): (message: string) => void {
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message)) return;
    seen.add(message);
    report?.(message);
  };
}

/** Written by other members than `properties`, or derived again on import (the search properties). */
const NODE_BASE = new Set(['key', ...Object.keys(COMMON_PROPERTIES), ...SEARCH_PROPERTY_NAMES]);

/** The node with its claims (claims.ts) as read: each without the empty quote a claim is stored with. */
function withClaims(node: NodeFact, claims: Plain): NodeFact {
  const list = ((claims ?? []) as Plain[]).filter(
    (c): c is Record<string, Plain> => c !== null && typeof c === 'object' && !Array.isArray(c),
  );
  if (list.length === 0) return node;
  return {
    ...node,
    claims: list.map((c) => ({
      property: String(c.property),
      value: typeof c.value === 'number' ? c.value : String(c.value),
      source: String(c.source),
      ...(typeof c.quote === 'string' && c.quote !== '' && { quote: c.quote }),
      ...(typeof c.paragraph === 'number' && { paragraph: c.paragraph }),
      ...(typeof c.basis === 'string' && { basis: c.basis }),
      ...(typeof c.note === 'string' && { note: c.note }),
    })),
  };
}

function toNodeFact(label: Label, props: Plain, evidence: Plain, warn: (m: string) => void): NodeFact {
  const p = (props ?? {}) as Record<string, Plain>;
  const kinds = LABEL_PROPERTIES[label];
  const evidenceList = ((evidence ?? []) as Plain[])
    .filter((e): e is Record<string, Plain> => e !== null && typeof e === 'object' && !Array.isArray(e))
    .map((e) => {
      const item: Evidence = { source: String(e.source) };
      if (typeof e.quote === 'string' && e.quote !== '') item.quote = e.quote;
      if (typeof e.paragraph === 'number') item.paragraph = e.paragraph;
      if (typeof e.note === 'string' && e.note !== '') item.note = e.note;
      return item;
    });
  const node: NodeFact = {
    label,
    key: String(p.key),
    name: typeof p.name === 'string' ? p.name : '',
    evidence: [],
  };
  if (typeof p.nameZh === 'string' && p.nameZh !== '') node.nameZh = p.nameZh;
  if (Array.isArray(p.aliases) && p.aliases.length) node.aliases = p.aliases.map(String);
  if (typeof p.description === 'string' && p.description !== '') node.description = p.description;
  if (Array.isArray(p.formerKeys) && p.formerKeys.length) node.formerKeys = p.formerKeys.map(String);
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(p)) {
    if (NODE_BASE.has(name) || value === null) continue;
    if (name in kinds) properties[name] = value;
    else warn(`${label} nodes have a property "${name}" the ontology does not know: left out`);
  }
  if (Object.keys(properties).length) node.properties = orderLike(properties, kinds);
  node.evidence = evidenceList;
  return node;
}

/** A relationship's provenance, stored beside its own properties. */
const EVIDENCE_PROPERTIES = new Set(['sourceKey', 'quote', 'paragraph', 'evidenceNote']);

function toRelationFact(
  fromLabel: Label,
  row: Record<string, Plain>,
  toLabel: Label,
  warn: (m: string) => void,
): RelationFact | undefined {
  const p = (row.props ?? {}) as Record<string, Plain>;
  const type = String(row.type) as RelationFact['type'];
  if (typeof p.sourceKey !== 'string') {
    warn(`${type} relationships without a sourceKey cannot be stated as facts: left out`);
    return undefined;
  }
  const evidence: Evidence = { source: p.sourceKey };
  if (typeof p.quote === 'string' && p.quote !== '') evidence.quote = p.quote;
  if (typeof p.paragraph === 'number') evidence.paragraph = p.paragraph;
  if (typeof p.evidenceNote === 'string' && p.evidenceNote !== '') evidence.note = p.evidenceNote;
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(p)) {
    if (EVIDENCE_PROPERTIES.has(name) || value === null) continue;
    if (name in RELATIONSHIP_PROPERTIES) properties[name] = value;
    else warn(`${type} relationships have a property "${name}" the ontology does not know: left out`);
  }
  const relation: RelationFact = {
    type,
    from: `${fromLabel}:${String(row.fromKey)}`,
    to: `${toLabel}:${String(row.toKey)}`,
    evidence,
  };
  if (Object.keys(properties).length) relation.properties = orderLike(properties, RELATIONSHIP_PROPERTIES);
  return relation;
}

/** The properties in the order the ontology lists them (stable output). */
function orderLike(
  values: Record<string, unknown>,
  kinds: Record<string, PropertyKind>,
): Record<string, unknown> {
  return Object.fromEntries(Object.keys(kinds).flatMap((k) => (k in values ? [[k, values[k]]] : [])));
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** Turns facts into text, piece by piece: begin, every node, every relation (after the nodes), end. */
export interface FactWriter {
  begin(): string;
  node(node: NodeFact): string;
  relation(relation: RelationFact): string;
  end(): string;
}

export function createWriter(format: ExportFormat, onWarning?: (message: string) => void): FactWriter {
  switch (format) {
    case 'json':
      return new JsonWriter();
    case 'csv':
      return new CsvWriter(onceEach(onWarning));
    case 'graphml':
      return new GraphmlWriter(onceEach(onWarning));
  }
}

/** A node as the fact format orders its members. */
function nodeObject(node: NodeFact): Record<string, unknown> {
  return {
    label: node.label,
    key: node.key,
    name: node.name,
    ...(node.nameZh !== undefined && { nameZh: node.nameZh }),
    ...(node.aliases !== undefined && { aliases: node.aliases }),
    ...(node.description !== undefined && { description: node.description }),
    ...(node.formerKeys !== undefined && { formerKeys: node.formerKeys }),
    ...(node.properties !== undefined && { properties: node.properties }),
    evidence: node.evidence,
    ...(node.claims !== undefined && { claims: node.claims }),
  };
}

function relationObject(relation: RelationFact): Record<string, unknown> {
  return {
    type: relation.type,
    from: relation.from,
    to: relation.to,
    ...(relation.properties !== undefined && { properties: relation.properties }),
    evidence: relation.evidence,
  };
}

class JsonWriter implements FactWriter {
  private phase: 'nodes' | 'relations' = 'nodes';
  private first = true;

  begin(): string {
    return '{\n  "nodes": [';
  }

  node(node: NodeFact): string {
    return this.item(nodeObject(node));
  }

  relation(relation: RelationFact): string {
    const head = this.toRelations();
    return head + this.item(relationObject(relation));
  }

  end(): string {
    return `${this.toRelations()}${this.first ? '' : '\n  '}]\n}\n`;
  }

  private toRelations(): string {
    if (this.phase === 'relations') return '';
    this.phase = 'relations';
    const close = this.first ? ']' : '\n  ]';
    this.first = true;
    return `${close},\n  "relations": [`;
  }

  private item(value: unknown): string {
    const text = JSON.stringify(value, null, 2).replace(/\n/g, '\n    ');
    const sep = this.first ? '\n    ' : ',\n    ';
    this.first = false;
    return sep + text;
  }
}

/** One CSV field: quoted when it holds a comma, quote, line break or surrounding space. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(cells: Partial<Record<CsvColumn, string>>): string {
  return `${CSV_COLUMNS.map((c) => csvField(cells[c] ?? '')).join(',')}\n`;
}

class CsvWriter implements FactWriter {
  constructor(private readonly warn: (message: string) => void) {}

  begin(): string {
    return `${CSV_COLUMNS.join(',')}\n`;
  }

  /** One row per piece of evidence (one row when there is none); every row repeats the node's columns. */
  node(node: NodeFact): string {
    // The import CSV has no columns for these (one row per piece of evidence leaves no room for lists).
    for (const member of ['claims', 'formerKeys'] as const) {
      if (node[member]?.length) {
        this.warn(`the CSV format has no column for a node's ${member}: left out (--format json keeps them)`);
      }
    }
    const cells: Partial<Record<CsvColumn, string>> = {
      kind: 'node',
      label: node.label,
      key: node.key,
      name: node.name,
      nameZh: node.nameZh ?? '',
      aliases: aliasesCell(node.aliases),
      description: node.description ?? '',
      properties:
        node.properties && Object.keys(node.properties).length ? JSON.stringify(node.properties) : '',
    };
    if (node.evidence.length === 0) return csvLine(cells);
    return node.evidence.map((e) => csvLine({ ...cells, ...evidenceCells(e) })).join('');
  }

  relation(relation: RelationFact): string {
    return csvLine({
      kind: 'relation',
      type: relation.type,
      from: relation.from,
      to: relation.to,
      properties:
        relation.properties && Object.keys(relation.properties).length
          ? JSON.stringify(relation.properties)
          : '',
      ...evidenceCells(relation.evidence),
    });
  }

  end(): string {
    return '';
  }
}

function evidenceCells(e: Evidence): Partial<Record<CsvColumn, string>> {
  return {
    source: e.source,
    quote: e.quote ?? '',
    paragraph: e.paragraph === undefined ? '' : String(e.paragraph),
    note: e.note ?? '',
  };
}

// GraphML

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 cannot hold. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

type GraphmlType = 'string' | 'long' | 'double' | 'boolean';

interface Attribute {
  id: string;
  name: string;
  type: GraphmlType;
  kind: PropertyKind;
}

function graphmlType(kind: PropertyKind): GraphmlType {
  switch (kind) {
    case 'int':
      return 'long';
    case 'float':
      return 'double';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

/** Every node attribute: the display label (name), the ontology label (entityType), key, the common properties, evidence, then each label's. */
export function graphmlNodeAttributes(): Attribute[] {
  const kinds = new Map<string, PropertyKind>([
    // `label` is what Gephi and yEd display: the name; the ontology label is `entityType`.
    ['label', 'string'],
    ['entityType', 'string'],
    ['key', 'string'],
    ...Object.entries(COMMON_PROPERTIES),
    ['evidence', 'string[]'],
  ]);
  for (const label of LABELS) {
    for (const [name, kind] of Object.entries(LABEL_PROPERTIES[label])) {
      const known = kinds.get(name);
      // The same name with two kinds across labels becomes a string attribute.
      kinds.set(name, known === undefined || known === kind ? kind : 'string');
    }
  }
  return [...kinds].map(([name, kind]) => ({ id: `n_${name}`, name, kind, type: graphmlType(kind) }));
}

export function graphmlEdgeAttributes(): Attribute[] {
  const kinds: [string, PropertyKind][] = [
    ['type', 'string'],
    ['sourceKey', 'string'],
    ['quote', 'string'],
    ['paragraph', 'int'],
    // The name the graph keeps it under (a relationship's own properties may have a `note`).
    ['evidenceNote', 'string'],
    ...Object.entries(RELATIONSHIP_PROPERTIES),
  ];
  return kinds.map(([name, kind]) => ({ id: `e_${name}`, name, kind, type: graphmlType(kind) }));
}

class GraphmlWriter implements FactWriter {
  private readonly nodeAttributes = graphmlNodeAttributes();
  private readonly edgeAttributes = graphmlEdgeAttributes();

  constructor(private readonly warn: (message: string) => void) {}

  begin(): string {
    const key = (a: Attribute, domain: 'node' | 'edge') =>
      `  <key id="${a.id}" for="${domain}" attr.name="${a.name}" attr.type="${a.type}"/>\n`;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ',
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ',
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
      ...this.nodeAttributes.map((a) => key(a, 'node')),
      ...this.edgeAttributes.map((a) => key(a, 'edge')),
      '  <graph id="hitech-kg" edgedefault="directed">\n',
    ].join('');
  }

  node(node: NodeFact): string {
    const values: Record<string, unknown> = {
      label: node.name,
      entityType: node.label,
      key: node.key,
      name: node.name,
      nameZh: node.nameZh,
      aliases: node.aliases,
      description: node.description,
      formerKeys: node.formerKeys,
      evidence: node.evidence.length ? node.evidence : undefined,
      ...node.properties,
    };
    const id = `${node.label}:${node.key}`;
    return `    <node id="${xmlEscape(id)}">\n${this.data(this.nodeAttributes, values, id)}    </node>\n`;
  }

  relation(relation: RelationFact): string {
    const values: Record<string, unknown> = {
      type: relation.type,
      sourceKey: relation.evidence.source,
      quote: relation.evidence.quote,
      paragraph: relation.evidence.paragraph,
      evidenceNote: relation.evidence.note,
      ...relation.properties,
    };
    // Stable and unique: a relationship is its type, its ends and its source.
    const id = `${relation.type}:${relation.from}:${relation.to}:${relation.evidence.source}`;
    return (
      `    <edge id="${xmlEscape(id)}" source="${xmlEscape(relation.from)}" target="${xmlEscape(relation.to)}">\n` +
      `${this.data(this.edgeAttributes, values, id)}    </edge>\n`
    );
  }

  end(): string {
    return '  </graph>\n</graphml>\n';
  }

  private data(attributes: Attribute[], values: Record<string, unknown>, owner: string): string {
    let out = '';
    for (const a of attributes) {
      const value = values[a.name];
      if (value === undefined || value === null) continue;
      const text = graphmlValue(a, value);
      if (text === undefined) {
        this.warn(`${owner}: ${a.name} ${JSON.stringify(value)} is not a ${a.type}: left out of the GraphML`);
        continue;
      }
      out += `      <data key="${a.id}">${xmlEscape(text)}</data>\n`;
    }
    return out;
  }
}

/** A value as GraphML text for its declared type; lists and objects as JSON strings. */
function graphmlValue(a: Attribute, value: unknown): string | undefined {
  switch (a.type) {
    case 'long':
      return typeof value === 'number' && Number.isInteger(value) ? String(value) : undefined;
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : undefined;
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
