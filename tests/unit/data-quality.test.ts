/**
 * `npm run check:data` as a test: the seed passes every enforced check of the data-quality report, and
 * each check fails on the defect it names (a made-up quote, a Source without title, a zone without its
 * approval or Chinese name, a stale table count).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CheckResult,
  formatReport,
  passed,
  type RecordedQuotes,
  readRecordedQuotes,
  runDataChecks,
} from '../../src/graph/data-quality.ts';
import type { FactDocument, NodeFact } from '../../src/graph/facts.ts';
import { seedFacts } from '../../src/graph/seed.ts';

const REFERENCE_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

let facts: FactDocument;
let recorded: RecordedQuotes;

beforeAll(() => {
  facts = seedFacts();
  recorded = readRecordedQuotes(REFERENCE_DIR);
});

const named = (results: CheckResult[], name: RegExp) => results.find((r) => name.test(r.name)) as CheckResult;

/** The seed with one node changed. */
function withNode(label: string, key: string, change: (node: any) => any): FactDocument {
  return {
    nodes: facts.nodes.map((n) => (n.label === label && n.key === key ? change(structuredClone(n)) : n)),
    relations: facts.relations,
  };
}

describe('npm run check:data', () => {
  it('the seed passes every enforced check, and the report says what each looked at', () => {
    const results = runDataChecks(facts, recorded);
    const report = formatReport(results);
    expect(passed(results), report).toBe(true);
    expect(report).toMatch(/every quote is words of its source/);
    expect(named(results, /Chinese name/).checked).toBeGreaterThan(400);
  });

  it('fails on a quote that is not words of its source (the old "approval year not found" on zh.wikipedia)', () => {
    const wikipedia = facts.nodes.find(
      (n) => n.label === 'Source' && /zh\.wikipedia\.org/.test(String(n.properties?.url)),
    );
    const broken = withNode('Zone', 'qiqihar', (zone) => ({
      ...zone,
      evidence: [...zone.evidence, { source: wikipedia?.key, quote: 'approval year not found' }],
    }));
    const check = named(runDataChecks(broken, recorded), /every quote is words/);
    expect(check.problems.join('\n')).toMatch(
      /Zone:qiqihar cites web-.*"approval year not found" is not a recorded quote/,
    );
  });

  it('fails on a quote of the source document that the document does not contain', () => {
    const broken = withNode('Zone', 'zhongguancun', (zone) => ({
      ...zone,
      evidence: [
        ...zone.evidence,
        { source: 'hi-tech-zones-overview', quote: 'the best zone in the world', paragraph: 3 },
      ],
    }));
    expect(passed(runDataChecks(broken, recorded))).toBe(false);
  });

  it('fails on a Source without a title, a zone without a Chinese name, a zone without its approval', () => {
    const noTitle = withNode('Source', 'hi-tech-zones-overview', (s) => ({
      ...s,
      properties: { ...s.properties, title: undefined },
    }));
    expect(named(runDataChecks(noTitle, recorded), /every Source/).problems).toEqual([
      'Source:hi-tech-zones-overview has no title',
    ]);
    const noName = withNode('Zone', 'shenzhen', (z) => ({ ...z, nameZh: undefined }));
    expect(named(runDataChecks(noName, recorded), /Chinese name/).problems).toEqual([
      'Zone:shenzhen has no Chinese name',
    ]);
    const unapproved = {
      nodes: facts.nodes,
      relations: facts.relations.filter((r) => !(r.from === 'Zone:taiyuan' && r.type === 'APPROVED_BY')),
    };
    expect(named(runDataChecks(unapproved, recorded), /APPROVED_BY/).problems).toEqual([
      'Zone:taiyuan has no APPROVED_BY the State Council',
    ]);
  });

  it('recounts the table behind a stated figure, so that a stale tableValue fails', () => {
    const stale = withNode('Indicator', 'national-zones-total-2009', (i) => ({
      ...i,
      properties: { ...i.properties, tableValue: 105 },
    }));
    expect(named(runDataChecks(stale, recorded), /stated figures/).problems).toEqual([
      'Indicator:national-zones-total-2009: tableValue 105 but the table counts 56',
    ]);
  });

  it('fails keys shared by two labels, naming both', () => {
    const zone = facts.nodes.find((n) => n.label === 'Zone');
    const clash = { ...facts, nodes: [...facts.nodes, { ...(zone as NodeFact), label: 'Place' as const }] };
    const check = named(runDataChecks(clash, recorded), /keys unique/);
    expect(check.enforced).toBe(true);
    expect(check.problems).toEqual([`${zone?.key}: Zone, Place`]);
  });

  it('fails a known disagreement kept as one value', () => {
    const oneValue = withNode('Company', 'huawei', (n) => ({
      ...n,
      claims: (n.claims ?? []).filter(
        (c: { property: string; value: unknown }) =>
          c.property !== 'foundedYear' || c.value === n.properties?.foundedYear,
      ),
    }));
    const check = named(runDataChecks(oneValue, recorded), /disagreements/);
    expect(check.enforced).toBe(true);
    expect(check.problems).toEqual([
      'Company:huawei.foundedYear: the sources disagree, but 1 value(s) are kept as claims',
    ]);
  });

  it('checks a claim’s quote like any other: a made-up STATED_IN quote fails (a15 defect 8)', () => {
    const broken = withNode('Company', 'huawei', (n) => ({
      ...n,
      claims: (n.claims ?? []).map((c: { value: unknown; quote?: string }, i: number) =>
        i === 0 ? { ...c, quote: 'founded long ago, nobody knows' } : c,
      ),
    }));
    const check = named(runDataChecks(broken, recorded), /every quote is words/);
    expect(check.problems.join('\n')).toMatch(
      /Company:huawei claim foundedYear.*"founded long ago, nobody knows" is not a recorded quote/,
    );
  });

  it('finds every zone whose approval statements give different dates without claims, not only a fixed list (a15 defect 8)', () => {
    // a dated zone without claims, given a second source stating another year
    const approval = facts.relations.find(
      (r) =>
        r.type === 'APPROVED_BY' &&
        r.from.startsWith('Zone:') &&
        typeof r.properties?.year === 'number' &&
        !facts.nodes.find((n) => `${n.label}:${n.key}` === r.from)?.claims?.length,
    ) as (typeof facts.relations)[number];
    const zone = { key: approval.from.slice('Zone:'.length) };
    const other = {
      ...approval,
      properties: { ...approval.properties, year: 1977, date: '1977-01' },
      evidence: { ...approval.evidence, source: `${approval.evidence.source}-other` },
    };
    const disagreeing = { nodes: facts.nodes, relations: [...facts.relations, other] };
    const check = named(runDataChecks(disagreeing, recorded), /disagreements/);
    expect(check.problems.join('\n')).toMatch(
      new RegExp(`Zone:${zone.key}\\.approvedYear: the APPROVED_BY statements give .*1977.*but`),
    );
  });
});
