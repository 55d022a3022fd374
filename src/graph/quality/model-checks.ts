/**
 * Checks of the model for the data-quality report (`npm run check:data` calls them; each returns
 * what it found, never throws for a finding): keys unique across labels, no duplicate timeline
 * entries, every disagreement between sources kept as separate sourced values.
 */
import type { Executor } from '../../neo4j/executor.ts';
import { namedQuery } from '../../neo4j/named-queries.ts';
import type { Plain } from '../../neo4j/values.ts';
import { ENTITY_LABEL } from '../entity-keys.ts';
import { CLAIM_RELATIONSHIP, LABELS } from '../ontology.ts';

export interface CheckResult {
  /** What is checked, as the report prints it. */
  name: string;
  ok: boolean;
  /** One line per finding (empty when ok). */
  problems: string[];
}

type Reader = Pick<Executor, 'read'>;

const result = (name: string, problems: string[]): CheckResult => ({
  name,
  ok: problems.length === 0,
  problems,
});

/** Every node of the ontology is an Entity, and no key names two nodes. */
export async function checkKeysUniqueAcrossLabels(executor: Reader): Promise<CheckResult> {
  const unlabelled = await executor.read(
    `MATCH (n) WHERE NOT n:${ENTITY_LABEL} AND any(l IN labels(n) WHERE l IN $labels)
     RETURN [l IN labels(n) WHERE l IN $labels][0] + ':' + n.key AS ref ORDER BY ref LIMIT 50`,
    { labels: LABELS },
  );
  const shared = await executor.read(
    `MATCH (n:${ENTITY_LABEL})
     WITH n.key AS key, collect([l IN labels(n) WHERE l IN $labels][0]) AS labels WHERE size(labels) > 1
     RETURN key, labels ORDER BY key LIMIT 50`,
    { labels: LABELS },
  );
  // A former key names one node: not two former holders, nor a former and a current holder of one label.
  const formerShared = await executor.read(
    `MATCH (n:${ENTITY_LABEL}) WHERE n.formerKeys IS NOT NULL
     UNWIND n.formerKeys AS former
     WITH former, collect([l IN labels(n) WHERE l IN $labels][0] + ':' + n.key) AS holders
     OPTIONAL MATCH (now:${ENTITY_LABEL} {key: former})
     WITH former, holders, [l IN labels(now) WHERE l IN $labels][0] AS nowLabel, now.key AS nowKey
     WITH former, holders,
          [h IN holders WHERE nowLabel IS NOT NULL AND h STARTS WITH nowLabel + ':' AND h <> nowLabel + ':' + nowKey] AS sameLabel,
          nowLabel + ':' + nowKey AS current
     WHERE size(holders) > 1 OR size(sameLabel) > 0
     RETURN former, holders, CASE WHEN size(sameLabel) > 0 THEN current END AS current
     ORDER BY former LIMIT 50`,
    { labels: LABELS },
  );
  return result('keys unique across labels', [
    ...unlabelled.map((r) => `${r.ref} has no ${ENTITY_LABEL} label (the start-up migration adds it)`),
    ...shared.map((r) => `key "${r.key}" names ${(r.labels as string[]).join(' and ')}`),
    ...formerShared.map(
      (r) =>
        `former key "${r.former}" names ${[...(r.holders as string[]), ...(r.current ? [`${r.current} (its key)`] : [])].join(' and ')}: a former key must name one node`,
    ),
  ]);
}

interface TimelineRow {
  year: number;
  title: string;
  entities: { key: string; __labels: string[]; approvedYear?: unknown }[];
}

/**
 * The zones whose national status a row tells: the zones it involves whose approvedYear is the row's
 * year (a batch event, a curated event, an approval reply, the generated row), but not a designation
 * row (a zone and another designation) — rows with different entity sets can tell one such fact.
 */
function zonesBecomingNational(row: TimelineRow): string[] {
  const [first, ...rest] = row.entities;
  if (first?.__labels.includes('Zone') && rest.some((e) => e.__labels.includes('Designation'))) return [];
  return row.entities
    .filter((e) => e.__labels.includes('Zone') && e.approvedYear != null)
    .filter((e) => Number(e.approvedYear) === Number(row.year))
    .map((e) => e.key);
}

/**
 * No fact twice in the timeline: no two entries of one year about the same entities, no entry whose
 * subject (its first entity) an Event entry of its year already involves, and no zone's national
 * status told by two entries (whatever else they involve).
 */
export async function checkTimelineWithoutDuplicates(executor: Reader): Promise<CheckResult> {
  const rows = (await executor.read(namedQuery('timeline'), {
    fromYear: null,
    toYear: null,
    labels: [],
  })) as unknown as TimelineRow[];
  const problems: string[] = [];
  const subject = (row: TimelineRow) => row.entities[0]?.key ?? '';
  const isEvent = (row: TimelineRow) => row.entities[0]?.__labels.includes('Event') ?? false;
  const seen = new Map<string, string>();
  for (const row of rows) {
    // One fact: one year and the same entities (a zone's designation is not its national status).
    const id = `${Number(row.year)}|${row.entities
      .map((e) => e.key)
      .sort()
      .join(',')}`;
    const twin = seen.get(id);
    if (twin) problems.push(`${Number(row.year)}: "${row.title}" repeats "${twin}"`);
    seen.set(id, row.title);
  }
  for (const row of rows.filter((r) => !isEvent(r))) {
    const told = rows.find(
      (e) =>
        isEvent(e) &&
        Number(e.year) === Number(row.year) &&
        e.entities.slice(1).some((x) => x.key === subject(row)) &&
        // a designation entry is told by an event involving its zone and its designation
        row.entities.slice(1).every((x) => e.entities.some((y) => y.key === x.key)),
    );
    if (told) problems.push(`${Number(row.year)}: "${row.title}" is already the event "${told.title}"`);
  }
  const national = new Map<string, string>();
  for (const row of rows) {
    for (const zone of zonesBecomingNational(row)) {
      const id = `${Number(row.year)}|${zone}`;
      const twin = national.get(id);
      if (twin && twin !== row.title)
        problems.push(
          `${Number(row.year)}: ${zone} becoming national is told by "${row.title}" and "${twin}"`,
        );
      national.set(id, row.title);
    }
  }
  return result('no duplicate timeline entries', problems);
}

/**
 * Every property sources disagree on keeps each value as a claim (STATED_IN) with its source: at
 * least two values, exactly one headline, the headline equal to the property's value, and each claim
 * with a quote or a note saying why none. `expected` lists "Label:key.property" that must disagree
 * (the known conflicts); every property with claims is checked.
 */
export async function checkDisagreementsKept(
  executor: Reader,
  expected: readonly string[] = KNOWN_DISAGREEMENTS,
): Promise<CheckResult> {
  const rows = await executor.read(
    `MATCH (n:${ENTITY_LABEL})-[c:${CLAIM_RELATIONSHIP}]->(s:Source)
     WITH n, c.property AS property, collect(c {.value, .headline, .quote, .note, source: s.key}) AS claims
     RETURN [l IN labels(n) WHERE l IN $labels][0] + ':' + n.key + '.' + property AS ref,
            n[property] AS held, claims`,
    { labels: LABELS },
  );
  const problems: string[] = [];
  const found = new Map(rows.map((r) => [String(r.ref), r]));
  for (const ref of expected) {
    const row = found.get(ref);
    const values = new Set(((row?.claims ?? []) as Record<string, Plain>[]).map((c) => String(c.value)));
    if (values.size < 2)
      problems.push(`${ref}: the sources disagree, but ${values.size} value(s) are kept as claims`);
  }
  for (const row of rows) {
    const claims = row.claims as Record<string, Plain>[];
    const headlines = claims.filter((c) => c.headline === true);
    const headlineValues = new Set(headlines.map((c) => String(c.value)));
    if (headlineValues.size !== 1)
      problems.push(`${row.ref}: ${headlineValues.size} headline values (${[...headlineValues].join(', ')})`);
    else if (String(row.held) !== [...headlineValues][0])
      problems.push(
        `${row.ref}: holds ${String(row.held)}, but its headline claim says ${[...headlineValues][0]}`,
      );
    for (const c of claims.filter((c) => !c.quote && !c.note))
      problems.push(
        `${row.ref} = ${String(c.value)} (${c.source}): neither a quote nor a note saying why none`,
      );
  }
  return result('every disagreement kept as separate sourced values', problems);
}

/** The conflicts the reference notes name (data/reference/NOTES.md, "Conflicts between sources"). */
export const KNOWN_DISAGREEMENTS: readonly string[] = [
  'Zone:shenzhen.approvedYear',
  'Zone:taiyuan.approvedYear',
  'Zone:zhongshan-torch.approvedYear',
  'Zone:chengde.approvedDate',
  'Company:huawei.foundedYear',
];

/** All the model's checks, in the report's order. */
export async function modelChecks(executor: Reader): Promise<CheckResult[]> {
  return [
    await checkKeysUniqueAcrossLabels(executor),
    await checkTimelineWithoutDuplicates(executor),
    await checkDisagreementsKept(executor),
  ];
}
