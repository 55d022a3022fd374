// Indicators by metric and year (year may be null where the source gives none).
MATCH (i:Indicator)
RETURN i.metric AS metric, i.year AS year, count(i) AS count, collect(i {.*}) AS indicators
ORDER BY metric, year
