// Every dated fact, one row each: milestones, policies issued, programs launched, companies founded,
// zones becoming national, designations granted. $fromYear/$toYear may be null; $labels narrows the
// kinds of entity a row must involve (empty: all). A fact an Event of the same year already tells
// (the Event INVOLVES the policy, program, company, zone, or the zone and its designation) is that
// Event's row only: the 1985 Decision, the Torch Program and the 2009 Advice appear once.
CALL () {
  MATCH (e:Event) WHERE e.year IS NOT NULL
  OPTIONAL MATCH (e)-[:INVOLVES]->(x)
  WITH e, collect(DISTINCT x) AS involved
  RETURN e.year AS year, e.date AS date, e.name AS title, [e] + involved AS entities
  UNION ALL
  MATCH (p:Policy) WHERE p.year IS NOT NULL
    AND NOT EXISTS { MATCH (ev:Event)-[:INVOLVES]->(p) WHERE ev.year = p.year }
  OPTIONAL MATCH (p)-[:ISSUED_BY]->(o:Organization)
  WITH p, collect(DISTINCT o) AS issuers
  RETURN p.year AS year, p.date AS date, 'Issued: ' + p.name AS title, [p] + issuers AS entities
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
