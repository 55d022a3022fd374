// Relationships per type. A relationship is one source's statement: `count` and `statements` count
// them; `facts` counts the pairs of nodes they join (two sources stating "Huawei originated in
// Shenzhen" are two statements of one fact).
CALL db.relationshipTypes() YIELD relationshipType AS type
CALL (type) {
  MATCH (a)-[r:$(type)]->(b)
  RETURN count(r) AS count, count(DISTINCT [elementId(a), elementId(b)]) AS facts
}
RETURN type AS name, count, count AS statements, facts
ORDER BY count DESC, name
