// The national zones as of $year, as the graph counts them (approvedYear at most $year), the zones
// left out because their year is unknown, and every stated total for that year (Indicators of metric
// `zones-total`, e.g. the source document's 105 in 2009), so that an answer says where it departs.
CALL () {
  MATCH (z:Zone)
  RETURN count(CASE WHEN z.approvedYear <= $year THEN 1 END) AS counted,
         count(CASE WHEN z.approvedYear IS NULL THEN 1 END) AS undated
}
CALL () {
  OPTIONAL MATCH (i:Indicator {metric: 'zones-total'}) WHERE i.year = $year
  WITH i ORDER BY i.key
  RETURN collect(i {.*}) AS stated
}
RETURN counted, undated, stated
