// Full-text search over name, nameZh, aliases and description of every label (index entity_text).
// $query is built by src/graph/search-query.ts; $labels (may be empty) narrows the kinds of entity.
// With $labels the index is not limited first: the narrowing must come before the LIMIT.
CALL db.index.fulltext.queryNodes('entity_text', $query, CASE WHEN size($labels) = 0 THEN {limit: $limit} ELSE {} END)
YIELD node, score
WHERE size($labels) = 0 OR any(label IN labels(node) WHERE label IN $labels)
RETURN node {.*} AS node, labels(node) AS labels, score
ORDER BY score DESC, node.key
LIMIT $limit
