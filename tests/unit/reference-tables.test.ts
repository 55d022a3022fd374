import { beforeAll, describe, expect, it } from 'vitest';
import {
  type FactDocument,
  factDocumentSchema,
  type NodeFact,
  nodeRef,
  type RelationFact,
} from '../../src/graph/facts.ts';
import type { Label, RelationshipType } from '../../src/graph/ontology.ts';
import {
  approvalDate,
  readReferenceTables,
  shortQuote,
  slug,
  webSourceKey,
} from '../../src/graph/reference-tables.ts';

let doc: FactDocument;

beforeAll(() => {
  doc = readReferenceTables();
});

function nodesOf(label: Label): NodeFact[] {
  return doc.nodes.filter((node) => node.label === label);
}

function node(label: Label, key: string): NodeFact {
  const found = doc.nodes.find((n) => n.label === label && n.key === key);
  if (!found) throw new Error(`no ${label}:${key}`);
  return found;
}

function relations(type: RelationshipType, from?: string, to?: string): RelationFact[] {
  return doc.relations.filter(
    (r) => r.type === type && (from === undefined || r.from === from) && (to === undefined || r.to === to),
  );
}

/** The Place keys a place is PART_OF, transitively (one parent per place). */
function placeChain(placeKey: string): string[] {
  const chain = [placeKey];
  for (;;) {
    const current = nodeRef('Place', chain[chain.length - 1] as string);
    const parents = [...new Set(relations('PART_OF', current).map((r) => r.to))];
    if (parents.length === 0) return chain;
    expect(parents).toHaveLength(1);
    chain.push((parents[0] as string).slice('Place:'.length));
  }
}

const PROVINCE_LEVEL_KINDS = ['province', 'autonomous-region', 'municipality'];

describe('readReferenceTables', () => {
  it('parses with factDocumentSchema', () => {
    const parsed = factDocumentSchema.safeParse(doc);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  });

  it('reads 177 zones, 22 demonstration zones and 7 companies', () => {
    expect(nodesOf('Zone')).toHaveLength(177);
    const demonstrationZones = nodesOf('Designation').filter(
      (d) => d.properties?.kind === 'national-innovation-demonstration-zone',
    );
    expect(demonstrationZones).toHaveLength(22);
    expect(nodesOf('Company')).toHaveLength(7);
  });

  it('emits no node twice and no relation twice for the same source', () => {
    const nodeRefs = doc.nodes.map((n) => nodeRef(n.label, n.key));
    expect(new Set(nodeRefs).size).toBe(nodeRefs.length);
    const relationIds = doc.relations.map((r) => `${r.type}|${r.from}|${r.to}|${r.evidence.source}`);
    expect(new Set(relationIds).size).toBe(relationIds.length);
  });

  it('joins only emitted nodes, except the five created by the curated data', () => {
    const emitted = new Set(doc.nodes.map((n) => nodeRef(n.label, n.key)));
    const missing = new Set(doc.relations.flatMap((r) => [r.from, r.to]).filter((ref) => !emitted.has(ref)));
    expect([...missing].sort()).toEqual([
      'Designation:national-innovation-demonstration-zone',
      'Designation:provincial-hi-tech-zone',
      'Event:provincial-zones-elevated-2009',
      'Organization:state-council',
      'Program:national-hi-tech-zones',
    ]);
  });

  it('cites the public copy of the source document by the curated Source key, without redefining it', () => {
    expect(webSourceKey('http://houston.china-consulate.org/eng/st/t1108038.htm')).toBe(
      'hi-tech-zones-overview',
    );
    expect(nodesOf('Source').some((s) => s.key === 'hi-tech-zones-overview')).toBe(false);
  });

  it('cites only emitted Source nodes (or the source document, defined by the curated data), and every domain node cites at least one', () => {
    const sources = new Set([...nodesOf('Source').map((s) => s.key), 'hi-tech-zones-overview']);
    for (const n of doc.nodes.filter((n) => n.label !== 'Source')) {
      expect(n.evidence.length, `${n.label}:${n.key}`).toBeGreaterThan(0);
      for (const e of n.evidence) expect(sources.has(e.source), e.source).toBe(true);
    }
    for (const r of doc.relations) expect(sources.has(r.evidence.source), r.evidence.source).toBe(true);
  });

  it('keeps quotes within 200 characters', () => {
    const quotes = [...doc.nodes.flatMap((n) => n.evidence), ...doc.relations.map((r) => r.evidence)]
      .map((e) => e.quote)
      .filter((q): q is string => q !== undefined);
    for (const quote of quotes) expect(quote.length).toBeLessThanOrEqual(200);
  });
});

describe('zones', () => {
  it('Zhongguancun: approved 1988, citing its row URL', () => {
    const zone = node('Zone', 'zhongguancun');
    expect(zone.nameZh).toBe('中关村科技园区');
    expect(zone.properties).toMatchObject({
      kind: 'national-hi-tech-zone',
      approvedYear: 1988,
      approvedDate: '1988-05-10',
    });
    const url = 'https://fx361.cc/page/2012/1230/16011811.shtml';
    // The table's own words quote the table; its page is quoted with words of the page (quotes.csv).
    expect(zone.evidence[0]?.source).toBe('reference-tables');
    const page = zone.evidence.find((e) => e.source === webSourceKey(url));
    expect(page?.quote).toBeTruthy();
    expect(page?.note).toBeUndefined();
    expect(node('Source', webSourceKey(url)).properties).toMatchObject({
      url,
      title: '高新区创新中国——对20年国家高新区发展的总结评价及对未来发展的思考',
      kind: 'academic',
      date: '2012-12-30',
    });
    expect(zone.aliases).toContain('北京市新技术产业开发试验区');
  });

  it('every zone is PART_OF the programme and DESIGNATED_AS a national hi-tech zone since its year', () => {
    for (const zone of nodesOf('Zone')) {
      const ref = nodeRef('Zone', zone.key);
      expect(relations('PART_OF', ref, 'Program:national-hi-tech-zones')).toHaveLength(1);
      // One statement per source: the table's carries the table's year.
      const designated = relations('DESIGNATED_AS', ref, 'Designation:national-hi-tech-zone');
      const byTable = designated.filter((r) => r.evidence.source === 'reference-tables');
      expect(byTable).toHaveLength(1);
      expect(byTable[0]?.properties?.since).toBe(zone.properties?.approvedYear);
    }
    expect(node('Designation', 'national-hi-tech-zone').nameZh).toBe('国家高新技术产业开发区');
  });

  it('Anqing, whose row has no URL, cites the reference-tables source', () => {
    const anqing = node('Zone', 'anqing');
    expect(anqing.evidence.map((e) => e.source)).toEqual(['reference-tables']);
    expect(anqing.properties?.approvedYear).toBeUndefined();
    const designated = relations('DESIGNATED_AS', 'Zone:anqing', 'Designation:national-hi-tech-zone');
    expect(designated.map((r) => r.evidence.source)).toEqual(['reference-tables']);
    // No year, only the bound its note gives (curation.json approvalBounds).
    expect(designated[0]?.properties).toEqual({ notAfterYear: 2022 });
  });

  it('keeps former names as aliases', () => {
    expect(node('Zone', 'xiangyang').aliases).toContain('襄樊');
    expect(node('Zone', 'shanghai-zhangjiang').aliases).toContain('上海高新技术产业开发区');
  });

  it('takes approval dates only where the note states them as such', () => {
    expect(node('Zone', 'taizhou-pharma').properties?.approvedDate).toBe('2009-03');
    expect(node('Zone', 'benxi').properties?.approvedDate).toBeUndefined();
    expect(node('Zone', 'tonghua-pharma').properties?.approvedDate).toBeUndefined();
    expect(node('Zone', 'dalian').properties?.approvedDate).toBeUndefined();
  });
});

describe('places', () => {
  it('locates every zone exactly once, in a chain that reaches a province-level division', () => {
    for (const zone of nodesOf('Zone')) {
      const located = relations('LOCATED_IN', nodeRef('Zone', zone.key));
      expect(located, zone.key).toHaveLength(1);
      const chain = placeChain((located[0] as RelationFact).to.slice('Place:'.length));
      const top = node('Place', chain[chain.length - 1] as string);
      expect(PROVINCE_LEVEL_KINDS, `${zone.key}: ${chain.join(' → ')}`).toContain(top.properties?.kind);
    }
  });

  it('keeps Jilin city and Jilin province apart', () => {
    expect(node('Place', 'jilin').properties?.kind).toBe('province');
    expect(node('Place', 'jilin-city').properties?.kind).toBe('city');
    expect(placeChain('jilin-city')).toEqual(['jilin-city', 'jilin']);
    expect(relations('LOCATED_IN', 'Zone:jilin').map((r) => r.to)).toEqual(['Place:jilin-city']);
  });

  it('keys the two Fuzhous as the zone ids do', () => {
    expect(placeChain('fuzhou')).toEqual(['fuzhou', 'fujian']);
    expect(placeChain('fuzhou-jiangxi')).toEqual(['fuzhou-jiangxi', 'jiangxi']);
    expect(relations('LOCATED_IN', 'Zone:fuzhou-jiangxi').map((r) => r.to)).toEqual(['Place:fuzhou-jiangxi']);
    expect(placeChain('yulin-shaanxi')).toEqual(['yulin-shaanxi', 'shaanxi']);
  });

  it('places a "Suzhou (Kunshan)" zone in Kunshan, part of Suzhou, part of Jiangsu', () => {
    expect(relations('LOCATED_IN', 'Zone:kunshan').map((r) => r.to)).toEqual(['Place:kunshan']);
    expect(placeChain('kunshan')).toEqual(['kunshan', 'suzhou', 'jiangsu']);
    expect(node('Place', 'kunshan').properties?.kind).toBe('county-level');
  });

  it('uses one node per municipality, with no parent', () => {
    expect(node('Place', 'beijing').properties?.kind).toBe('municipality');
    expect(relations('PART_OF', 'Place:beijing')).toHaveLength(0);
    expect(placeChain('bishan')).toEqual(['bishan', 'chongqing']);
    expect(node('Place', 'inner-mongolia').properties?.kind).toBe('autonomous-region');
  });
});

describe('demonstration zones', () => {
  it('Sunan has its 8 inferred hosts, flagged as inferred', () => {
    const hosts = relations('DESIGNATED_AS', undefined, 'Designation:sunan-nidz');
    expect([...new Set(hosts.map((r) => r.from))].sort()).toEqual(
      ['changzhou', 'jiangyin', 'kunshan', 'nanjing', 'suzhou', 'wujin', 'wuxi', 'zhenjiang'].map(
        (k) => `Zone:${k}`,
      ),
    );
    for (const r of hosts) expect(r.properties).toEqual({ since: 2014, date: '2014-10' });
    // The table's statement says it is an inference (a note: the table has no such words); the
    // official page found later confirms the hosts with a quote.
    const byTable = hosts.filter((r) => r.evidence.source === 'reference-tables');
    expect(byTable).toHaveLength(8);
    for (const r of byTable) expect(r.evidence.note).toMatch(/inferred/);
    expect(hosts.filter((r) => r.evidence.quote)).toHaveLength(8);
    expect(node('Designation', 'sunan-nidz').description).toMatch(/inferred/);
  });

  it('is PART_OF the demonstration-zone designation, with date and year as given', () => {
    const zhongguancun = node('Designation', 'zhongguancun-nidz');
    expect(zhongguancun.properties).toEqual({
      kind: 'national-innovation-demonstration-zone',
      date: '2009-03-13',
      year: 2009,
    });
    expect(
      relations(
        'PART_OF',
        'Designation:zhongguancun-nidz',
        'Designation:national-innovation-demonstration-zone',
      ),
    ).toHaveLength(1);
    expect(
      relations('DESIGNATED_AS', 'Zone:zhongguancun', 'Designation:zhongguancun-nidz')[0]?.properties,
    ).toEqual({
      since: 2009,
      date: '2009-03-13',
    });
    const changzhutan = relations('DESIGNATED_AS', 'Zone:changsha', 'Designation:changzhutan-nidz');
    expect(changzhutan[0]?.properties).toBeUndefined();
  });
});

describe('companies', () => {
  it('Alibaba is located in Hangzhou and has no origin zone', () => {
    expect(relations('ORIGINATED_IN', 'Company:alibaba')).toHaveLength(0);
    expect(new Set(relations('LOCATED_IN', 'Company:alibaba').map((r) => r.to))).toEqual(
      new Set(['Place:hangzhou']),
    );
  });

  it('Lenovo originated in Zhongguancun, once per source of its row', () => {
    expect(node('Company', 'lenovo').properties).toEqual({ foundedYear: 1984 });
    const origin = relations('ORIGINATED_IN', 'Company:lenovo', 'Zone:zhongguancun');
    expect(origin.length).toBeGreaterThanOrEqual(1);
    // Founded in 1984, four years before the zone: qualified, not a bare "originated in".
    for (const r of origin) expect(r.properties?.role).toBe('founded-in-its-area-before-the-zone');
    expect(relations('LOCATED_IN', 'Company:lenovo')[0]?.to).toBe('Place:beijing');
  });
});

describe('helpers', () => {
  it('slug', () => {
    expect(slug("Huai'an")).toBe('huaian');
    expect(slug('Inner Mongolia')).toBe('inner-mongolia');
  });

  it('webSourceKey is web- and 10 hex characters', () => {
    expect(webSourceKey('https://example.org/')).toMatch(/^web-[0-9a-f]{10}$/);
  });

  it('shortQuote cuts at a word boundary', () => {
    const quote = shortQuote(`${'word '.repeat(60)}end`);
    expect(quote.length).toBeLessThanOrEqual(200);
    expect(quote).toMatch(/word…$/);
  });

  it('approvalDate ignores dates inside URLs and years that disagree', () => {
    expect(approvalDate('1991-03-06 first batch', 1991)).toBe('1991-03-06');
    expect(approvalDate('1991: one of 26 (http://x.cn/bw/2008-03/31/a.htm)', 1991)).toBeUndefined();
    expect(approvalDate('approved 2010-11; also zh.wikipedia', 2010)).toBe('2010-11');
    expect(approvalDate('Dec 2013 batch reported by MOST 2014-01-13', 2013)).toBeUndefined();
  });
});
