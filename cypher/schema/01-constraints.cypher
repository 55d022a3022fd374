// One uniqueness constraint on `key` per label: keys identify nodes (and global IDs), and every
// lookup by key uses the constraint's index. Applied with IF NOT EXISTS at seed and at server start.
// Every node of the ontology is also an `Entity`, and one key names one entity across all labels
// (src/graph/entity-keys.ts; an existing store is migrated first, src/graph/key-migration.ts).

CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE;

CREATE CONSTRAINT zone_key IF NOT EXISTS FOR (n:Zone) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT program_key IF NOT EXISTS FOR (n:Program) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT policy_key IF NOT EXISTS FOR (n:Policy) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT company_key IF NOT EXISTS FOR (n:Company) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT industry_cluster_key IF NOT EXISTS FOR (n:IndustryCluster) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT organization_key IF NOT EXISTS FOR (n:Organization) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT place_key IF NOT EXISTS FOR (n:Place) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT designation_key IF NOT EXISTS FOR (n:Designation) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT technology_key IF NOT EXISTS FOR (n:Technology) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT event_key IF NOT EXISTS FOR (n:Event) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT indicator_key IF NOT EXISTS FOR (n:Indicator) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT source_key IF NOT EXISTS FOR (n:Source) REQUIRE n.key IS UNIQUE;
