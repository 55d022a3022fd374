/** Import problems are data (a code, a location, fields), worded in one place from that data. */
import { describe, expect, it } from 'vitest';
import { relationFactSchema } from '../../src/graph/facts.ts';
import {
  CSV_COLUMNS,
  formatProblem,
  parseAliasesCell,
  parseCsvFacts,
  parseJsonFacts,
  problemMessage,
  referenceProblems,
} from '../../src/graph/import/index.ts';

const csv = (...rows: Record<string, string>[]) =>
  `${[CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n')}\n`;

describe('problems as data', () => {
  it('carry the code, the location and the values that make them', () => {
    const parsed = parseJsonFacts(
      JSON.stringify({
        nodes: [
          { label: 'Zne', key: 'a', name: 'A', evidence: [{ source: 's' }] },
          { label: 'Zone', key: 'b', name: 'B', evidence: [{ source: 's' }] },
          { label: 'Zone', key: 'b', name: 'B', evidence: [{ source: 's' }] },
        ],
        relations: [
          { type: 'PART_OF', from: 'Zone:b', to: 'Place:p', evidence: { source: 's' } },
          { type: 'LOCATED_IN', from: 'Zone:b', to: 'Plase:p', evidence: { source: 's' } },
          { type: 'NEAR', from: 'Zone:b', to: 'Place:p', evidence: { source: 's' } },
        ],
      }),
    );
    expect(parsed.problems).toEqual([
      { line: 1, path: 'nodes[0].label', code: 'unknown-label', label: 'Zne' },
      {
        line: 1,
        path: 'nodes[2].key',
        code: 'duplicate-node',
        node: 'Zone:b',
        first: { line: 1, path: 'nodes[1]' },
      },
      {
        line: 1,
        path: 'relations[0].type',
        code: 'endpoints-not-allowed',
        type: 'PART_OF',
        from: 'Zone',
        to: 'Place',
      },
      { line: 1, path: 'relations[1].to', code: 'unknown-end-label', ref: 'Plase:p', label: 'Plase' },
      { line: 1, path: 'relations[2].type', code: 'unknown-type', type: 'NEAR' },
    ]);
  });

  it('in CSV, name the row and the column', () => {
    const parsed = parseCsvFacts(
      csv(
        { kind: 'node', label: 'Zone', key: 'a', name: 'A', source: 's' },
        { kind: 'node', label: 'Zone', key: 'a', name: 'B', source: 's', quote: 'q' },
        { kind: 'relation', label: 'Zone', type: 'LOCATED_IN', from: 'Zone:a', to: 'Place:p', source: 's' },
        { kind: 'edge' },
      ),
    );
    expect(parsed.problems).toEqual([
      {
        line: 3,
        path: 'name',
        code: 'cell-differs',
        value: 'B',
        firstLine: 2,
        firstValue: 'A',
        node: 'Zone:a',
      },
      { line: 4, path: 'label', code: 'misplaced-cells', kind: 'relation', columns: ['label'] },
      { line: 5, path: 'kind', code: 'unknown-kind', kind: 'edge' },
    ]);
    expect(parseAliasesCell('[oops')).toEqual({ error: { code: 'bad-aliases-cell' } });
  });

  it('of the database check are data too', () => {
    const parsed = parseJsonFacts(
      '{"relations": [{"type": "LOCATED_IN", "from": "Zone:a", "to": "Place:p", "evidence": {"source": "s"}}]}',
    );
    expect(referenceProblems(parsed, ['Zone:a', 'Source:s'])).toEqual([
      { line: 1, path: 'relations[0].from', code: 'missing-node', node: 'Zone:a' },
      { line: 1, path: 'relations[0].evidence.source', code: 'missing-source', source: 's' },
    ]);
  });

  it('are worded from their fields alone', () => {
    expect(
      problemMessage({ code: 'endpoints-not-allowed', type: 'LED_TO', from: 'Zone', to: 'Source' }),
    ).toMatch(/^LED_TO may not join Zone to Source \(LED_TO joins /);
    expect(problemMessage({ code: 'duplicate-relation', first: { line: 7 } })).toBe(
      'repeats the relation at line 7 (same type, ends and source)',
    );
    expect(problemMessage({ code: 'field-count', fields: 1, expected: 14 })).toBe(
      'has 1 field, the header has 14',
    );
    expect(formatProblem('f.csv', { code: 'required', line: 3, path: 'key' })).toBe(
      'f.csv:3: key: is required',
    );
    expect(formatProblem('f.json', { code: 'empty-file' })).toBe('f.json: the file is empty');
  });
});

describe('the fact schemas', () => {
  it('say which ontology rule an issue broke, beside their message', () => {
    const result = relationFactSchema.safeParse({
      type: 'PART_OF',
      from: 'Zone:a',
      to: 'Place:p',
      evidence: { source: 's' },
    });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['type'],
        message: 'PART_OF may not join Zone to Place',
        params: { rule: 'endpoints-not-allowed', type: 'PART_OF', from: 'Zone', to: 'Place' },
      }),
    ]);
  });
});
