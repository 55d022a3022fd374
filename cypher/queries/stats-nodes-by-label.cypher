// Nodes per label. The dynamic label lets the planner answer each count from the count store.
// `Entity`, which every node of the ontology also carries (src/graph/entity-keys.ts), is left out.
CALL db.labels() YIELD label
WITH label WHERE label <> 'Entity'
CALL (label) {
  MATCH (n:$(label))
  RETURN count(n) AS count
}
RETURN label AS name, count
ORDER BY count DESC, name
