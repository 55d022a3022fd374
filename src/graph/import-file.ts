/**
 * Reads a file for `npm run import` into a fact document, and says precisely what is wrong with it.
 *
 * Two formats (docs/import-export.md):
 * - JSON: a fact document exactly as facts.ts defines it, `{ "nodes": [...], "relations": [...] }`;
 * - CSV: one row per node or relation (CSV_COLUMNS). A node with several pieces of evidence takes one
 *   row per piece; those rows repeat (or leave empty) the node's other columns.
 *
 * Pure: no database. Every item is validated with the fact schemas, all problems are collected (with
 * the file line, and for JSON the path such as `nodes[3].label`), and only valid items enter the
 * document. The checks that need the database (references to nodes neither in the file nor in the
 * database) run later, and `referenceProblems` turns their result into problems at the right lines.
 */
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import {
  type FactDocument,
  type NodeFact,
  nodeFactSchema,
  type RelationFact,
  relationFactSchema,
} from './facts.ts';
import {
  isLabel,
  isRelationshipType,
  LABELS,
  RELATIONSHIP_ENDPOINTS,
  RELATIONSHIP_TYPES,
} from './ontology.ts';

export const CSV_COLUMNS = [
  'kind',
  'label',
  'key',
  'name',
  'nameZh',
  'aliases',
  'description',
  'properties',
  'type',
  'from',
  'to',
  'source',
  'quote',
  'paragraph',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Separates aliases in the CSV `aliases` cell; a cell may instead hold a JSON array of strings. */
export const ALIAS_SEPARATOR = '|';

export type ImportFormat = 'json' | 'csv';

export interface ImportProblem {
  /** 1-based line of the file, where known. */
  line?: number;
  /** Where in the item: a JSON path (`nodes[3].label`) or a CSV column (`label`). */
  path?: string;
  message: string;
}

/** Finds the line and path of a part of an item, given the part's path inside the item. */
export type Locator = (sub: readonly PropertyKey[]) => { line?: number; path?: string };

export interface ParsedImport {
  format: ImportFormat;
  /** The valid items only; import nothing unless `problems` is empty. */
  document: FactDocument;
  problems: ImportProblem[];
  /** Where each node and relation of `document` came from (same indexes). */
  locators: { nodes: Locator[]; relations: Locator[] };
  /** "Label:key" of every node the file defines, valid or not (so that an invalid node is not also "missing"). */
  declared: Set<string>;
}

/** The format a file name asks for, or undefined for an extension we do not read. */
export function importFormatOf(file: string): ImportFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}

/** Parses and validates an import file's text. */
export function parseImportFile(text: string, format: ImportFormat): ParsedImport {
  return format === 'json' ? parseJsonFacts(text) : parseCsvFacts(text);
}

/** One problem as the import prints it: `<file>:<line>: <path>: <message>`. */
export function formatProblem(file: string, problem: ImportProblem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}`;
  return `${where}: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
}

/**
 * Problems for the references the database could not resolve (`missingReferences`' answer), at each
 * item that makes them. References to nodes the file defines but which are invalid are left out:
 * those nodes have their own problems.
 */
export function referenceProblems(parsed: ParsedImport, missing: readonly string[]): ImportProblem[] {
  const absent = new Set(missing.filter((ref) => !parsed.declared.has(ref)));
  if (absent.size === 0) return [];
  const problems: ImportProblem[] = [];
  const at = (locate: Locator | undefined, sub: PropertyKey[], message: string) =>
    problems.push({ ...locate?.(sub), message });
  parsed.document.nodes.forEach((node, i) => {
    node.evidence.forEach((e, j) => {
      if (absent.has(`Source:${e.source}`)) {
        at(
          parsed.locators.nodes[i],
          ['evidence', j, 'source'],
          `cites Source "${e.source}", which is neither in the file nor in the database`,
        );
      }
    });
  });
  parsed.document.relations.forEach((rel, i) => {
    for (const end of ['from', 'to'] as const) {
      if (absent.has(rel[end])) {
        at(parsed.locators.relations[i], [end], `${rel[end]} is neither in the file nor in the database`);
      }
    }
    if (absent.has(`Source:${rel.evidence.source}`)) {
      at(
        parsed.locators.relations[i],
        ['evidence', 'source'],
        `cites Source "${rel.evidence.source}", which is neither in the file nor in the database`,
      );
    }
  });
  return sortProblems(problems);
}

// ---------------------------------------------------------------------------------------------------
// Validation shared by both formats

const NODE_MEMBERS = new Set([
  'label',
  'key',
  'name',
  'nameZh',
  'aliases',
  'description',
  'properties',
  'evidence',
]);
const RELATION_MEMBERS = new Set(['type', 'from', 'to', 'properties', 'evidence']);
const EVIDENCE_MEMBERS = new Set(['source', 'quote', 'paragraph']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quoted(value: unknown): string {
  return JSON.stringify(value);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'is required';
      return `${issue.message.replace(/^Invalid input: /, '')}${isPrimitive(input) ? ` (got ${quoted(input)})` : ''}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'number' && Number(issue.minimum) === 0) return `must be 1 or more (got ${input})`;
      return issue.message;
    case 'too_big':
      if (issue.origin === 'string') return `is longer than ${issue.maximum} characters`;
      return issue.message;
    default:
      if (isPrimitive(input) && !String(issue.message).startsWith('Invalid input')) {
        return `${quoted(input)} ${issue.message}`;
      }
      return issue.message;
  }
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function allowedPairs(type: string): string {
  if (!isRelationshipType(type)) return '';
  return RELATIONSHIP_ENDPOINTS[type]
    .map(([f, t]) => `${f === '*' ? 'any' : f}→${t === '*' ? 'any' : t}`)
    .join(', ');
}

function unknownMembers(
  value: unknown,
  allowed: Set<string>,
  sub: PropertyKey[],
  report: (sub: PropertyKey[], message: string) => void,
): void {
  if (!isRecord(value)) return;
  for (const name of Object.keys(value)) {
    if (!allowed.has(name)) {
      report([...sub, name], `unknown member (allowed: ${[...allowed].join(', ')})`);
    }
  }
}

/** Validates one node; reports its problems through `locate`; returns it when valid. */
function validateNode(raw: unknown, locate: Locator, problems: ImportProblem[]): NodeFact | undefined {
  const report = (sub: readonly PropertyKey[], message: string) => problems.push({ ...locate(sub), message });
  unknownMembers(raw, NODE_MEMBERS, [], report);
  if (isRecord(raw) && Array.isArray(raw.evidence)) {
    raw.evidence.forEach((e, j) => {
      unknownMembers(e, EVIDENCE_MEMBERS, ['evidence', j], report);
    });
  }
  // The schema's refinements read the label's properties, so they only run on a known label; with an
  // unknown one, the other members are still checked (label-dependent checks aside).
  const label = isRecord(raw) ? raw.label : undefined;
  const knownLabel = typeof label === 'string' && isLabel(label);
  if (isRecord(raw) && !knownLabel) {
    report(
      ['label'],
      label === undefined || label === ''
        ? 'is required'
        : `${quoted(label)} is not a label of the ontology (one of ${LABELS.join(', ')})`,
    );
  }
  const input = isRecord(raw) && !knownLabel ? { ...raw, label: 'Source', properties: undefined } : raw;
  const result = nodeFactSchema.safeParse(input, { reportInput: true });
  if (result.success) return knownLabel ? (result.data as NodeFact) : undefined;
  for (const issue of result.error.issues) {
    if (!knownLabel && issue.path[0] === 'label') continue;
    report(issue.path, describeIssue(issue));
  }
  return undefined;
}

/** Validates one relation; reports its problems through `locate`; returns it when valid. */
function validateRelation(
  raw: unknown,
  locate: Locator,
  problems: ImportProblem[],
): RelationFact | undefined {
  const report = (sub: readonly PropertyKey[], message: string) => problems.push({ ...locate(sub), message });
  unknownMembers(raw, RELATION_MEMBERS, [], report);
  if (isRecord(raw)) unknownMembers(raw.evidence, EVIDENCE_MEMBERS, ['evidence'], report);
  const result = relationFactSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data as RelationFact;
  for (const issue of result.error.issues) {
    let message = describeIssue(issue);
    if (issue.path.length === 1 && issue.path[0] === 'type' && / may not join /.test(message)) {
      const type = isRecord(raw) ? String(raw.type) : '';
      message = `${message} (${type} joins ${allowedPairs(type)})`;
    } else if (issue.path.length === 1 && issue.path[0] === 'type' && issue.code === 'custom') {
      message = `${message} (one of ${RELATIONSHIP_TYPES.join(', ')})`;
    } else if (issue.path.length === 1 && / is not a label$/.test(message) && isRecord(raw)) {
      const end = String(issue.path[0]);
      message = `${quoted(raw[end])}: ${message} of the ontology (one of ${LABELS.join(', ')})`;
    }
    report(issue.path, message);
  }
  return undefined;
}

function relationIdentity(rel: RelationFact): string {
  return `${rel.type}|${rel.from}|${rel.to}|${rel.evidence.source}`;
}

/** Problems in file order (those without a line first), stable. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

/** Checks what only the whole file shows: the same node, evidence or relation twice. */
class Duplicates {
  private readonly nodes = new Map<string, Locator>();
  private readonly relations = new Map<string, Locator>();

  constructor(
    private readonly problems: ImportProblem[],
    private readonly where: (locate: Locator) => string,
  ) {}

  /** True when the node is new. */
  node(node: NodeFact, locate: Locator): boolean {
    const id = `${node.label}:${node.key}`;
    const first = this.nodes.get(id);
    if (first) {
      this.problems.push({ ...locate(['key']), message: `${id} is already defined at ${this.where(first)}` });
      return false;
    }
    this.nodes.set(id, locate);
    return true;
  }

  evidence(node: NodeFact, locate: Locator): boolean {
    const seen = new Map<string, number>();
    let ok = true;
    node.evidence.forEach((e, j) => {
      const id = `${e.source}|${e.quote ?? ''}`;
      const first = seen.get(id);
      if (first !== undefined) {
        const firstAt = this.where((sub) => locate(['evidence', first, ...sub]));
        this.problems.push({
          ...locate(['evidence', j]),
          message: `repeats the evidence at ${firstAt} (same source and quote)`,
        });
        ok = false;
      } else seen.set(id, j);
    });
    return ok;
  }

  relation(rel: RelationFact, locate: Locator): boolean {
    const id = relationIdentity(rel);
    const first = this.relations.get(id);
    if (first) {
      this.problems.push({
        ...locate([]),
        message: `repeats the relation at ${this.where(first)} (same type, ends and source)`,
      });
      return false;
    }
    this.relations.set(id, locate);
    return true;
  }
}

/** A file that yields no document at all, for one reason. */
function withProblem(format: ImportFormat, problem: ImportProblem): ParsedImport {
  return {
    format,
    document: { nodes: [], relations: [] },
    problems: [problem],
    locators: { nodes: [], relations: [] },
    declared: new Set(),
  };
}

function declaredRef(raw: unknown): string | undefined {
  return isRecord(raw) && typeof raw.label === 'string' && typeof raw.key === 'string'
    ? `${raw.label}:${raw.key}`
    : undefined;
}

// ---------------------------------------------------------------------------------------------------
// JSON

/** `nodes.3.label` → `nodes[3].label`. */
function jsonPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

/**
 * The line of every value (and object member) of a JSON text down to `maxDepth`, keyed by the
 * segments joined with '.'. The text must be valid JSON (JSON.parse checked it). Linear, iterative
 * below `maxDepth`, so deep nesting cannot overflow the stack.
 */
export function jsonLineIndex(text: string, maxDepth = 5): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const n = text.length;

  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) break;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++; // closing quote
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skip = () => {
    // Skips one value without recursion, counting lines.
    let depth = 0;
    do {
      space();
      const c = text[i];
      if (c === '"') string();
      else if (c === '{' || c === '[') {
        depth++;
        i++;
      } else if (c === '}' || c === ']') {
        depth--;
        i++;
      } else if (c === ',' || c === ':') i++;
      else while (i < n && !/[\s,\]}]/.test(text[i] as string)) i++;
    } while (depth > 0 && i < n);
  };
  const value = (path: string, depth: number) => {
    space();
    if (!lines.has(path)) lines.set(path, line);
    const c = text[i];
    if (depth >= maxDepth || (c !== '{' && c !== '[')) {
      skip();
      return;
    }
    i++;
    space();
    let index = 0;
    while (i < n && text[i] !== '}' && text[i] !== ']') {
      let child: string;
      if (c === '{') {
        space();
        const keyLine = line;
        const name = string();
        child = path ? `${path}.${name}` : name;
        lines.set(child, keyLine);
        space();
        i++; // ':'
      } else {
        child = path ? `${path}.${index}` : String(index);
      }
      value(child, depth + 1);
      index++;
      space();
      if (text[i] === ',') i++;
      space();
    }
    i++; // closing bracket
  };
  value('', 0);
  return lines;
}

function jsonLocator(index: Map<string, number>, base: readonly PropertyKey[]): Locator {
  return (sub) => {
    const segments = [...base, ...sub];
    for (let k = segments.length; k >= 0; k--) {
      const line = index.get(segments.slice(0, k).map(String).join('.'));
      if (line !== undefined) return { line, path: jsonPath(segments) };
    }
    return { path: jsonPath(segments) };
  };
}

function lineAtPosition(text: string, position: number): number {
  let line = 1;
  for (let k = 0; k < position && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

export function parseJsonFacts(text: string): ParsedImport {
  if (text.replace(/^\ufeff/, '').trim() === '') return withProblem('json', { message: 'the file is empty' });
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const lineColumn = /\(line (\d+) column \d+\)/.exec(message);
    const body = text.replace(/^\ufeff/, '');
    const line = lineColumn
      ? Number(lineColumn[1])
      : position
        ? lineAtPosition(body, Number(position[1]))
        : /end of JSON input/.test(message)
          ? lineAtPosition(body, body.trimEnd().length)
          : undefined;
    const short = message.split('\n')[0]?.replace(/, "[\s\S]*" is not valid JSON$/, '') ?? message;
    return withProblem('json', { line, message: `not valid JSON: ${short}` });
  }
  if (!isRecord(root)) {
    return withProblem('json', {
      line: 1,
      message: 'must be a JSON object { "nodes": [...], "relations": [...] }',
    });
  }

  const index = jsonLineIndex(text);
  const problems: ImportProblem[] = [];
  const document: FactDocument = { nodes: [], relations: [] };
  const locators: ParsedImport['locators'] = { nodes: [], relations: [] };
  const declared = new Set<string>();
  const where = (locate: Locator) => {
    const { line, path } = locate([]);
    return line === undefined ? `${path}` : `line ${line} (${path})`;
  };
  const duplicates = new Duplicates(problems, where);

  for (const name of Object.keys(root)) {
    if (name !== 'nodes' && name !== 'relations') {
      problems.push({
        ...jsonLocator(index, [name])([]),
        message: 'unknown member (a fact document holds "nodes" and "relations")',
      });
    }
  }
  const list = (name: 'nodes' | 'relations'): unknown[] => {
    const value = root[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push({ ...jsonLocator(index, [name])([]), message: 'must be an array' });
      return [];
    }
    return value;
  };
  const nodes = list('nodes');
  const relations = list('relations');

  nodes.forEach((raw, i) => {
    const locate = jsonLocator(index, ['nodes', i]);
    const ref = declaredRef(raw);
    if (ref) declared.add(ref);
    const node = validateNode(raw, locate, problems);
    if (node && duplicates.node(node, locate) && duplicates.evidence(node, locate)) {
      document.nodes.push(node);
      locators.nodes.push(locate);
    }
  });
  relations.forEach((raw, i) => {
    const locate = jsonLocator(index, ['relations', i]);
    const rel = validateRelation(raw, locate, problems);
    if (rel && duplicates.relation(rel, locate)) {
      document.relations.push(rel);
      locators.relations.push(locate);
    }
  });
  if (nodes.length === 0 && relations.length === 0 && problems.length === 0) {
    problems.push({ message: 'holds no nodes and no relations' });
  }
  return { format: 'json', document, problems: sortProblems(problems), locators, declared };
}

// ---------------------------------------------------------------------------------------------------
// CSV

const NODE_ONLY: readonly CsvColumn[] = ['label', 'key', 'name', 'nameZh', 'aliases', 'description'];
const RELATION_ONLY: readonly CsvColumn[] = ['type', 'from', 'to'];
/** Cells compared across the rows of one node; the others are identity or evidence. */
const NODE_DETAIL: readonly CsvColumn[] = ['name', 'nameZh', 'aliases', 'description', 'properties'];
/** Identifier cells: surrounding spaces are dropped. Text cells are kept as written. */
const TRIMMED = new Set<CsvColumn>(['kind', 'label', 'key', 'type', 'from', 'to', 'source', 'paragraph']);

type Row = Partial<Record<CsvColumn, string>> & { line: number };

interface CsvNode {
  ref: string;
  first: Row;
  /** Detail cells as first filled, with the line that filled them. */
  detail: Partial<Record<CsvColumn, { value: string; line: number }>>;
  /** The rows that carry evidence, in order. */
  evidenceRows: Row[];
  problems: ImportProblem[];
}

/** Aliases from a CSV cell: `a|b|c`, or a JSON array of strings when an alias holds a `|`. */
export function parseAliasesCell(cell: string): string[] | { error: string } {
  const text = cell.trim();
  if (text.startsWith('[')) {
    try {
      const value = JSON.parse(text) as unknown;
      if (Array.isArray(value) && value.every((a) => typeof a === 'string')) return value as string[];
    } catch {
      // reported below
    }
    return { error: `must be names separated by "${ALIAS_SEPARATOR}", or a JSON array of strings` };
  }
  return text
    .split(ALIAS_SEPARATOR)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** The `aliases` cell for a list of aliases (the inverse of parseAliasesCell). */
export function aliasesCell(aliases: readonly string[] | undefined): string {
  if (!aliases?.length) return '';
  const plain = aliases.every((a) => !a.includes(ALIAS_SEPARATOR) && a === a.trim() && a !== '');
  return plain && !aliases[0]?.startsWith('[') ? aliases.join(ALIAS_SEPARATOR) : JSON.stringify(aliases);
}

export function parseCsvFacts(text: string): ParsedImport {
  if (text.replace(/^\ufeff/, '').trim() === '') return withProblem('csv', { message: 'the file is empty' });
  let records: { record: string[]; info: { lines: number; raw?: string } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    const message = `not valid CSV: ${e.message.replace(/ at line \d+/, '')}`;
    return withProblem('csv', { line: e.lines, message });
  }
  const startLine = (r: (typeof records)[number]) =>
    r.info.lines - ((r.info.raw ?? '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);

  const problems: ImportProblem[] = [];
  const [header, ...rows] = records;
  if (!header) return withProblem('csv', { message: 'the file is empty' });
  const headerLine = startLine(header);
  const columns = header.record.map((c) => c.trim());
  const known = new Set<string>(CSV_COLUMNS);
  const seenColumns = new Set<string>();
  for (const column of columns) {
    if (!known.has(column)) {
      problems.push({
        line: headerLine,
        message: `unknown column ${quoted(column)} (columns: ${CSV_COLUMNS.join(', ')})`,
      });
    } else if (seenColumns.has(column)) {
      problems.push({ line: headerLine, message: `column ${quoted(column)} appears twice` });
    }
    seenColumns.add(column);
  }
  if (!seenColumns.has('kind')) {
    problems.push({ line: headerLine, message: 'needs a "kind" column (node or relation)' });
  }
  if (problems.length) return { ...withProblem('csv', { message: '' }), problems };
  if (rows.length === 0)
    return withProblem('csv', { line: headerLine, message: 'holds a header but no rows' });

  const nodes = new Map<string, CsvNode>();
  const relationRows: Row[] = [];
  for (const r of rows) {
    const line = startLine(r);
    if (r.record.length !== columns.length) {
      problems.push({
        line,
        message: `has ${r.record.length} field${r.record.length === 1 ? '' : 's'}, the header has ${columns.length}`,
      });
      continue;
    }
    const row: Row = { line };
    columns.forEach((column, k) => {
      const cell = r.record[k] ?? '';
      const value = TRIMMED.has(column as CsvColumn) ? cell.trim() : cell;
      if (value !== '') row[column as CsvColumn] = value;
    });
    const kind = row.kind?.toLowerCase();
    const misplaced = (kind === 'node' ? RELATION_ONLY : kind === 'relation' ? NODE_ONLY : []).filter(
      (c) => row[c] !== undefined,
    );
    if (misplaced.length) {
      problems.push({
        line,
        path: misplaced.join(', '),
        message: `belong${misplaced.length === 1 ? 's' : ''} to ${kind === 'node' ? 'relation' : 'node'} rows; leave empty on a ${kind} row`,
      });
      continue;
    }
    if (kind === 'relation') relationRows.push(row);
    else if (kind === 'node') addNodeRow(nodes, row);
    else {
      problems.push({
        line,
        path: 'kind',
        message:
          row.kind === undefined
            ? 'is required ("node" or "relation")'
            : `${quoted(row.kind)} must be "node" or "relation"`,
      });
    }
  }

  const document: FactDocument = { nodes: [], relations: [] };
  const locators: ParsedImport['locators'] = { nodes: [], relations: [] };
  const declared = new Set<string>();
  const where = (locate: Locator) => `line ${locate([]).line}`;
  const duplicates = new Duplicates(problems, where);

  for (const entry of nodes.values()) {
    problems.push(...entry.problems);
    if (entry.first.label !== undefined && entry.first.key !== undefined) declared.add(entry.ref);
    const locate = csvNodeLocator(entry);
    const raw = csvNode(entry, locate, problems);
    if (!raw) continue;
    const node = validateNode(raw, locate, problems);
    if (node && duplicates.evidence(node, locate)) {
      document.nodes.push(node);
      locators.nodes.push(locate);
    }
  }
  for (const row of relationRows) {
    const locate: Locator = (sub) => ({ line: row.line, ...csvRelationPath(sub) });
    const raw = csvRelation(row, locate, problems);
    if (!raw) continue;
    const rel = validateRelation(raw, locate, problems);
    if (rel && duplicates.relation(rel, locate)) {
      document.relations.push(rel);
      locators.relations.push(locate);
    }
  }
  return { format: 'csv', document, problems: sortProblems(problems), locators, declared };
}

function addNodeRow(nodes: Map<string, CsvNode>, row: Row): void {
  // Rows without a key cannot be merged with another: each stands alone (and is reported).
  const ref =
    row.label !== undefined && row.key !== undefined ? `${row.label}:${row.key}` : `line ${row.line}`;
  let entry = nodes.get(ref);
  if (!entry) {
    entry = { ref, first: row, detail: {}, evidenceRows: [], problems: [] };
    nodes.set(ref, entry);
  }
  for (const column of NODE_DETAIL) {
    const value = row[column];
    if (value === undefined) continue;
    const earlier = entry.detail[column];
    if (!earlier) entry.detail[column] = { value, line: row.line };
    else if (earlier.value !== value) {
      entry.problems.push({
        line: row.line,
        path: column,
        message: `${quoted(value)} differs from line ${earlier.line} (${quoted(earlier.value)}) for the same node ${ref}`,
      });
    }
  }
  if (row.source !== undefined || row.quote !== undefined || row.paragraph !== undefined) {
    entry.evidenceRows.push(row);
  }
}

function csvNodeLocator(entry: CsvNode): Locator {
  return (sub) => {
    const [head, index, member] = sub;
    if (head === 'evidence') {
      const row = typeof index === 'number' ? entry.evidenceRows[index] : undefined;
      return { line: (row ?? entry.first).line, path: typeof member === 'string' ? member : 'source' };
    }
    if (head === undefined) return { line: entry.first.line };
    const column = String(head) as CsvColumn;
    const line = entry.detail[column]?.line ?? entry.first.line;
    if (head === 'properties') return { line, path: ['properties', ...sub.slice(1).map(String)].join('.') };
    return { line, path: column };
  };
}

function csvRelationPath(sub: readonly PropertyKey[]): { path?: string } {
  const [head, member] = sub;
  if (head === undefined) return {};
  if (head === 'evidence') return { path: typeof member === 'string' ? member : 'source' };
  if (head === 'properties') return { path: sub.map(String).join('.') };
  return { path: String(head) };
}

/** The `properties` cell: a JSON object. */
function propertiesCell(
  value: string | undefined,
): { value?: Record<string, unknown>; error?: undefined } | { error: string } {
  if (value === undefined || value.trim() === '') return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    if (isRecord(parsed)) return { value: parsed };
  } catch {
    // reported below
  }
  return { error: `${quoted(value)} is not a JSON object, e.g. {"year": 1988}` };
}

function paragraphCell(value: string | undefined): number | { error: string } | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) : { error: `${quoted(value)} is not a whole number` };
}

function evidenceOf(
  row: Row,
  locate: Locator,
  sub: PropertyKey[],
  problems: ImportProblem[],
): Record<string, unknown> | undefined {
  const paragraph = paragraphCell(row.paragraph);
  let ok = true;
  if (typeof paragraph === 'object') {
    problems.push({ ...locate([...sub, 'paragraph']), message: paragraph.error });
    ok = false;
  }
  if (row.source === undefined) {
    problems.push({ ...locate([...sub, 'source']), message: 'is required when quote or paragraph is given' });
    ok = false;
  }
  if (!ok) return undefined;
  return {
    source: row.source,
    ...(row.quote !== undefined && { quote: row.quote }),
    ...(paragraph !== undefined && { paragraph }),
  };
}

function csvNode(
  entry: CsvNode,
  locate: Locator,
  problems: ImportProblem[],
): Record<string, unknown> | undefined {
  const cell = (c: CsvColumn) => entry.detail[c]?.value ?? entry.first[c];
  let ok = true;
  const raw: Record<string, unknown> = {};
  if (entry.first.label !== undefined) raw.label = entry.first.label;
  if (entry.first.key !== undefined) raw.key = entry.first.key;
  for (const c of ['name', 'nameZh', 'description'] as const) {
    const value = cell(c);
    if (value !== undefined) raw[c] = value;
  }
  const aliases = cell('aliases');
  if (aliases !== undefined) {
    const parsed = parseAliasesCell(aliases);
    if (Array.isArray(parsed)) {
      if (parsed.length) raw.aliases = parsed;
    } else {
      problems.push({ ...locate(['aliases']), message: parsed.error });
      ok = false;
    }
  }
  const properties = propertiesCell(cell('properties'));
  if (properties.error !== undefined) {
    problems.push({ ...locate(['properties']), message: properties.error });
    ok = false;
  } else if (properties.value) raw.properties = properties.value;
  const evidence: Record<string, unknown>[] = [];
  entry.evidenceRows.forEach((row, j) => {
    const e = evidenceOf(row, locate, ['evidence', j], problems);
    if (e) evidence.push(e);
    else ok = false;
  });
  raw.evidence = evidence;
  return ok ? raw : undefined;
}

function csvRelation(
  row: Row,
  locate: Locator,
  problems: ImportProblem[],
): Record<string, unknown> | undefined {
  let ok = true;
  const raw: Record<string, unknown> = {};
  for (const c of ['type', 'from', 'to'] as const) if (row[c] !== undefined) raw[c] = row[c];
  const properties = propertiesCell(row.properties);
  if (properties.error !== undefined) {
    problems.push({ ...locate(['properties']), message: properties.error });
    ok = false;
  } else if (properties.value) raw.properties = properties.value;
  if (row.source !== undefined || row.quote !== undefined || row.paragraph !== undefined) {
    const e = evidenceOf(row, locate, ['evidence'], problems);
    if (e) raw.evidence = e;
    else ok = false;
  }
  return ok ? raw : undefined;
}
