// Full text over English, Chinese and aliases. The `cjk` analyzer splits Chinese into overlapping
// bigrams (中关村 -> 中关, 关村) and English into lower-cased words, so one index serves both.
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
FOR (n:Zone|Program|Policy|Company|IndustryCluster|Organization|Place|Designation|Technology|Event|Indicator|Source)
ON EACH [n.name, n.nameZh, n.aliases, n.description]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };
