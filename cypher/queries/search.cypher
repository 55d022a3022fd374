// The candidates of a search, ranked by src/graph/search-rank.ts. Three kinds, each from its index:
//   name      the text as a whole name: exact, prefix or inside a name key (entity_names, keyword);
//   text      the words in name, nameZh, aliases or description (entity_text, cjk);
//   evidence  the words in a quote (evidence_text, cjk): the quote supports its start node (the
//             entity) or the relation; its source is the Source of the evidence or of the relation
//             (by key: read only if the client asks for it).
// $names may be null (a text too long to be a name). $labels narrows the kinds of entity; empty means
// every kind but Source. $indexOptions limits what the index reads before the narrowing (no limit
// when narrowed: the narrowing must come before the LIMIT); $candidates caps the names and the words,
// $evidenceCandidates the quotes (which rank below any name match).
CALL () {
  UNWIND CASE WHEN $names IS NULL THEN [] ELSE [$names] END AS names
  CALL db.index.fulltext.queryNodes('entity_names', names, $indexOptions) YIELD node, score
  WITH node, score
  WHERE CASE WHEN size($labels) = 0 THEN NOT node:Source ELSE any(label IN labels(node) WHERE label IN $labels) END
  WITH node, score ORDER BY score DESC LIMIT $candidates
  RETURN 'name' AS kind, node, score, null AS evidence
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_text', $text, $indexOptions) YIELD node, score
  WITH node, score
  WHERE CASE WHEN size($labels) = 0 THEN NOT node:Source ELSE any(label IN labels(node) WHERE label IN $labels) END
  WITH node, score ORDER BY score DESC LIMIT $candidates
  RETURN 'text' AS kind, node, score, null AS evidence
  UNION ALL
  CALL db.index.fulltext.queryRelationships('evidence_text', $evidence, $evidenceOptions) YIELD relationship, score
  WITH relationship AS r, score, startNode(relationship) AS node
  WHERE CASE WHEN size($labels) = 0 THEN NOT node:Source ELSE any(label IN labels(node) WHERE label IN $labels) END
  WITH r, score, node ORDER BY score DESC LIMIT $evidenceCandidates
  WITH r, score, node, endNode(r) AS other
  RETURN 'evidence' AS kind, node, score, {
    quote: r.quote, paragraph: r.paragraph, type: type(r),
    other: CASE type(r) WHEN 'SOURCED_FROM' THEN null ELSE other {.*, searchNames: null} END,
    otherLabels: labels(other),
    sourceKey: CASE type(r) WHEN 'SOURCED_FROM' THEN other.key ELSE r.sourceKey END
  } AS evidence
}
RETURN kind, node {.*, searchNames: null} AS node, labels(node) AS labels, score, evidence,
       COUNT { (node)--() } - COUNT { (node)-[:SOURCED_FROM]-() } AS degree
