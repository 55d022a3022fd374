// Nodes per label. The dynamic label lets the planner answer each count from the count store.
CALL db.labels() YIELD label
CALL (label) {
  MATCH (n:$(label))
  RETURN count(n) AS count
}
RETURN label AS name, count
ORDER BY count DESC, name
