// Zones that became national per year, with the running total (zones without a known year are left out).
MATCH (z:Zone) WHERE z.approvedYear IS NOT NULL
WITH z.approvedYear AS year, count(z) AS approved
ORDER BY year
WITH collect({year: year, approved: approved}) AS years
UNWIND range(0, size(years) - 1) AS i
RETURN years[i].year AS year, years[i].approved AS approved,
       reduce(total = 0, y IN years[0..i + 1] | total + y.approved) AS total
ORDER BY year
