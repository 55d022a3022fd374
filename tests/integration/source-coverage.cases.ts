/**
 * What the source document "National Hi-tech Zones" (Source `hi-tech-zones-overview`) says, one statement per
 * fact, each checked by one read-only Cypher query against the loaded graph (reference tables + data/curated).
 *
 * Paragraph numbering (the same in every `paragraph` of data/curated/*.json):
 *   - paragraph 1 is the title line "National Hi-tech Zones";
 *   - blank lines are not paragraphs;
 *   - a line that does not start with whitespace continues the paragraph before it (the file breaks two
 *     paragraphs this way: "... Dr awing on China 's" / "national conditions, ..." and "... are promptly" /
 *     "translated into reality. ..."); every other line is one paragraph.
 *   This gives 19 paragraphs: 2 = strategic decision, 3 = 1985-1992 history, 4 = 2009 Advice, demonstration
 *   zones and upgrades, 5 = two decades, 6/9/12/16 = the four numbered headings, 11 = innovation figures,
 *   14 = economic figures, 15 = pilot projects, 17 = talents (with the misplaced Zhongguancun passage), 19 = last.
 *
 * Storage assumed by the queries (the loader's contract):
 *   - node properties flat on the node (n.name, n.nameZh, n.aliases, n.year, n.value, ...);
 *   - node evidence as (n)-[:SOURCED_FROM {quote, paragraph}]->(:Source {key}), one edge per evidence entry;
 *   - relationship evidence as relationship properties sourceKey, quote, paragraph.
 * Relationship checks filter on sourceKey, so facts that the reference tables state about the same nodes do
 * not interfere.
 *
 * Conventions for figures (every figure of the document is an Indicator):
 *   - `value` is the number as the document states it, in the document's unit (12,695 thousand people is
 *     value 12695, unit 'thousand people'; $376.04 billion is value 376.04, unit 'billion US dollars').
 *   - One convention for percentages (issue 15): a percentage is a 0–1 fraction in `share`; a figure that is
 *     itself a percentage has that fraction as `value` too, with unit 'share' (5.2% -> 0.052).
 *   - A percentage the document attaches to an absolute figure ("274.91 billion yuan, or 35.6% of the
 *     national R&D funds") goes on the same Indicator as `share`, a fraction (0.356), with `comparison`
 *     naming the whole.
 *   - A multiple of a national average ("1.7 times higher than the national average") is its own Indicator
 *     with unit 'times' and comparison 'national average'; the national average itself, where given (11.4),
 *     is one more Indicator, which MEASURES the country (Place `china`) with role 'national-benchmark' — not
 *     the zones (issue 15).
 *   - `qualifier` keeps the document's hedge on the value: 'more than', 'over', 'about', 'over the past';
 *     'target' for a pilot project's planned figure.
 *   - `year` is set where the sentence, or the dated sentence it continues in the same paragraph, gives it
 *     (the R&D ratio, patents per 10,000 professionals, taxes and the city-output counts continue a sentence
 *     that starts "In 2012"; the employee breakdown continues "By 2012"); counts of incubators, parks,
 *     companies, talent policies and centres have no year because the document gives none.
 *   - Indicators about all zones MEASURES Program `national-hi-tech-zones`; pilot targets measure the pilot.
 *
 * Values come back as the driver returns them: numbers that Cypher yields as integers (toInteger, count)
 * must be turned into JS numbers by the runner (neo4j.isInt -> toNumber, or disableLosslessIntegers).
 */
import type { Label, RelationshipType } from '../../src/graph/ontology.ts';

export type CoverageFact = {
  says: string;
  cypher: string;
  params?: Record<string, unknown>;
  expect: unknown;
};
export type CoverageCase = { paragraph: number; topic: string; facts: CoverageFact[] };

const SOURCE = 'hi-tech-zones-overview';
const SYSTEM = 'national-hi-tech-zones';

type Cast = 'toFloat' | 'toInteger';
const cast = (expression: string, how?: Cast) => (how ? `${how}(${expression})` : expression);

/** A property of one node. */
function prop(
  label: Label,
  key: string,
  property: string,
  expect: unknown,
  says: string,
  how?: Cast,
): CoverageFact {
  return {
    says,
    cypher: `MATCH (n:${label} {key: $key}) RETURN ${cast(`n.${property}`, how)} AS value`,
    params: { key },
    expect,
  };
}

/** An Indicator's value (always compared as a float). */
const value = (key: string, expect: number, says: string) =>
  prop('Indicator', key, 'value', expect, says, 'toFloat');
const share = (key: string, expect: number, says: string) =>
  prop('Indicator', key, 'share', expect, says, 'toFloat');
/** The share a counted thing is above (a15 defect 11: not `share`, which is only ever the figure's fraction). */
const threshold = (key: string, expect: number, says: string) =>
  prop('Indicator', key, 'threshold', expect, says, 'toFloat');
const year = (label: Label, key: string, expect: number, says: string) =>
  prop(label, key, 'year', expect, says, 'toInteger');

/** The node is known by the document's spelling: its name or one of its aliases (the merge drops an alias equal to the name). */
function alias(label: Label, key: string, name: string, says: string): CoverageFact {
  return {
    says,
    cypher: `MATCH (n:${label} {key: $key}) RETURN (n.name = $alias OR $alias IN coalesce(n.aliases, [])) AS value`,
    params: { key, alias: name },
    expect: true,
  };
}

/** The one node of `toLabel` that `key` reaches through `type`, as this source states it. */
function target(
  label: Label,
  key: string,
  type: RelationshipType,
  toLabel: Label,
  expect: string,
  says: string,
): CoverageFact {
  return {
    says,
    cypher: `MATCH (:${label} {key: $key})-[:${type} {sourceKey: $source}]->(b:${toLabel}) RETURN b.key AS value`,
    params: { key, source: SOURCE },
    expect,
  };
}

/** All nodes of `toLabel` that `key` reaches through `type` (optionally with a role), sorted. */
function targets(
  label: Label,
  key: string,
  type: RelationshipType,
  toLabel: Label,
  expect: string[],
  says: string,
  role?: string,
): CoverageFact {
  const where = role === undefined ? '' : ' WHERE r.role = $role';
  return {
    says,
    cypher:
      `MATCH (:${label} {key: $key})-[r:${type} {sourceKey: $source}]->(b:${toLabel})${where} ` +
      'WITH DISTINCT b.key AS k ORDER BY k RETURN collect(k) AS value',
    params: role === undefined ? { key, source: SOURCE } : { key, source: SOURCE, role },
    expect,
  };
}

/** A property of the relationship between two given nodes, as this source states it. */
function relProp(
  from: [Label, string],
  type: RelationshipType,
  to: [Label, string],
  property: string,
  expect: unknown,
  says: string,
  how?: Cast,
): CoverageFact {
  return {
    says,
    cypher:
      `MATCH (:${from[0]} {key: $from})-[r:${type} {sourceKey: $source}]->(:${to[0]} {key: $to}) ` +
      `RETURN ${cast(`r.${property}`, how)} AS value`,
    params: { from: from[1], to: to[1], source: SOURCE },
    expect,
  };
}

/** The relationship exists and carries its evidence paragraph. */
const relParagraph = (
  from: [Label, string],
  type: RelationshipType,
  to: [Label, string],
  paragraph: number,
  says: string,
) => relProp(from, type, to, 'paragraph', paragraph, says, 'toInteger');

/** The role an Event gives to one node. */
const role = (event: string, to: [Label, string], expect: string, says: string) =>
  relProp(['Event', event], 'INVOLVES', to, 'role', expect, says);

/** The Indicator measures exactly this one node of `label`. */
const measures = (key: string, label: Label, expect: string, says: string) =>
  target('Indicator', key, 'MEASURES', label, expect, says);

/** The node has evidence from this source in the given paragraph (optionally with a quote containing `text`). */
function evidence(label: Label, key: string, paragraph: number, says: string, text?: string): CoverageFact {
  const quote = text === undefined ? '' : ' AND e.quote CONTAINS $text';
  return {
    says,
    cypher:
      `MATCH (n:${label} {key: $key})-[e:SOURCED_FROM]->(:Source {key: $source}) ` +
      `WHERE toInteger(e.paragraph) = toInteger($paragraph)${quote} RETURN count(e) > 0 AS value`,
    params:
      text === undefined ? { key, source: SOURCE, paragraph } : { key, source: SOURCE, paragraph, text },
    expect: true,
  };
}

export const coverage: CoverageCase[] = [
  {
    paragraph: 1,
    topic: 'The source document and the provenance of the curated graph',
    facts: [
      prop(
        'Source',
        SOURCE,
        'title',
        'National Hi-tech Zones',
        'The document is titled "National Hi-tech Zones".',
      ),
      prop(
        'Source',
        SOURCE,
        'publisher',
        "Consulate-General of the People's Republic of China in Houston",
        'It is published by the Chinese Consulate-General in Houston.',
      ),
      prop(
        'Source',
        SOURCE,
        'url',
        'http://houston.china-consulate.org/eng/st/t1108038.htm',
        'Its public copy lives at this URL.',
      ),
      evidence(
        'Program',
        SYSTEM,
        1,
        'The subject of the document is the national hi-tech zones.',
        'National Hi-tech Zones',
      ),
      {
        // 42 since issue 15: "the majority" of global-experts recruits is a figure too (a share above 0.5).
        says: 'Every figure of the document is an Indicator with evidence from it (42 figures).',
        cypher:
          'MATCH (n:Indicator)-[e:SOURCED_FROM]->(:Source {key: $source}) ' +
          'WHERE e.quote IS NOT NULL AND e.paragraph IS NOT NULL RETURN count(DISTINCT n) AS value',
        params: { source: SOURCE },
        expect: 42,
      },
      {
        says: 'Every milestone and development the document narrates is an Event with evidence from it (14 events).',
        cypher:
          'MATCH (n:Event)-[e:SOURCED_FROM]->(:Source {key: $source}) ' +
          'WHERE e.quote IS NOT NULL AND e.paragraph IS NOT NULL RETURN count(DISTINCT n) AS value',
        params: { source: SOURCE },
        expect: 14,
      },
      {
        says: 'Every relationship from an Event or an Indicator stated by the document carries its quote and paragraph.',
        cypher:
          'MATCH (a)-[r {sourceKey: $source}]->() WHERE (a:Event OR a:Indicator) ' +
          'AND (r.quote IS NULL OR r.paragraph IS NULL) RETURN count(r) AS value',
        params: { source: SOURCE },
        expect: 0,
      },
    ],
  },
  {
    paragraph: 2,
    topic: 'Building the zones was a strategic decision of the Central Party Committee and the State Council',
    facts: [
      targets(
        'Policy',
        'hi-tech-zones-strategic-decision',
        'ISSUED_BY',
        'Organization',
        ['cpc-central-committee', 'state-council'],
        'The decision to build national hi-tech zones was made by the Central Party Committee and the State Council.',
      ),
      relParagraph(
        ['Policy', 'hi-tech-zones-strategic-decision'],
        'LED_TO',
        ['Program', SYSTEM],
        2,
        'That strategic decision led to the national hi-tech zones.',
      ),
      prop(
        'Policy',
        'hi-tech-zones-strategic-decision',
        'kind',
        'decision',
        'Building the zones was a decision.',
      ),
      alias(
        'Organization',
        'cpc-central-committee',
        'Central Party Committee',
        'The document calls the CPC Central Committee the "Central Party Committee".',
      ),
      prop(
        'Organization',
        'cpc-central-committee',
        'nameZh',
        '中共中央',
        'The CPC Central Committee is 中共中央.',
      ),
      prop('Organization', 'state-council', 'nameZh', '国务院', 'The State Council is 国务院.'),
      alias(
        'Program',
        SYSTEM,
        'national new-and high-technology industrial development zones',
        'The zones are formally "national new-and high-technology industrial development zones".',
      ),
      evidence(
        'Program',
        SYSTEM,
        2,
        'Building the zones was a major decision of strategic importance.',
        'major decision of strategic importance',
      ),
    ],
  },
  {
    paragraph: 3,
    topic:
      '1985 Decision, 1987 "Electronics Avenue" report, 1988 Torch Program and Beijing zone, 51 zones in 1991-1992',
    facts: [
      prop(
        'Policy',
        'decision-1985',
        'name',
        'Decision on the Reform of the System for Managing Science and Technology',
        'The 1985 decision is the Decision on the Reform of the System for Managing Science and Technology.',
      ),
      year('Policy', 'decision-1985', 1985, 'The Decision dates from 1985.'),
      target(
        'Policy',
        'decision-1985',
        'ISSUED_BY',
        'Organization',
        'cpc-central-committee',
        'The Central Party Committee issued the 1985 Decision.',
      ),
      relProp(
        ['Policy', 'decision-1985'],
        'ISSUED_BY',
        ['Organization', 'cpc-central-committee'],
        'year',
        1985,
        'It was issued in 1985.',
        'toInteger',
      ),
      relProp(
        ['Policy', 'decision-1985'],
        'ISSUED_BY',
        ['Organization', 'cpc-central-committee'],
        'quote',
        'In 1985, the Central Party Committee issued the Decision on the Reform of the System for Managing Science and Technology.',
        'The ISSUED_BY relationship carries the sentence that states it.',
      ),
      year('Event', 'decision-1985-issued', 1985, 'Milestone: the Decision is issued in 1985.'),
      role(
        'decision-1985-issued',
        ['Organization', 'cpc-central-committee'],
        'issuer',
        'The Central Party Committee is the issuer in that milestone.',
      ),
      evidence(
        'Policy',
        'decision-1985',
        3,
        'The Decision promoted science and technology parks in localities with enabling conditions.',
        'science and technology parks',
      ),
      target(
        'Policy',
        'electronics-avenue-report-1987',
        'ISSUED_BY',
        'Organization',
        'related-central-departments',
        'Related central departments compiled the research report on Zhongguancun\'s "Electronics Avenue".',
      ),
      year('Policy', 'electronics-avenue-report-1987', 1987, 'The report was completed by the end of 1987.'),
      prop('Policy', 'electronics-avenue-report-1987', 'kind', 'research-report', 'It is a research report.'),
      target(
        'Policy',
        'electronics-avenue-report-1987',
        'LED_TO',
        'Zone',
        'zhongguancun',
        'The report proposed the Zhongguancun Science and Technology Industrial Park.',
      ),
      year(
        'Event',
        'electronics-avenue-report-1987-completed',
        1987,
        'Milestone: the report is completed in 1987.',
      ),
      role(
        'electronics-avenue-report-1987-completed',
        ['Zone', 'zhongguancun'],
        'proposed-zone',
        'Zhongguancun is the zone the report proposed.',
      ),
      alias(
        'Zone',
        'zhongguancun',
        'Zhongguancun Science and Technology Industrial Park',
        'The report calls the park "Zhongguancun Science and Technology Industrial Park".',
      ),
      prop('Program', 'torch-program', 'nameZh', '火炬计划', 'The Torch Program is 火炬计划.'),
      alias('Program', 'torch-program', 'huoju jihua', 'Its pinyin name is huoju jihua.'),
      year('Program', 'torch-program', 1988, 'The Torch Program dates from 1988.'),
      relProp(
        ['Program', 'torch-program'],
        'APPROVED_BY',
        ['Organization', 'state-council'],
        'year',
        1988,
        'The State Council approved the Torch Program in 1988.',
        'toInteger',
      ),
      relProp(
        ['Program', 'torch-program'],
        'LAUNCHED_BY',
        ['Organization', 'state-council'],
        'year',
        1988,
        'The State Council jumpstarted (launched) the Torch Program in 1988.',
        'toInteger',
      ),
      year('Event', 'torch-program-launched-1988', 1988, 'Milestone: the Torch Program is launched in 1988.'),
      role(
        'torch-program-launched-1988',
        ['Program', SYSTEM],
        'main-focus',
        'Building hi-tech industrial development zones was a main focus of the Torch Program.',
      ),
      relProp(
        ['Zone', 'zhongguancun'],
        'ESTABLISHED_UNDER',
        ['Program', 'torch-program'],
        'year',
        1988,
        'The Beijing zone was incorporated under the Torch Program in 1988.',
        'toInteger',
      ),
      alias(
        'Zone',
        'zhongguancun',
        'Beijing New Technology Industrial Development Experimentation Zone',
        'Paragraph 3 names the Beijing zone "Beijing New Technology Industrial Development Experimentation Zone".',
      ),
      evidence(
        'Zone',
        'zhongguancun',
        3,
        'The Beijing zone was the first of such zones.',
        'It was the first of such zones',
      ),
      year('Event', 'zones-approved-1991-1992', 1991, 'Milestone: zones approved between 1991 ...'),
      prop('Event', 'zones-approved-1991-1992', 'endYear', 1992, '... and 1992.', 'toInteger'),
      role(
        'zones-approved-1991-1992',
        ['Organization', 'state-council'],
        'approver',
        'The State Council approved those zones.',
      ),
      value(
        'zones-approved-1991-1992-indicator',
        51,
        'Between 1991 and 1992, 51 national hi-tech zones were approved.',
      ),
      prop('Indicator', 'zones-approved-1991-1992-indicator', 'unit', 'zones', 'The 51 counts zones.'),
      measures(
        'zones-approved-1991-1992-indicator',
        'Program',
        SYSTEM,
        'The 51 zones figure describes the national hi-tech zone system.',
      ),
      alias('Program', SYSTEM, 'hi-tech zones', 'The document abbreviates them as "hi-tech zones".'),
    ],
  },
  {
    paragraph: 4,
    topic:
      '2009 Advice, National Innovation Demonstration Zones, Yangling 1997, Ningbo 2007, 51 upgrades and 105 zones in 2009',
    facts: [
      target(
        'Policy',
        'advice-2009',
        'ISSUED_BY',
        'Organization',
        'state-council',
        'The State Council issued the 2009 Advice.',
      ),
      relProp(
        ['Policy', 'advice-2009'],
        'ISSUED_BY',
        ['Organization', 'state-council'],
        'year',
        2009,
        'It issued the Advice in 2009.',
        'toInteger',
      ),
      year('Policy', 'advice-2009', 2009, 'The Advice dates from 2009.'),
      prop(
        'Policy',
        'advice-2009',
        'name',
        'Advice on Relying on the Role of Science and Technology to Underpin the Sound and Robust Economic Development',
        'Its title is "Advice on Relying on the Role of Science and Technology to Underpin the Sound and Robust Economic Development".',
      ),
      alias(
        'Policy',
        'advice-2009',
        'Advice on Relying on the Role of cience and Technology to Underpin the Sound and Robust Economic Development',
        'The document spells the title with the typo "cience".',
      ),
      evidence(
        'Policy',
        'advice-2009',
        4,
        'The Advice provided that national hi-tech zones should play a pooling, radiating and motivating role.',
        'pooling, radiating and motivating role',
      ),
      year('Event', 'advice-2009-issued', 2009, 'Milestone: the Advice is issued in 2009.'),
      evidence(
        'Event',
        'advice-2009-issued',
        4,
        'The Advice was a response to the international financial crisis.',
        'international financial crisis',
      ),
      alias(
        'Designation',
        'national-innovation-demonstration-zone',
        'National Innovational Demonstration Zone',
        'The document writes "National Innovational Demonstration Zone".',
      ),
      prop(
        'Designation',
        'national-innovation-demonstration-zone',
        'nameZh',
        '国家自主创新示范区',
        'In Chinese it is 国家自主创新示范区.',
      ),
      {
        says: 'Demonstration zones were set up in Zhongguancun, Zhangjiang and East Lake, each part of the generic designation.',
        cypher:
          'MATCH (d:Designation)-[:PART_OF {sourceKey: $source}]->(:Designation {key: $key}) ' +
          'WITH DISTINCT d.key AS k ORDER BY k RETURN collect(k) AS value',
        params: { key: 'national-innovation-demonstration-zone', source: SOURCE },
        expect: ['shanghai-zhangjiang-nidz', 'wuhan-east-lake-nidz', 'zhongguancun-nidz'],
      },
      {
        says: 'The State Council approved those demonstration zones.',
        cypher:
          'MATCH (d:Designation)-[:APPROVED_BY {sourceKey: $source}]->(:Organization {key: $key}) ' +
          'WITH DISTINCT d.key AS k ORDER BY k RETURN collect(k) AS value',
        params: { key: 'state-council', source: SOURCE },
        expect: ['shanghai-zhangjiang-nidz', 'wuhan-east-lake-nidz', 'zhongguancun-nidz'],
      },
      relParagraph(
        ['Zone', 'shanghai-zhangjiang'],
        'DESIGNATED_AS',
        ['Designation', 'shanghai-zhangjiang-nidz'],
        4,
        'Zhangjiang hosts a National Innovation Demonstration Zone.',
      ),
      relParagraph(
        ['Zone', 'wuhan-east-lake'],
        'DESIGNATED_AS',
        ['Designation', 'wuhan-east-lake-nidz'],
        4,
        'East Lake hosts a National Innovation Demonstration Zone.',
      ),
      targets(
        'Event',
        'demonstration-zones-approved',
        'INVOLVES',
        'Zone',
        ['shanghai-zhangjiang', 'wuhan-east-lake', 'zhongguancun'],
        'The successive approvals involved the zones of Zhongguancun, Zhangjiang and East Lake.',
        'host-zone',
      ),
      relParagraph(
        ['Zone', 'zhongguancun'],
        'LOCATED_IN',
        ['Place', 'beijing'],
        4,
        'Zhongguancun is in Beijing.',
      ),
      relParagraph(
        ['Zone', 'shanghai-zhangjiang'],
        'LOCATED_IN',
        ['Place', 'shanghai'],
        4,
        'Zhangjiang is in Shanghai.',
      ),
      relParagraph(
        ['Zone', 'wuhan-east-lake'],
        'LOCATED_IN',
        ['Place', 'wuhan'],
        4,
        'East Lake is in Wuhan.',
      ),
      relParagraph(
        ['Zone', 'yangling'],
        'LOCATED_IN',
        ['Place', 'shaanxi'],
        4,
        'Yangling is in Shaanxi province.',
      ),
      relParagraph(
        ['Zone', 'ningbo'],
        'LOCATED_IN',
        ['Place', 'zhejiang'],
        4,
        'Ningbo is in Zhejiang province.',
      ),
      relProp(
        ['Zone', 'yangling'],
        'DESIGNATED_AS',
        ['Designation', 'provincial-hi-tech-zone'],
        'until',
        1997,
        'Yangling was a provincial-level zone until 1997.',
        'toInteger',
      ),
      relProp(
        ['Zone', 'yangling'],
        'DESIGNATED_AS',
        ['Designation', 'national-hi-tech-zone'],
        'since',
        1997,
        'Yangling was given national status in 1997.',
        'toInteger',
      ),
      relProp(
        ['Zone', 'ningbo'],
        'DESIGNATED_AS',
        ['Designation', 'provincial-hi-tech-zone'],
        'until',
        2007,
        'Ningbo was a provincial-level zone until 2007.',
        'toInteger',
      ),
      relProp(
        ['Zone', 'ningbo'],
        'DESIGNATED_AS',
        ['Designation', 'national-hi-tech-zone'],
        'since',
        2007,
        'Ningbo was given national status in 2007.',
        'toInteger',
      ),
      year(
        'Event',
        'yangling-raised-to-national-1997',
        1997,
        'Milestone: Yangling becomes national in 1997.',
      ),
      year('Event', 'ningbo-raised-to-national-2007', 2007, 'Milestone: Ningbo becomes national in 2007.'),
      value(
        'provincial-zones-elevated-2009-indicator',
        51,
        'Another 51 provincial zones were elevated to national level ...',
      ),
      year('Indicator', 'provincial-zones-elevated-2009-indicator', 2009, '... in 2009.'),
      year(
        'Event',
        'provincial-zones-elevated-2009',
        2009,
        'Milestone: the 2009 upgrade of 51 provincial zones.',
      ),
      role(
        'provincial-zones-elevated-2009',
        ['Organization', 'state-council'],
        'approver',
        'The State Council accelerated raising the status of provincial zones.',
      ),
      value('national-zones-total-2009', 105, 'The total number of national hi-tech zones reached 105 ...'),
      year('Indicator', 'national-zones-total-2009', 2009, '... in 2009.'),
      measures('national-zones-total-2009', 'Program', SYSTEM, 'The total of 105 describes the zone system.'),
      year(
        'Event',
        'national-zone-total-reaches-105-2009',
        2009,
        'Milestone: the total reaches 105 in 2009.',
      ),
      role(
        'national-zone-total-reaches-105-2009',
        ['Indicator', 'national-zones-total-2009'],
        'figure',
        'The milestone is tied to the figure 105.',
      ),
    ],
  },
  {
    paragraph: 5,
    topic: 'Two decades of reform, opening up and home-grown innovation',
    facts: [
      value('development-period', 2, 'The zones have developed over the past two decades.'),
      prop('Indicator', 'development-period', 'unit', 'decades', 'The period is counted in decades.'),
      prop(
        'Indicator',
        'development-period',
        'qualifier',
        'over the past',
        'The document says "over the past" two decades.',
      ),
      evidence(
        'Program',
        SYSTEM,
        5,
        "The zones are a main launching pad for China's new and hi-tech industries.",
        'launching pad',
      ),
    ],
  },
  {
    paragraph: 6,
    topic: 'Heading 1: reform to build a new type of industrial park',
    facts: [evidence('Program', SYSTEM, 6, 'The first key feature: hinged on reform.', 'Hinged on reform')],
  },
  {
    paragraph: 7,
    topic: 'Institutional innovation as important as technological innovation',
    facts: [
      evidence(
        'Program',
        SYSTEM,
        7,
        'Institutional innovation is treated as equally important as technological innovation.',
        'equally important',
      ),
    ],
  },
  {
    paragraph: 8,
    topic: '"Small government and big service", finance and international platforms',
    facts: [
      evidence(
        'Program',
        SYSTEM,
        8,
        'The zones follow the philosophy of "small government and big service".',
        'small government and big service',
      ),
      evidence(
        'Program',
        SYSTEM,
        8,
        'The zones provide seed funding, venture capital and loan guarantees.',
        'seed funding',
      ),
    ],
  },
  {
    paragraph: 9,
    topic: 'Heading 2: innovation in the business community',
    facts: [
      evidence(
        'Program',
        SYSTEM,
        9,
        'The second key feature: motivating innovation.',
        'Motivating innovations',
      ),
    ],
  },
  {
    paragraph: 10,
    topic: 'The zones as the innovation frontier',
    facts: [
      evidence(
        'Program',
        SYSTEM,
        10,
        'National hi-tech zones have been the innovation frontier.',
        'innovation frontier',
      ),
    ],
  },
  {
    paragraph: 11,
    topic:
      'R&D and patents in 2012, breakthroughs, innovation infrastructure, enterprises, companies and clusters',
    facts: [
      value('rd-funds-2012', 274.91, 'In 2012 R&D funds in the zones totaled 274.91 billion yuan ...'),
      prop('Indicator', 'rd-funds-2012', 'unit', 'billion yuan', '... counted in billion yuan ...'),
      share('rd-funds-2012', 0.356, '... or 35.6% of the national R&D funds ...'),
      year('Indicator', 'rd-funds-2012', 2012, '... in 2012.'),
      measures(
        'rd-funds-2012',
        'Program',
        SYSTEM,
        'The R&D funds figure describes all national hi-tech zones.',
      ),
      value('rd-to-output-ratio-2012', 0.052, 'The ratio of R&D inputs to total output value was 5.2% ...'),
      prop('Indicator', 'rd-to-output-ratio-2012', 'unit', 'share', '... a percentage, as a 0–1 share.'),
      value('rd-to-output-ratio-vs-national-2012', 1.7, 'That ratio was 1.7 times the national average ...'),
      prop(
        'Indicator',
        'rd-to-output-ratio-vs-national-2012',
        'comparison',
        'national average',
        '... compared with the national average.',
      ),
      value(
        'invention-patents-granted-2012',
        42500,
        'In 2012, 42,500 invention patents were granted in the zones ...',
      ),
      share('invention-patents-granted-2012', 0.196, '... 19.6% of the national total that year.'),
      year('Indicator', 'invention-patents-granted-2012', 2012, 'The patent count is for 2012.'),
      value(
        'invention-patents-per-10000-professionals-2012',
        107.5,
        'Every 10,000 professionals own 107.5 invention patents ...',
      ),
      value(
        'invention-patents-per-10000-professionals-vs-national-2012',
        8.4,
        '... 8.4 times the national average ...',
      ),
      value('invention-patents-per-10000-professionals-national-2012', 11.4, '... which is 11.4 per 10,000.'),
      relProp(
        ['Indicator', 'invention-patents-per-10000-professionals-national-2012'],
        'MEASURES',
        ['Place', 'china'],
        'role',
        'national-benchmark',
        'The 11.4 is the national benchmark the zones are compared with: it measures the country.',
      ),
      targets(
        'Program',
        SYSTEM,
        'SPECIALIZES_IN',
        'Technology',
        [
          '3g-4g-technologies-and-standards',
          'artificial-nonlinear-crystal',
          'avian-flu-vaccine',
          'chinese-language-information-processing',
          'fuel-cell-technology',
          'high-efficiency-broadband-information-network',
          'high-performance-computing',
          'mems-based-sensors',
          'nano-materials',
          'quantum-communication',
          'smart-robots',
        ],
        'Breakthroughs were made in eleven fields, from high-performance computing to fuel cell technology.',
        'breakthrough',
      ),
      prop(
        'Technology',
        'avian-flu-vaccine',
        'name',
        'Vaccine for human infection with avian flu',
        'One field is a vaccine for human avian flu infection.',
      ),
      value('incubators', 739, 'The zones are home to 739 incubators for technology-based enterprises.'),
      value(
        'national-university-science-parks',
        50,
        'They host 50 national university-sponsored science parks.',
      ),
      value('technology-transfer-institutions', 441, 'They host 441 technology transfer institutions.'),
      value('productivity-promotion-centers', 175, 'They host 175 productivity promotion centers.'),
      value(
        'product-inspection-organizations',
        732,
        'They host 732 state-authorised product inspection organisations.',
      ),
      value(
        'strategic-alliances',
        504,
        'They host 504 strategic alliances of industrial and technological innovation.',
      ),
      measures('incubators', 'Program', SYSTEM, 'The incubator count describes the zone system.'),
      value(
        'companies-with-assets-over-100-million-yuan',
        13000,
        'The zones produced 13,000 companies with assets over 100 million yuan ...',
      ),
      prop(
        'Indicator',
        'companies-with-assets-over-100-million-yuan',
        'qualifier',
        'more than',
        '... more than 13,000.',
      ),
      value('tech-based-enterprises', 18000, 'They produced 18,000 tech-based enterprises ...'),
      prop('Indicator', 'tech-based-enterprises', 'qualifier', 'about', '... about 18,000.'),
      value('listed-companies', 1000, 'They produced 1,000 publicly traded companies ...'),
      prop('Indicator', 'listed-companies', 'qualifier', 'over', '... over 1,000.'),
      value('new-business-ventures-2012', 65000, '65,000 new business ventures were registered ...'),
      year('Indicator', 'new-business-ventures-2012', 2012, '... in 2012 alone.'),
      targets(
        'Event',
        'companies-rose-to-global-prominence',
        'INVOLVES',
        'Company',
        ['alibaba', 'baidu', 'huawei', 'lenovo', 'tencent', 'zoomlion', 'zte'],
        'Huawei, ZTE, Lenovo, Alibaba, Baidu, Tencent and Zoomlion started in hi-tech zones and rose to global prominence.',
        'started-in-hi-tech-zones',
      ),
      evidence('Company', 'alibaba', 11, 'Alibaba is named (spelt "libaba" in the document).', 'libaba'),
      {
        says: 'The document does not say which zone each company started in, so it states no ORIGINATED_IN.',
        cypher: 'MATCH (:Company)-[r:ORIGINATED_IN {sourceKey: $source}]->() RETURN count(r) AS value',
        params: { source: SOURCE },
        expect: 0,
      },
      target(
        'IndustryCluster',
        'zhongguancun-chip-design',
        'LOCATED_IN',
        'Zone',
        'zhongguancun',
        "There is a chip design cluster in Beijing's Zhongguancun.",
      ),
      target(
        'IndustryCluster',
        'zhongguancun-chip-design',
        'SPECIALIZES_IN',
        'Technology',
        'chip-design',
        'That cluster does chip design.',
      ),
      target(
        'IndustryCluster',
        'zhangjiang-integrated-circuit-manufacturing',
        'LOCATED_IN',
        'Zone',
        'shanghai-zhangjiang',
        "There is an integrated circuit manufacturing cluster in Shanghai's Zhangjiang.",
      ),
      target(
        'IndustryCluster',
        'zhangjiang-integrated-circuit-manufacturing',
        'SPECIALIZES_IN',
        'Technology',
        'integrated-circuit-manufacturing',
        'That cluster does integrated circuit manufacturing.',
      ),
      target(
        'IndustryCluster',
        'east-lake-optical-communications',
        'LOCATED_IN',
        'Zone',
        'wuhan-east-lake',
        "There is an optical communications cluster in Wuhan's East Lake.",
      ),
      target(
        'IndustryCluster',
        'east-lake-optical-communications',
        'SPECIALIZES_IN',
        'Technology',
        'optical-communications',
        'That cluster does optical communications.',
      ),
      target(
        'IndustryCluster',
        'shenzhen-telecommunications',
        'LOCATED_IN',
        'Zone',
        'shenzhen',
        "There is a telecommunications cluster in Guangdong's Shenzhen.",
      ),
      target(
        'IndustryCluster',
        'shenzhen-telecommunications',
        'SPECIALIZES_IN',
        'Technology',
        'telecommunications',
        'That cluster does telecommunications.',
      ),
      relParagraph(
        ['Zone', 'shenzhen'],
        'LOCATED_IN',
        ['Place', 'shenzhen-place'],
        11,
        'The Shenzhen zone is in Shenzhen ...',
      ),
      relParagraph(
        ['Place', 'shenzhen-place'],
        'PART_OF',
        ['Place', 'guangdong'],
        11,
        '... which is in Guangdong ("Gungdong" in the document).',
      ),
      alias(
        'Zone',
        'zhongguancun',
        'Zhongguancun Hi-tech Zone',
        'The document also says "Zhongguancun Hi-tech Zone".',
      ),
      evidence(
        'IndustryCluster',
        'east-lake-optical-communications',
        11,
        'The clusters have reached a desirable scale and international competitiveness.',
        'international competitiveness',
      ),
    ],
  },
  {
    paragraph: 12,
    topic: 'Heading 3: scientific development, restructuring and growth mode transition',
    facts: [
      evidence(
        'Program',
        SYSTEM,
        12,
        'The third key feature: scientific development.',
        'Adhering to scientific development',
      ),
    ],
  },
  {
    paragraph: 13,
    topic: 'A new path of industrialization',
    facts: [
      evidence(
        'Program',
        SYSTEM,
        13,
        'The zones break a new, intensive, efficient and environmentally friendly path of industrialization.',
        'new path of industrialization',
      ),
    ],
  },
  {
    paragraph: 14,
    topic: 'Revenue, exports, taxes and share of city industrial output',
    facts: [
      value(
        'total-revenue-2012',
        16596,
        'In 2012 the zones realized a total revenue of 16,596 billion yuan.',
      ),
      year('Indicator', 'total-revenue-2012', 2012, 'The revenue figure is for 2012.'),
      value('export-earnings-2012', 376.04, 'Export earnings were $376.04 billion ...'),
      prop('Indicator', 'export-earnings-2012', 'unit', 'billion US dollars', '... in US dollars ...'),
      share('export-earnings-2012', 0.184, '... 18.4% of the national total export earnings.'),
      value('tax-revenue-2012', 968, 'Tax revenues from the zones totaled 968 billion yuan ...'),
      prop('Indicator', 'tax-revenue-2012', 'qualifier', 'over', '... over 968 billion.'),
      value('zones-over-30-percent-of-city-industrial-output-2012', 12, '12 zones contributed ...'),
      threshold(
        'zones-over-30-percent-of-city-industrial-output-2012',
        0.3,
        "... over 30% of their city's industrial output.",
      ),
      value('zones-over-20-percent-of-city-industrial-output-2012', 30, '30 zones contributed ...'),
      threshold('zones-over-20-percent-of-city-industrial-output-2012', 0.2, '... more than 20%.'),
      value('zones-over-50-percent-of-city-industrial-output-2012', 2, 'Two zones contributed ...'),
      threshold('zones-over-50-percent-of-city-industrial-output-2012', 0.5, '... more than 50%.'),
      measures(
        'export-earnings-2012',
        'Program',
        SYSTEM,
        'The export figure describes all national hi-tech zones.',
      ),
    ],
  },
  {
    paragraph: 15,
    topic: 'Land use, emerging industries and pilot projects (EV, LED, Golden Sun, Triple Play, Smart City)',
    facts: [
      evidence(
        'Program',
        SYSTEM,
        15,
        'The zones dwarf other places in land use efficiency.',
        'dwarf other places',
      ),
      targets(
        'Program',
        SYSTEM,
        'SPECIALIZES_IN',
        'Technology',
        ['cultural-creativity', 'health-management', 'outsourcing', 'research-and-development'],
        'Emerging industries of cultural creativity, R&D, outsourcing and health management are mushrooming in the zones.',
        'emerging-industry',
      ),
      relProp(
        ['Program', SYSTEM],
        'SPECIALIZES_IN',
        ['Technology', 'energy-conservation-and-environmental-protection'],
        'role',
        'applied-achievements',
        'Achievements in energy conservation and environmental protection are promptly put into practice.',
      ),
      prop(
        'Program',
        'electric-vehicle-pilot',
        'target',
        'add 1,000 new-energy vehicles in 10 cities',
        'The electric vehicle pilot plans to add 1,000 new-energy vehicles in 10 cities.',
      ),
      value('ev-pilot-target-vehicles', 1000, 'Its target is 1,000 vehicles ...'),
      measures(
        'ev-pilot-target-vehicles',
        'Program',
        'electric-vehicle-pilot',
        '... a target of the EV pilot ...',
      ),
      value('ev-pilot-target-cities', 10, '... in 10 cities.'),
      prop(
        'Program',
        'led-lighting-pilot',
        'target',
        'add 10,000 LED lighting devices in 10 cities',
        'The LED pilot sets out to add 10,000 LED lighting devices in 10 cities.',
      ),
      value('led-pilot-target-devices', 10000, 'Its target is 10,000 LED lighting devices ...'),
      measures('led-pilot-target-cities', 'Program', 'led-lighting-pilot', '... in cities ...'),
      value('led-pilot-target-cities', 10, '... 10 of them.'),
      target(
        'Program',
        'electric-vehicle-pilot',
        'SPECIALIZES_IN',
        'Technology',
        'new-energy-vehicles',
        'The electric vehicle pilot is about new-energy vehicles.',
      ),
      target(
        'Program',
        'led-lighting-pilot',
        'SPECIALIZES_IN',
        'Technology',
        'led-lighting',
        'The LED pilot is about LED devices for lighting.',
      ),
      target(
        'Program',
        'golden-sun',
        'SPECIALIZES_IN',
        'Technology',
        'photovoltaic-power-generation',
        'Golden Sun promotes photovoltaic power generation demonstrations.',
      ),
      target(
        'Program',
        'triple-play',
        'SPECIALIZES_IN',
        'Technology',
        'network-convergence',
        'Triple Play converges telecommunications, broadcasting and internet networks.',
      ),
      prop('Program', 'smart-city', 'name', 'Smart City', 'Smart City is one of the projects.'),
      targets(
        'Event',
        'pilot-projects-made-zones-national-models',
        'INVOLVES',
        'Program',
        ['electric-vehicle-pilot', 'golden-sun', 'led-lighting-pilot', 'smart-city', 'triple-play'],
        'Implementing these five projects made the hi-tech zones national models.',
        'pilot-project',
      ),
    ],
  },
  {
    paragraph: 16,
    topic: 'Heading 4: talents and an innovative business culture',
    facts: [
      evidence(
        'Program',
        SYSTEM,
        16,
        'The fourth key feature: a favourable environment for talents.',
        'favorable environment for talents',
      ),
    ],
  },
  {
    paragraph: 17,
    topic: 'Zhongguancun 1988 and 2009, talent policies and programs, employees in 2012',
    facts: [
      relProp(
        ['Zone', 'zhongguancun'],
        'APPROVED_BY',
        ['Organization', 'state-council'],
        'date',
        '1988-05',
        'In May 1988 the State Council approved the Beijing New Technology Industry Development Experimentation Zone.',
      ),
      prop(
        'Event',
        'beijing-zone-approved-1988',
        'date',
        '1988-05',
        'Milestone: the Beijing zone is approved in May 1988.',
      ),
      role(
        'beijing-zone-approved-1988',
        ['Zone', 'zhongguancun'],
        'approved-zone',
        'The zone approved then is Zhongguancun.',
      ),
      alias(
        'Zone',
        'zhongguancun',
        'Zhongguancun Science Park',
        'It was also known as Zhongguancun Science Park.',
      ),
      alias(
        'Zone',
        'zhongguancun',
        'Beijing New Technology Industry Development Experimentation Zone',
        'Paragraph 17 names it "Beijing New Technology Industry Development Experimentation Zone".',
      ),
      relProp(
        ['Zone', 'zhongguancun'],
        'DESIGNATED_AS',
        ['Designation', 'national-hi-tech-zone'],
        'since',
        1988,
        'It was the first such high technology park in China, from 1988.',
        'toInteger',
      ),
      relProp(
        ['Designation', 'zhongguancun-nidz'],
        'APPROVED_BY',
        ['Organization', 'state-council'],
        'date',
        '2009-03-13',
        'On 13 March 2009 the State Council approved the Zhongguancun National Innovational Demonstration Zone.',
      ),
      prop(
        'Event',
        'zhongguancun-nidz-started-2009',
        'date',
        '2009-03-13',
        'Milestone: the Zhongguancun demonstration zone starts on 13 March 2009.',
      ),
      relProp(
        ['Zone', 'zhongguancun'],
        'DESIGNATED_AS',
        ['Designation', 'zhongguancun-nidz'],
        'since',
        2009,
        'It was built on the basis of Zhongguancun Science Park, which holds it since 2009.',
        'toInteger',
      ),
      alias(
        'Designation',
        'zhongguancun-nidz',
        'Zhongguancun National Innovational Demonstration Zone',
        'The document calls it "Zhongguancun National Innovational Demonstration Zone".',
      ),
      evidence(
        'Designation',
        'zhongguancun-nidz',
        17,
        "It was China's first national demonstration zone for homegrown innovation.",
        "China's first national demonstration zone for homegrown innovation",
      ),
      value(
        'special-talent-policies',
        100,
        'The zones launched one hundred special policies for international talents ...',
      ),
      prop('Indicator', 'special-talent-policies', 'qualifier', 'more than', '... more than one hundred.'),
      value(
        'high-level-personnel-innovation-centers',
        25,
        '25 national zones are named National High-Level Personnel Innovation Centers.',
      ),
      measures(
        'high-level-personnel-innovation-centers',
        'Designation',
        'national-high-level-personnel-innovation-center',
        'The 25 counts holders of the National High-Level Personnel Innovation Center title.',
      ),
      value(
        'global-experts-recruited',
        1725,
        '1,725 experts in the zones were recruited into the Recruitment Program of Global Experts.',
      ),
      targets(
        'Indicator',
        'global-experts-recruited',
        'MEASURES',
        'Program',
        [SYSTEM, 'recruitment-program-of-global-experts'],
        'The 1,725 experts are recruits of the Recruitment Program of Global Experts, within all national hi-tech zones.',
      ),
      evidence(
        'Program',
        'recruitment-program-of-global-experts',
        17,
        'Most talents recruited under the program come from national hi-tech zones.',
        'The majority of talents',
      ),
      value('employees-2012', 12695, 'By 2012 the zones employ 12,695 thousand people.'),
      prop('Indicator', 'employees-2012', 'unit', 'thousand people', 'Employees are counted in thousands.'),
      year('Indicator', 'employees-2012', 2012, 'The employee count is as of 2012.'),
      value(
        'technological-development-employees-2012',
        2236,
        '2,236 thousand of them engage in technological development ...',
      ),
      share('technological-development-employees-2012', 0.176, '... 17.6% of all employees.'),
      value(
        'employees-junior-college-or-above-2012',
        0.51,
        '51% of employees hold a junior college diploma or higher (a 0–1 share).',
      ),
      value('employees-masters-degree-2012', 558, "558 thousand employees have master's degrees."),
      value('employees-doctorate-2012', 63000, '63,000 employees have doctorates.'),
      value('employees-educated-overseas-2012', 82000, '82,000 employees were educated overseas.'),
      value(
        'new-college-graduates-employed-2012',
        459000,
        'In 2012 the zones employed 459,000 new college graduates ...',
      ),
      year('Indicator', 'new-college-graduates-employed-2012', 2012, '... in 2012.'),
    ],
  },
  {
    paragraph: 18,
    topic: 'The spirit of innovation, entrepreneurship, dedication and excellence',
    facts: [
      evidence(
        'Program',
        SYSTEM,
        18,
        'The spirit of "innovation, entrepreneurship, dedication and excellence" is formed in the zones.',
        'dedication and excellence',
      ),
    ],
  },
  {
    paragraph: 19,
    topic: 'Two decades of achievement and their significance',
    facts: [
      evidence(
        'Program',
        SYSTEM,
        19,
        'Two decades of achievements attest to successful industrial policies.',
        'two decades of their robust development',
      ),
    ],
  },
];
