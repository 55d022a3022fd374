/**
 * Issue 15, the data and provenance half (items 2, 3, 5, 6, 7, 8, 10): each item is an analyst's
 * question asked through the API of the seeded graph.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/graphql.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const gql = testApp(executor);

async function ask(query: string): Promise<any> {
  const { data, errors } = await gql(query);
  expect(errors).toBeUndefined();
  return data;
}

const keys = (connection: { edges: { node: { key: string } }[] }) => connection.edges.map((e) => e.node.key);

describe('item 2: the approval batches, and the document’s "51 upgraded in 2009, 105 in all"', () => {
  it('which zones were among the 51 provincial zones the document says were upgraded in 2009, and how does the table count differ from its 105?', async () => {
    const data = await ask(`{
      event(key: "provincial-zones-elevated-2009") {
        involves(first: 100) { edges { role year node { key } } }
      }
      elevated: indicator(key: "provincial-zones-elevated-2009") { value tableValue departure }
      total: indicator(key: "national-zones-total-2009") { value tableValue departure }
    }`);
    const members = data.event.involves.edges.filter((e: any) => e.role === 'elevated-zone');
    // The table dates 39 of the 51: 2 in 2009, 20 in 2010, 5 in 2011, 12 in 2012.
    expect(members).toHaveLength(39);
    const byYear: Record<string, number> = {};
    for (const e of members) byYear[e.year] = (byYear[e.year] ?? 0) + 1;
    expect(byYear).toEqual({
      2009: 2,
      2010: 20,
      2011: 5,
      2012: 12,
    });
    expect(data.elevated).toMatchObject({ value: 51, tableValue: 2 });
    expect(data.elevated.departure).toMatch(/12 undated/);
    expect(data.total).toMatchObject({ value: 105, tableValue: 56 });
    expect(data.total.departure).toMatch(/56 zones national by the end of 2009/);
  });

  it('what totals do sources state over time, and where does the table fall short of them?', async () => {
    const data =
      await ask(`{ indicators(first: 20, where: { metric: { eq: "zones-total" } }, orderBy: { field: YEAR }) {
      edges { node { key value year tableValue departure } } } }`);
    const totals = data.indicators.edges.map((e: any) => e.node);
    // 2017: the count table's 146 and Xinhua's 156 (a15 defect 4), both stated.
    expect(totals.map((t: any) => t.value).sort((a: number, b: number) => a - b)).toEqual([
      105, 114, 129, 146, 156, 168, 169, 173, 177, 178,
    ]);
    for (const t of totals) if (t.tableValue !== t.value) expect(t.departure, t.key).toBeTruthy();
  });

  it('which zones did the State Council approve in March 1991, and by which document?', async () => {
    const data = await ask(`{
      event(key: "zone-approvals-1991-03") { date involves(first: 100) { edges { role node { key } } } }
      policy(key: "state-council-notice-1991-12") { documentNumber date nameZh issuedBy { edges { node { key } } }
        ledTo(first: 100) { totalCount } }
      reply: policy(key: "state-council-reply-1992-169") { date ledTo(first: 100) { totalCount } }
    }`);
    const approved = data.event.involves.edges.filter((e: any) => e.role === 'approved-zone');
    expect(approved).toHaveLength(26);
    expect(data.event.involves.edges.find((e: any) => e.role === 'approver').node.key).toBe('state-council');
    // The notice names 21 of the 26; the other five are 1991 by elimination and are not credited to it.
    expect(data.policy).toMatchObject({ documentNumber: '国发〔1991〕12号', date: '1991-03-06' });
    expect(data.policy.ledTo.totalCount).toBe(21);
    expect(keys(data.policy.issuedBy)).toEqual(['state-council']);
    expect(data.reply).toMatchObject({ date: '1992-11-09', ledTo: { totalCount: 25 } });
  });
});

describe('item 3: every approval is a fact', () => {
  it('which zones has the State Council not approved? none; and each approval cites its sources', async () => {
    const data = await ask(`{
      unapproved: zones(where: { approvedBy: { none: { key: { eq: "state-council" } } } }) { totalCount }
      all: zones { totalCount }
      demonstration: designations(where: { kind: { eq: "national-innovation-demonstration-zone" },
        approvedBy: { none: { key: { eq: "state-council" } } } }) { totalCount }
      zone(key: "yantai") { approvedBy { edges { node { key } year date statements { year date evidence { quote note } } } } }
    }`);
    expect(data.unapproved.totalCount).toBe(0);
    expect(data.all.totalCount).toBe(177);
    expect(data.demonstration.totalCount).toBe(0);
    const [edge] = data.zone.approvedBy.edges;
    expect(edge.node.key).toBe('state-council');
    expect(edge.statements.some((s: any) => s.date === '2010-09-26')).toBe(true);
    for (const s of edge.statements) expect(s.evidence.quote ?? s.evidence.note).toBeTruthy();
  });

  it('when was Changzhutan approved? by 2014-12-04 at the latest, as a bound with its quote', async () => {
    const data = await ask(`{ designation(key: "changzhutan-nidz") {
      approvedBy { edges { statements { notAfterYear year evidence { quote source { kind } } } } } } }`);
    const statements = data.designation.approvedBy.edges[0].statements;
    const bound = statements.find((s: any) => s.notAfterYear === 2014);
    expect(bound.evidence.quote).toMatch(/长株潭国家自主创新/);
  });
});

describe('item 5: Chinese names, with provenance', () => {
  it('what are Guangdong, the technologies, the clusters, the 2009 Advice and the Xiong’an zone called in Chinese, and who says so?', async () => {
    const data = await ask(`{
      place(key: "guangdong") { nameZh adminCode evidence { note source { kind } } }
      xiongan: zone(key: "xiongan") { nameZh evidence { quote source { kind title } } }
      newArea: place(key: "xiongan-new-area") { nameZh }
      technologies(first: 50, where: { NOT: { key: { contains: "-test-" } } }) { totalCount edges { node { key nameZh evidence { quote note } } } }
      clusters: zone(key: "zhongguancun") { clusters { edges { node { nameZh } } } }
      policy(key: "advice-2009") { nameZh documentNumber evidence { quote source { kind } } }
    }`);
    expect(data.place).toMatchObject({ nameZh: '广东省', adminCode: '440000' });
    expect(data.place.evidence.some((e: any) => /GB\/T 2260/.test(e.note ?? ''))).toBe(true);
    expect(data.xiongan.nameZh).toBe('河北雄安高新技术产业开发区');
    expect(data.xiongan.evidence.some((e: any) => e.quote?.includes('雄安高新技術產業開發區'))).toBe(true);
    expect(data.newArea.nameZh).toBe('雄安新区');
    expect(data.technologies.totalCount).toBe(24);
    for (const { node } of data.technologies.edges) {
      expect(node.nameZh, node.key).toBeTruthy();
      // A name no source gives says so: the curators' rendering is a note, never a quote.
      expect(node.evidence.some((e: any) => e.quote || /curators/.test(e.note ?? ''))).toBe(true);
    }
    expect(data.clusters.clusters.edges[0].node.nameZh).toBe('中关村芯片设计产业集群');
    expect(data.policy).toMatchObject({
      nameZh: '国务院关于发挥科技支撑作用促进经济平稳较快发展的意见',
      documentNumber: '国发〔2009〕9号',
    });
  });
});

describe('item 6: provenance that is evidence', () => {
  it('what do the pages behind Qiqihar say? zh.wikipedia could not be seen: a note, and no made-up quote', async () => {
    const data = await ask(
      `{ zone(key: "qiqihar") { evidence { quote note source { key title publisher kind seen } } } }`,
    );
    const wikipedia = data.zone.evidence.find((e: any) => e.source.publisher === 'Wikipedia (Chinese)');
    expect(wikipedia.quote).toBeNull();
    expect(wikipedia.note).toMatch(/could not be seen/);
    expect(wikipedia.source).toMatchObject({ kind: 'encyclopedia', seen: false });
    expect(wikipedia.source.title).toMatch(/^\[page not seen: /);
    for (const e of data.zone.evidence) expect(e.quote ?? '').not.toMatch(/approval year not found/);
  });

  it('does every source have a title, a publisher and a kind?', async () => {
    const page = (after: string | null) =>
      ask(`{ sources(first: 100, where: { NOT: { key: { contains: "-test-" } } }${after ? `, after: "${after}"` : ''}) { totalCount
        pageInfo { hasNextPage endCursor } edges { node { key title publisher kind } } } }`);
    const first = await page(null);
    const second = await page(first.sources.pageInfo.endCursor);
    const all = [...first.sources.edges, ...second.sources.edges];
    expect(all).toHaveLength(first.sources.totalCount);
    for (const { node } of all) {
      expect(node.title, node.key).toBeTruthy();
      expect(node.publisher, node.key).toBeTruthy();
      expect(node.kind, node.key).toBeTruthy();
    }
  });

  it('why does Tencent count as a Shenzhen zone company, and on which words? its headquarters, quoted; not its name', async () => {
    const data = await ask(
      `{ company(key: "tencent") { nameZh originZoneEdge { role statements { role evidence { quote note } } } } }`,
    );
    const edge = data.company.originZoneEdge;
    expect(edge.role).toBe('headquartered-in');
    for (const s of edge.statements) {
      expect(s.evidence.quote ?? s.evidence.note).toBeTruthy();
      expect(s.evidence.quote).not.toBe(data.company.nameZh);
    }
  });

  it('which approvals rest on aggregator pages alone? Taiyuan’s, which says so in the data', async () => {
    const data = await ask(`{ zone(key: "taiyuan") { approvedBy { edges { support } } } }`);
    expect(data.zone.approvedBy.edges[0].support).toBe('aggregator');
  });
});

describe('item 7: facts that were only text', () => {
  it('why was the 2009 Advice issued, what is Zhongguancun meant to become, how are the zones run and financed?', async () => {
    const data = await ask(`{
      policy(key: "advice-2009") { purpose }
      designation(key: "zhongguancun-nidz") { goal }
      program(key: "national-hi-tech-zones") { managementModel financingInstruments internationalPlatforms }
      decision: policy(key: "decision-1985") { ledTo { edges { node { key } statements { evidence { quote } } } } }
      recruits: indicator(key: "global-experts-recruits-from-zones") { share qualifier measures { edges { node { key } } } }
    }`);
    expect(data.policy.purpose).toMatch(/international financial crisis/);
    expect(data.designation.goal).toBe('a technological innovation hub with global influence');
    expect(data.program.managementModel).toBe('small government and big service');
    expect(data.program.financingInstruments).toEqual([
      'seed funding',
      'venture capital',
      'loan guarantees',
      'assistance in public offerings',
    ]);
    expect(data.program.internationalPlatforms).toContain('technology transfer');
    const led = data.decision.ledTo.edges.find((e: any) => e.node.key === 'national-hi-tech-zones');
    expect(led.statements[0].evidence.quote).toMatch(/science and technology parks/);
    expect(data.recruits).toMatchObject({ share: 0.5, qualifier: 'more than (the majority)' });
    expect(keys(data.recruits.measures)).toContain('recruitment-program-of-global-experts');
  });
});

describe('item 8: readings kept, inconsistencies recorded', () => {
  it('is the 8.4× patent figure consistent with 107.5 and 11.4? the document’s figure stays, the departure is recorded', async () => {
    const data = await ask(`{
      multiple: indicator(key: "invention-patents-per-10000-professionals-vs-national-2012") { value computedValue departure }
      average: indicator(key: "invention-patents-per-10000-professionals-national-2012") { value measures { edges { node { key } } } }
      percent: indicators(where: { unit: { eq: "percent" } }) { totalCount }
      diplomas: indicator(key: "employees-junior-college-or-above-2012") { value share unit }
      lenovo: company(key: "lenovo") { originZoneEdge { role } }
    }`);
    expect(data.multiple).toMatchObject({ value: 8.4, computedValue: 9.43 });
    expect(data.multiple.departure).toMatch(/107\.5 \/ 11\.4 = 9\.43/);
    // The national average measures the country, not the zones.
    expect(keys(data.average.measures)).toEqual(['china']);
    // One convention: a percentage is a 0–1 share.
    expect(data.percent.totalCount).toBe(0);
    expect(data.diplomas).toEqual({ value: 0.51, share: 0.51, unit: 'share' });
    expect(data.lenovo.originZoneEdge.role).toBe('founded-in-its-area-before-the-zone');
  });
});

describe('item 10: the obvious questions, one request each', () => {
  it('which technologies does East Lake work in, who issued the strategic decision, which zones were provincial?', async () => {
    const data = await ask(`{
      zone(key: "wuhan-east-lake") { technologies { edges { node { key } } } }
      policy(key: "hi-tech-zones-strategic-decision") { issuedBy { edges { node { key } } } }
      designation(key: "provincial-hi-tech-zone") { zones(first: 1) { totalCount } }
    }`);
    expect(keys(data.zone.technologies)).toContain('optical-communications');
    expect(keys(data.policy.issuedBy).sort()).toEqual(['cpc-central-committee', 'state-council']);
    // Yangling, Ningbo, the 39 dated zones of the 2009 batch and later upgrades.
    expect(data.designation.zones.totalCount).toBeGreaterThan(41);
  });
});

describe('a15 defect 1: approval batches hold only the zones a source dates to their month', () => {
  it('which zones did the State Council approve in September 2012 and in December 2013? none dated by a sentence about another zone or a "before" bound', async () => {
    const data = await ask(`{
      sep: event(key: "zone-approvals-2012-09") { key }
      dec: event(key: "zone-approvals-2013-12") { zoneCount statedZoneCount departure
        evidence { quote note } involves(first: 100) { edges { role node { key } } } }
      events(first: 100) { edges { node { key zoneCount statedZoneCount departure evidence { quote note }
        involves(first: 100) { edges { role node { key } } } } } }
    }`);
    expect(data.sep).toBeNull();
    const members = data.dec.involves.edges.filter((e: any) => e.role === 'approved-zone');
    expect(members.map((e: any) => e.node.key)).not.toContain('shaoxing');
    expect(data.dec).toMatchObject({ zoneCount: 9, statedZoneCount: 9, departure: null });
    // Anqing is named in the "Dec 2022 batch of 4" by an excerpt without a URL: undated, so in no batch,
    // and the batch says it holds 3 of the 4.
    const dec2022 = data.events.edges
      .map((e: any) => e.node)
      .find((n: any) => n.key === 'zone-approvals-2022-12');
    expect(dec2022).toMatchObject({ zoneCount: 3, statedZoneCount: 4 });
    expect(dec2022.departure).toMatch(/batch of 4/);
    for (const batch of data.events.edges.map((e: any) => e.node)) {
      if (!batch.key.startsWith('zone-approvals-')) continue;
      const zones = batch.involves.edges.filter((e: any) => e.role === 'approved-zone');
      for (const e of zones)
        expect(['pingdingshan', 'anyang', 'nanyang', 'shaoxing']).not.toContain(e.node.key);
      expect(batch.zoneCount, batch.key).toBe(zones.length);
      if (batch.statedZoneCount != null && batch.statedZoneCount !== batch.zoneCount)
        expect(batch.departure, batch.key).toBeTruthy();
      for (const ev of batch.evidence) {
        expect(ev.quote ?? ev.note, batch.key).toBeTruthy();
        expect(ev.quote ?? '', batch.key).not.toMatch(/not found|\bby \w+ \d{4}\b|before/);
      }
    }
  });
});

describe('a15 defect 4: the date disagreements of the demonstration zones and the 2017 count are kept', () => {
  it('when were Sunan, Shandong Peninsula, Shenyang-Dalian and Zhengluoxin approved, according to whom? every dated source as a claim', async () => {
    const data = await ask(`{
      sunan: designation(key: "sunan-nidz") { date claims(property: "date") { value headline quote source { url } } }
      sd: designation(key: "shandong-peninsula-nidz") { date claims(property: "date") { value headline } }
      sy: designation(key: "shenyang-dalian-nidz") { date claims(property: "date") { value headline } }
      zlx: designation(key: "zhengluoxin-nidz") { date claims(property: "date") { value headline } }
    }`);
    const values = (d: any) => d.claims.map((c: any) => c.value).sort();
    expect(values(data.sunan)).toEqual(['2014-10', '2014-11-03']);
    expect(values(data.sd)).toEqual(['2016-03-30', '2016-04-11']);
    expect(values(data.sy)).toEqual(['2016-03-30', '2016-04-05']);
    expect(values(data.zlx)).toEqual(['2016-03-30', '2016-04-05']);
    for (const d of [data.sunan, data.sd, data.sy, data.zlx]) {
      expect(d.claims.filter((c: any) => c.headline)).toHaveLength(1);
      expect(d.claims.find((c: any) => c.headline).value).toBe(d.date);
    }
    expect(data.sunan.date).toBe('2014-10');
  });

  it('how many national zones were there in early 2017? 146 (count table) and 156 (Xinhua), both stated', async () => {
    const data =
      await ask(`{ indicators(first: 20, where: { metric: { eq: "zones-total" }, year: { eq: 2017 } }) {
      edges { node { key value date evidence { quote note } } } } }`);
    const totals = data.indicators.edges.map((e: any) => e.node);
    expect(totals.map((t: any) => t.value).sort()).toEqual([146, 156]);
    const xinhua = totals.find((t: any) => t.value === 156);
    expect(xinhua.evidence.some((e: any) => /Xinhua/.test(e.quote ?? ''))).toBe(true);
  });
});

describe('a15 defect 5: Chengde', () => {
  it('which source dates Chengde to September 2012, and is that statement dated? yes, 2012-09; and the headline is the seen page’s', async () => {
    const data = await ask(`{ zone(key: "chengde") { approvedDate
      approvedBy { edges { statements { date year evidence { quote } } } } } }`);
    const sept = data.zone.approvedBy.edges[0].statements.find((s: any) =>
      /^2012年9月/.test(s.evidence.quote ?? ''),
    );
    expect(sept).toMatchObject({ date: '2012-09', year: 2012 });
    expect(data.zone.approvedDate).toBe('2012-09');
  });
});

describe('a15 defect 10: one kind per kind of place', () => {
  it('what kind of place are Chuxiong, Changji, Yangling, Xiantao, Qianjiang, Shihezi, Kunshan and Yanji? as GB/T 2260 says', async () => {
    const data =
      await ask(`{ places(first: 50, where: { name: { in: ["Chuxiong", "Changji", "Yanbian", "Yangling",
      "Xiantao", "Qianjiang", "Shihezi", "Kunshan", "Yanji"] } }) { edges { node { key name kind } } } }`);
    const kindOf = (name: string) =>
      data.places.edges.map((e: any) => e.node).find((p: any) => p.name === name)?.kind;
    expect(kindOf('Chuxiong')).toBe('autonomous-prefecture');
    expect(kindOf('Changji')).toBe('autonomous-prefecture');
    expect(kindOf('Yanbian')).toBe('autonomous-prefecture');
    expect(kindOf('Yangling')).toBe('district');
    for (const name of ['Xiantao', 'Qianjiang', 'Shihezi', 'Kunshan', 'Yanji'])
      expect(kindOf(name), name).toBe('county-level');
  });
});

describe('a15 defect 11: names, ended designations, one meaning of share', () => {
  it('what are the approval documents called in Chinese, when did Baiyin stop being provincial, and what does share mean?', async () => {
    const data = await ask(`{
      policies(first: 50, where: { kind: { eq: "approval-document" } }) { edges { node { key nameZh documentNumber evidence { quote } } } }
      neighborhood(key: "baiyin") { edges { type to { key } until } }
      over30: indicator(key: "zones-over-30-percent-of-city-industrial-output-2012") { share threshold }
    }`);
    const documents = data.policies.edges.map((e: any) => e.node);
    expect(documents).toHaveLength(11);
    for (const d of documents) {
      expect(d.nameZh, d.key).toBeTruthy();
      expect(
        d.evidence.some((e: any) => e.quote && (e.quote.includes(d.documentNumber) || e.quote === d.nameZh)),
      ).toBe(true);
    }
    const provincial = data.neighborhood.edges.find(
      (e: any) => e.type === 'DESIGNATED_AS' && e.to.key === 'provincial-hi-tech-zone',
    );
    expect(provincial.until).toBe(2018);
    expect(data.over30).toEqual({ share: null, threshold: 0.3 });
  });
});
