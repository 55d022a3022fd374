// Range indexes for the properties that lists filter and order on.
CREATE INDEX zone_approved_year IF NOT EXISTS FOR (n:Zone) ON (n.approvedYear);
CREATE INDEX zone_name IF NOT EXISTS FOR (n:Zone) ON (n.name);
CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name);
CREATE INDEX place_kind IF NOT EXISTS FOR (n:Place) ON (n.kind);
CREATE INDEX event_year IF NOT EXISTS FOR (n:Event) ON (n.year);
CREATE INDEX policy_year IF NOT EXISTS FOR (n:Policy) ON (n.year);
CREATE INDEX program_year IF NOT EXISTS FOR (n:Program) ON (n.year);
CREATE INDEX indicator_metric_year IF NOT EXISTS FOR (n:Indicator) ON (n.metric, n.year);
CREATE INDEX designation_kind IF NOT EXISTS FOR (n:Designation) ON (n.kind);
// The entities that gave up a key (src/graph/lookup.ts): an import reads them all by this index to
// match its references against their former keys (one key is found by entity_former_key_terms).
CREATE INDEX entity_former_keys IF NOT EXISTS FOR (n:Entity) ON (n.formerKeys);
