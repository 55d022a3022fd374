// Zones per province-level division, most first.
MATCH (z:Zone)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(p:Place)
WHERE p.kind IN ['province', 'autonomous-region', 'municipality']
  AND ($asOf IS NULL OR z.approvedYear <= $asOf)
WITH p, count(DISTINCT z) AS zones
RETURN p {.*} AS place, zones
ORDER BY zones DESC, p.key
