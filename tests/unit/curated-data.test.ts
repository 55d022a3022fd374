/**
 * The curated graph (data/curated/*.json) without a database: every file is a valid FactDocument, every
 * relation joins nodes that exist (in the curated files or in the reference tables), evidence is short
 * and points at a Source, and keys are unique per label.
 *
 * Quotes are checked against the source document by hand when the data is curated; the document itself
 * is not part of the project, so this test checks only what the files can show (length, uniqueness,
 * paragraph range).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { factDocumentSchema, MAX_QUOTE_LENGTH, parseNodeRef } from '../../src/graph/facts.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CURATED_DIR = join(ROOT, 'data', 'curated');
const REFERENCE_DIR = join(ROOT, 'data', 'reference');

/** The overview document cited by the curated files, and its paragraph count (title = 1, blank lines skipped). */
const OVERVIEW_SOURCE = 'hi-tech-zones-overview';
const OVERVIEW_PARAGRAPHS = 19;

type Evidence = { source: string; quote?: string; paragraph?: number };
type RawNode = { label: string; key: string; evidence?: Evidence[] };
type RawRelation = { type: string; from: string; to: string; evidence: Evidence };
type RawDocument = { nodes?: RawNode[]; relations?: RawRelation[] };

const curatedFiles = readdirSync(CURATED_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

const documents = new Map<string, RawDocument>(
  curatedFiles.map((name) => [
    name,
    JSON.parse(readFileSync(join(CURATED_DIR, name), 'utf8')) as RawDocument,
  ]),
);

function readCsv(name: string): Record<string, string>[] {
  return parse(readFileSync(join(REFERENCE_DIR, name), 'utf8'), { columns: true, skip_empty_lines: true });
}

/** Slug of an English place name, as the reference-table loader keys Places ("Guangdong" -> "guangdong"). */
function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const zoneRows = readCsv('zones.csv');
const referenceKeys: Record<string, Set<string>> = {
  Zone: new Set(zoneRows.map((row) => row.id ?? '')),
  Designation: new Set(readCsv('demonstration_zones.csv').map((row) => row.id ?? '')),
  Company: new Set(readCsv('companies.csv').map((row) => row.id ?? '')),
  // Cities and province-level divisions of zones.csv; "Suzhou (Kunshan)" yields both "suzhou" and "suzhou-kunshan".
  Place: new Set(
    zoneRows.flatMap((row) =>
      [row.city ?? '', row.province ?? ''].flatMap((name) => [slug(name), slug(name.replace(/\(.*\)/, ''))]),
    ),
  ),
};

const curatedNodes = [...documents].flatMap(([file, doc]) =>
  (doc.nodes ?? []).map((node) => ({ file, node })),
);
const curatedRelations = [...documents].flatMap(([file, doc]) =>
  (doc.relations ?? []).map((relation, index) => ({ file, relation, index })),
);
const curatedRefs = new Set(curatedNodes.map(({ node }) => `${node.label}:${node.key}`));
const sourceKeys = new Set(
  curatedNodes.filter(({ node }) => node.label === 'Source').map(({ node }) => node.key),
);

function exists(ref: string): boolean {
  if (curatedRefs.has(ref)) return true;
  const { label, key } = parseNodeRef(ref);
  return referenceKeys[label]?.has(key) ?? false;
}

function checkEvidence(evidence: Evidence, where: string, problems: string[]): void {
  if (!sourceKeys.has(evidence.source)) problems.push(`${where}: unknown source "${evidence.source}"`);
  if (evidence.source === OVERVIEW_SOURCE) {
    if (!evidence.quote) problems.push(`${where}: evidence from the overview needs a quote`);
    const p = evidence.paragraph;
    if (p === undefined || p < 1 || p > OVERVIEW_PARAGRAPHS) {
      problems.push(`${where}: paragraph ${String(p)} is outside 1..${OVERVIEW_PARAGRAPHS}`);
    }
  }
  if (evidence.quote !== undefined) {
    if (evidence.quote.length > MAX_QUOTE_LENGTH)
      problems.push(`${where}: quote longer than ${MAX_QUOTE_LENGTH}`);
    if (evidence.quote !== evidence.quote.trim())
      problems.push(`${where}: quote has leading or trailing space`);
  }
}

describe('curated data files', () => {
  it('exist', () => {
    expect(curatedFiles).toContain('sources.json');
    expect(curatedFiles.length).toBeGreaterThan(1);
  });

  it.each(curatedFiles)('%s validates against factDocumentSchema', (file) => {
    const result = factDocumentSchema.safeParse(documents.get(file));
    const problems = result.success
      ? []
      : result.error.issues.map((issue) => `${file} ${issue.path.join('.')}: ${issue.message}`);
    expect(problems).toEqual([]);
  });

  it('has keys unique per label across all files', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const { file, node } of curatedNodes) {
      const ref = `${node.label}:${node.key}`;
      const first = seen.get(ref);
      if (first) problems.push(`${ref} defined in ${first} and again in ${file}`);
      else seen.set(ref, file);
    }
    expect(problems).toEqual([]);
  });

  it('adds facts only to zones and companies the reference tables know', () => {
    const problems = curatedNodes
      .filter(({ node }) => node.label === 'Zone' || node.label === 'Company')
      .filter(({ node }) => !referenceKeys[node.label]?.has(node.key))
      .map(({ file, node }) => `${file}: ${node.label}:${node.key} is not in the reference tables`);
    expect(problems).toEqual([]);
  });

  it('has relations whose endpoints exist in the curated files or the reference tables', () => {
    const problems: string[] = [];
    for (const { file, relation, index } of curatedRelations) {
      for (const end of [relation.from, relation.to]) {
        if (!exists(end)) problems.push(`${file} relations.${index} (${relation.type}): no node ${end}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no relation stated twice by the same source', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const { file, relation, index } of curatedRelations) {
      const id = `${relation.type} ${relation.from} ${relation.to} ${relation.evidence.source}`;
      if (seen.has(id)) problems.push(`${file} relations.${index}: duplicate ${id}`);
      seen.add(id);
    }
    expect(problems).toEqual([]);
  });

  it('has evidence with short quotes, known sources and paragraphs in range', () => {
    const problems: string[] = [];
    for (const { file, node } of curatedNodes) {
      const quotes = new Set<string>();
      for (const [i, evidence] of (node.evidence ?? []).entries()) {
        const where = `${file} ${node.label}:${node.key} evidence.${i}`;
        checkEvidence(evidence, where, problems);
        if (evidence.quote !== undefined) {
          if (quotes.has(evidence.quote)) problems.push(`${where}: the same quote twice on one node`);
          quotes.add(evidence.quote);
        }
      }
      if (node.label !== 'Source' && (node.evidence ?? []).length === 0) {
        problems.push(`${file} ${node.label}:${node.key}: no evidence`);
      }
    }
    for (const { file, relation, index } of curatedRelations) {
      checkEvidence(relation.evidence, `${file} relations.${index} (${relation.type})`, problems);
    }
    expect(problems).toEqual([]);
  });

  it('has one Indicator per figure with a numeric value, a unit and a MEASURES relation', () => {
    const measured = new Set(
      curatedRelations
        .filter(({ relation }) => relation.type === 'MEASURES')
        .map(({ relation }) => relation.from),
    );
    const problems: string[] = [];
    for (const { file, node } of curatedNodes.filter(({ node }) => node.label === 'Indicator')) {
      const properties = (node as RawNode & { properties?: Record<string, unknown> }).properties ?? {};
      const ref = `Indicator:${node.key}`;
      if (typeof properties.value !== 'number') problems.push(`${file} ${ref}: no numeric value`);
      if (typeof properties.unit !== 'string') problems.push(`${file} ${ref}: no unit`);
      if (typeof properties.metric !== 'string') problems.push(`${file} ${ref}: no metric`);
      const share = properties.share;
      if (share !== undefined && (typeof share !== 'number' || share <= 0 || share >= 1)) {
        problems.push(`${file} ${ref}: share must be a fraction between 0 and 1`);
      }
      if (!measured.has(ref)) problems.push(`${file} ${ref}: measures nothing`);
    }
    expect(problems).toEqual([]);
  });
});
