// Every dated fact, one row each: milestones, policies issued, programs launched, companies founded,
// zones becoming national, designations granted. $fromYear/$toYear may be null; $labels narrows the
// kinds of entity a row must involve (empty: all). A fact an Event of the same year already tells
// (the Event INVOLVES the policy, program, company, zone, or the zone and its designation) is that
// Event's row only: the 1985 Decision, the Torch Program and the 2009 Advice appear once.
// A zone's national status (its approvedYear) is told by one row, the most specific first
// (docs/ontology.md, "Timeline: one row per fact"): an Event of that year about that zone alone (rank
// 0), else its approval batch (the generated Event `zone-approvals-YYYY-MM`, batchEventKey in
// reference-tables.ts, rank 1; a curated event may give its zone the role 'approved-zone' too), else an Event about
// several zones (the 2009 elevation, rank 2), else the approval document (a Policy that LED_TO it), else the
// generated "Becomes a national hi-tech zone" row. A batch or group Event lists only the zones no
// better Event of its year tells, and is left out when none is left.
CALL () {
  MATCH (e:Event) WHERE e.year IS NOT NULL
  OPTIONAL MATCH (e)-[:INVOLVES]->(x)
  WITH e, collect(DISTINCT x) AS involved,
       CASE WHEN e.key STARTS WITH 'zone-approvals-' THEN 1
            WHEN COUNT { (e)-[:INVOLVES]->(:Zone) } > 1 THEN 2 ELSE 0 END AS rank
  WITH e, rank, [x IN involved WHERE rank = 0 OR NOT x:Zone OR NOT EXISTS {
         MATCH (x)<-[:INVOLVES]-(ev:Event) WHERE ev.year = e.year AND ev <> e
           AND CASE WHEN ev.key STARTS WITH 'zone-approvals-' THEN 1
                    WHEN COUNT { (ev)-[:INVOLVES]->(:Zone) } > 1 THEN 2 ELSE 0 END < rank
       }] AS shown
  WHERE rank = 0 OR any(x IN shown WHERE x:Zone)
  RETURN e.year AS year, e.date AS date, e.name AS title, [e] + shown AS entities
  UNION ALL
  MATCH (p:Policy) WHERE p.year IS NOT NULL
    AND NOT EXISTS { MATCH (ev:Event)-[:INVOLVES]->(p) WHERE ev.year = p.year }
  OPTIONAL MATCH (p)-[:LED_TO]->(z:Zone) WHERE z.approvedYear = p.year
  WITH p, collect(DISTINCT z) AS approved
  // an approval document: the zones it made national that year and no Event of that year tells
  WITH p, approved, [z IN approved WHERE NOT EXISTS {
         MATCH (ev:Event)-[:INVOLVES]->(z) WHERE ev.year = p.year }] AS untold
  WHERE size(approved) = 0 OR size(untold) > 0
  OPTIONAL MATCH (p)-[:ISSUED_BY]->(o:Organization)
  WITH p, untold, collect(DISTINCT o) AS issuers
  RETURN p.year AS year, p.date AS date, 'Issued: ' + p.name AS title, [p] + issuers + untold AS entities
  UNION ALL
  MATCH (g:Program) WHERE g.year IS NOT NULL
    AND NOT EXISTS { MATCH (ev:Event)-[:INVOLVES]->(g) WHERE ev.year = g.year }
  RETURN g.year AS year, g.date AS date, 'Launched: ' + g.name AS title, [g] AS entities
  UNION ALL
  MATCH (c:Company) WHERE c.foundedYear IS NOT NULL
    AND NOT EXISTS { MATCH (ev:Event)-[:INVOLVES]->(c) WHERE ev.year = c.foundedYear }
  RETURN c.foundedYear AS year, null AS date, 'Founded: ' + c.name AS title, [c] AS entities
  UNION ALL
  MATCH (z:Zone) WHERE z.approvedYear IS NOT NULL
    AND NOT EXISTS { MATCH (ev:Event)-[:INVOLVES]->(z) WHERE ev.year = z.approvedYear }
    AND NOT EXISTS { MATCH (p:Policy)-[:LED_TO]->(z) WHERE p.year = z.approvedYear }
  RETURN z.approvedYear AS year, z.approvedDate AS date, 'Becomes a national hi-tech zone: ' + z.name AS title, [z] AS entities
  UNION ALL
  MATCH (z:Zone)-[r:DESIGNATED_AS]->(d:Designation)
  WHERE r.since IS NOT NULL AND d.key <> 'national-hi-tech-zone'
  WITH z, d, min(r.since) AS year, min(r.date) AS date
  WHERE NOT EXISTS { MATCH (z)<-[:INVOLVES]-(ev:Event)-[:INVOLVES]->(d) WHERE ev.year = year }
  RETURN year, date, z.name + ' designated: ' + d.name AS title, [z, d] AS entities
}
WITH year, date, title, entities
WHERE ($fromYear IS NULL OR year >= $fromYear) AND ($toYear IS NULL OR year <= $toYear)
  AND (size($labels) = 0 OR any(n IN entities WHERE any(l IN labels(n) WHERE l IN $labels)))
RETURN year, date, title, [n IN entities | n {.*, __labels: labels(n)}] AS entities
ORDER BY year, coalesce(date, toString(year)), title
