// Full text over English, Chinese and aliases. The `cjk` analyzer splits Chinese into overlapping
// bigrams (中关村 -> 中关, 关村) and English into lower-cased words, so one index serves both.
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
FOR (n:Zone|Program|Policy|Company|IndustryCluster|Organization|Place|Designation|Technology|Event|Indicator|Source)
ON EACH [n.name, n.nameZh, n.aliases, n.description]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };

// Every name an entity is known by, whole: `searchNames` holds the normalised name, Chinese name,
// aliases and toneless pinyin, each also without spaces (src/graph/search-text.ts, written with the
// entity). The `keyword` analyzer keeps each as one term, so a search finds a name exactly, by its
// start or inside it.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Zone|Program|Policy|Company|IndustryCluster|Organization|Place|Designation|Technology|Event|Indicator|Source)
ON EACH [n.searchNames]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: false } };

// The quotes of evidence (SOURCED_FROM) and of every relation: facts that exist only in a quote.
CREATE FULLTEXT INDEX evidence_text IF NOT EXISTS
FOR ()-[r:SOURCED_FROM|LOCATED_IN|PART_OF|ISSUED_BY|LAUNCHED_BY|APPROVED_BY|ESTABLISHED_UNDER|LED_TO|DESIGNATED_AS|PARTICIPATES_IN|ORIGINATED_IN|SPECIALIZES_IN|INVOLVES|MEASURES]-()
ON EACH [r.quote]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };

// The keys entities gave up (`formerKeys`, src/graph/lookup.ts), each one whole (`keyword`): a key that
// finds no entity is looked up here with one index query. (A range index cannot find one item of a list.)
CREATE FULLTEXT INDEX entity_former_key_terms IF NOT EXISTS
FOR (n:Entity)
ON EACH [n.formerKeys]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: false } };
