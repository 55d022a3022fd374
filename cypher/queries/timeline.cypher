// Every dated fact, one row each: milestones, policies issued, programs launched, companies founded,
// zones becoming national, designations granted. $fromYear/$toYear may be null; $labels narrows the
// kinds of entity a row must involve (empty: all).
CALL () {
  MATCH (e:Event) WHERE e.year IS NOT NULL
  OPTIONAL MATCH (e)-[:INVOLVES]->(x)
  WITH e, collect(DISTINCT x) AS involved
  RETURN e.year AS year, e.date AS date, e.name AS title, [e] + involved AS entities
  UNION ALL
  MATCH (p:Policy) WHERE p.year IS NOT NULL
  OPTIONAL MATCH (p)-[:ISSUED_BY]->(o:Organization)
  WITH p, collect(DISTINCT o) AS issuers
  RETURN p.year AS year, p.date AS date, 'Issued: ' + p.name AS title, [p] + issuers AS entities
  UNION ALL
  MATCH (g:Program) WHERE g.year IS NOT NULL
  RETURN g.year AS year, g.date AS date, 'Launched: ' + g.name AS title, [g] AS entities
  UNION ALL
  MATCH (c:Company) WHERE c.foundedYear IS NOT NULL
  RETURN c.foundedYear AS year, null AS date, 'Founded: ' + c.name AS title, [c] AS entities
  UNION ALL
  MATCH (z:Zone) WHERE z.approvedYear IS NOT NULL
  RETURN z.approvedYear AS year, z.approvedDate AS date, 'Becomes a national hi-tech zone: ' + z.name AS title, [z] AS entities
  UNION ALL
  MATCH (z:Zone)-[r:DESIGNATED_AS]->(d:Designation)
  WHERE r.since IS NOT NULL AND d.key <> 'national-hi-tech-zone'
  WITH z, d, min(r.since) AS year, min(r.date) AS date
  RETURN year, date, z.name + ' designated: ' + d.name AS title, [z, d] AS entities
}
WITH year, date, title, entities
WHERE ($fromYear IS NULL OR year >= $fromYear) AND ($toYear IS NULL OR year <= $toYear)
  AND (size($labels) = 0 OR any(n IN entities WHERE any(l IN labels(n) WHERE l IN $labels)))
RETURN year, date, title, [n IN entities | n {.*, __labels: labels(n)}] AS entities
ORDER BY year, coalesce(date, toString(year)), title
